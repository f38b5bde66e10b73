/**
 * A program in the registry, as a long-lived workflow (`program-<programId>`): it owns
 * the program's level and certificate, so every level change is recorded by an activity
 * with a timeline entry, and an expiring certificate is a timer here rather than a
 * table scan. An expired Partner certificate drops the program to Affiliate.
 */
import {
  ApplicationFailure,
  condition,
  continueAsNew,
  defineUpdate,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
  allHandlersFinished,
} from '@temporalio/workflow';
import type { ReadModelActivities } from '../../activities/read-model';
import { addDays, laStartOfDay } from '../shared/calendar';
import { caseRecordedUpdate } from '../shared/messages';
import type { Policy } from '../shared/policy';
import { SYSTEM, type Actor, type ProgramRow, type TimelineEvent } from '../shared/records';

export type ProgramLevel = ProgramRow['level'];

export interface SetProgramLevelInput {
  level: ProgramLevel;
  certifiedUntil?: string | null;
  note: string;
  actor: Actor;
}

export interface ProgramRecordInput {
  program: ProgramRow;
  policy: Policy;
  createdBy: Actor;
  /** Carried over by continue-as-new. */
  state?: { program: ProgramRow; recorded: boolean };
}

export interface ProgramRecordResult {
  programId: string;
}

export const setProgramLevelUpdate = defineUpdate<ProgramRow, [SetProgramLevelInput]>('setProgramLevel');

const { recordTransition } = proxyActivities<ReadModelActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export const programWorkflowId = (programId: string): string => `program-${programId}`;

export async function programRecordWorkflow(input: ProgramRecordInput): Promise<ProgramRecordResult> {
  const state = input.state ?? { program: input.program, recorded: false };
  const p = state.program;
  const event = (actor: Actor, name: string, detail: Record<string, unknown>): TimelineEvent => ({
    id: uuid4(), caseId: p.id, at: new Date(Date.now()).toISOString(), actor, event: name, detail,
  });
  let changed = 0;

  setHandler(caseRecordedUpdate, async () => {
    await condition(() => state.recorded);
    return { caseId: p.id };
  });
  setHandler(
    setProgramLevelUpdate,
    async ({ level, certifiedUntil, note, actor }) => {
      const from = { level: p.level, certifiedUntil: p.certifiedUntil ?? null };
      p.level = level;
      p.certifiedUntil = level === 'partner' ? (certifiedUntil ?? null) : null;
      changed++;
      await recordTransition({
        program: p,
        events: [event(actor, 'level_changed', { from, to: { level, certifiedUntil: p.certifiedUntil }, note })],
      });
      return p;
    },
    {
      validator: ({ level, certifiedUntil }) => {
        if (level === 'partner' && !certifiedUntil) {
          throw ApplicationFailure.create({ type: 'certified_until_required', message: 'A Partner level needs certifiedUntil', nonRetryable: true });
        }
      },
    },
  );

  if (!state.recorded) {
    await recordTransition({ program: p, events: [event(input.createdBy, 'program_registered', { level: p.level })] });
    state.recorded = true;
  }

  for (;;) {
    const seen = changed;
    // A certificate is valid through its certifiedUntil date (Los Angeles).
    const expiresAt = p.level === 'partner' && p.certifiedUntil ? laStartOfDay(addDays(p.certifiedUntil, 1)) : undefined;
    const historyFull = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > input.policy.maxHistoryEvents;
    const woke = expiresAt === undefined
      ? await condition(() => changed !== seen || historyFull()).then(() => true)
      : await condition(() => changed !== seen || historyFull(), Math.max(1, expiresAt - Date.now()));
    if (!woke) {
      const expired = p.certifiedUntil;
      p.level = 'affiliate';
      p.certifiedUntil = null;
      await recordTransition({ program: p, events: [event(SYSTEM, 'certificate_expired', { certifiedUntil: expired, level: 'affiliate' })] });
      continue;
    }
    if (historyFull()) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof programRecordWorkflow>({ ...input, state });
    }
  }
}
