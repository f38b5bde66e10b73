/**
 * A program in the registry, as a long-lived workflow (`program-<programId>`): it owns
 * the program's level and certificate, so every level change is recorded by an activity
 * with a timeline entry, and the certificate's life is timers here rather than a table
 * scan: renewal reminders 90 and 30 days before expiry (policy), and at expiry an expired
 * Partner certificate drops the program to Affiliate.
 */
import type { EmailTemplateRef } from '../../platform/emails/messages';
import { programsEmail } from './email-messages';
import { LevelChanges } from './level-changes';
import { PROGRAM, programProjection, type ProgramRow } from './projection';
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  defineSignal,
  defineUpdate,
  patched,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { deliverEmails, recordTransitionUntilWritten } from '../../platform/workflow/activities';
import { addDays, subtractDuration, type BusinessCalendar } from '../../platform/workflow/calendar';
import { businessCalendarOf } from '../../platform/workflow/jurisdiction';
import { applyOrganisationSettings, organisationSettingsSignal } from '../../platform/workflow/organisation-settings';
import { caseRecordedUpdate } from '../../platform/workflow/messages';
import type { Policy } from '../../platform/workflow/policy';
import {
  SYSTEM,
  type Actor,
  templatedEmail,
  type EmailMessage,
  type TimelineEvent,
  type TransitionInput,
} from '../../platform/workflow/records';

export type ProgramLevel = ProgramRow['level'];

export interface SetProgramLevelInput {
  level: ProgramLevel;
  certifiedUntil?: string | null;
  note: string;
  actor: Actor;
  /** Set by a certification case that already mirrored the change, so it is recorded once. */
  eventId?: string;
  caseId?: string;
}

interface ProgramState {
  program: ProgramRow;
  recorded: boolean;
  /** How many renewal reminders went out for the current certificate. */
  renewalRemindersSent: number;
}

export interface ProgramRecordInput {
  program: ProgramRow;
  policy: Policy;
  createdBy: Actor;
  /** Carried over by continue-as-new. */
  state?: ProgramState;
}

export interface ProgramRecordResult {
  programId: string;
}

/** The admin's import of a level granted outside this system. */
export const setProgramLevelUpdate = defineUpdate<ProgramRow, [SetProgramLevelInput]>('setProgramLevel');
/** A certification case's decision (workflows cannot send Updates to each other). */
export const programLevelSignal = defineSignal<[SetProgramLevelInput]>('programLevel');

/** Writes a program's change, and (from this version on) delivers its e-mails as their own step. */
async function record(input: TransitionInput): Promise<void> {
  // Each write carries the record's next version, so a write retried late never undoes a newer one.
  for (const p of input.projections ?? []) {
    if (p.kind === PROGRAM) (p.row as ProgramRow).version = ((p.row as ProgramRow).version ?? 0) + 1;
  }
  await recordTransitionUntilWritten(input);
  const keys = (input.emails ?? []).map((m) => m.key);
  if (keys.length && patched('program-email-step')) await deliverEmails({ keys }).catch(() => undefined);
}

export const programWorkflowId = (programId: string): string => `program-${programId}`;

/** A certificate is valid through its certifiedUntil date (in the jurisdiction's time zone). */
export const certificateEnd = (certifiedUntil: string, calendar: BusinessCalendar): number =>
  calendar.startOfDay(addDays(certifiedUntil, 1));

export async function programRecordWorkflow(input: ProgramRecordInput): Promise<ProgramRecordResult> {
  const state: ProgramState = input.state ?? { program: input.program, recorded: false, renewalRemindersSent: 0 };
  const p = state.program;
  const policy = input.policy;
  let calendar = businessCalendarOf(policy);
  const link = () => `${policy.publicBaseUrl}/api/v1/programs/${p.id}`;
  const event = (actor: Actor, name: string, detail: Record<string, unknown>, id = uuid4()): TimelineEvent => ({
    id,
    caseId: p.id,
    at: new Date(Date.now()).toISOString(),
    actor,
    event: name,
    detail,
  });
  const tellContact = (key: string, message: EmailTemplateRef): EmailMessage =>
    templatedEmail(key, [p.contactEmail], message, link());
  let changed = 0;

  async function applyLevel({
    level,
    certifiedUntil,
    note,
    actor,
    eventId,
    caseId,
  }: SetProgramLevelInput): Promise<void> {
    const from = { level: p.level, certifiedUntil: p.certifiedUntil ?? null };
    p.level = level;
    p.certifiedUntil = level === 'partner' ? (certifiedUntil ?? null) : null;
    if (p.certifiedUntil !== from.certifiedUntil) {
      // Reminders already due for a certificate imported close to its expiry: send the latest one only.
      const ends = p.certifiedUntil ? certificateEnd(p.certifiedUntil, calendar) : 0;
      const due = policy.certification.renewalReminders.filter(
        (d) => subtractDuration(ends, d, calendar) <= Date.now(),
      ).length;
      state.renewalRemindersSent = Math.max(0, due - 1);
    }
    changed++;
    await record({
      projections: [programProjection(p)],
      events: [
        event(
          actor,
          'level_changed',
          { from, to: { level, certifiedUntil: p.certifiedUntil }, note, ...(caseId ? { caseId } : {}) },
          eventId,
        ),
      ],
    });
  }

  setHandler(caseRecordedUpdate, async () => {
    await condition(() => state.recorded);
    return { caseId: p.id };
  });
  // Changes are queued and written by the main loop (level-changes.ts); a run started before
  // that writes them from the handlers, and moves to a new run at its next wake.
  const queued = patched('program-changes-queued');
  const changes = new LevelChanges();
  const writeChanges = () => changes.writeAll(async (change) => (await applyLevel(change), { ...p }));
  setHandler(
    setProgramLevelUpdate,
    async (change) => {
      if (queued) return changes.fromUpdate(change);
      await applyLevel(change);
      return p;
    },
    {
      validator: ({ level, certifiedUntil }) => {
        if (level === 'partner' && !certifiedUntil) {
          throw ApplicationFailure.create({
            type: 'certified_until_required',
            message: 'A Partner level needs certifiedUntil',
            nonRetryable: true,
          });
        }
      },
    },
  );
  setHandler(programLevelSignal, (change) => (queued ? changes.fromSignal(change) : applyLevel(change)));
  setHandler(organisationSettingsSignal, (settings) => {
    applyOrganisationSettings(policy, settings);
    calendar = businessCalendarOf(policy);
  });

  if (!state.recorded) {
    await record({
      projections: [programProjection(p)],
      events: [event(input.createdBy, 'program_registered', { level: p.level })],
    });
    state.recorded = true;
  }
  await writeChanges();

  const historyFull = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > policy.maxHistoryEvents;
  for (;;) {
    if (!queued && patched('program-changes-queued-next-run')) {
      // A run of before the queue moves to a new run (which queues) as soon as it wakes.
      await condition(allHandlersFinished);
      await continueAsNew<typeof programRecordWorkflow>({ ...input, state });
    }
    const seen = changed;
    // The next instant something happens to the certificate: a renewal reminder, or its end.
    let next: { at: number; what: 'reminder' | 'expiry' } | undefined;
    if (p.level === 'partner' && p.certifiedUntil) {
      const ends = certificateEnd(p.certifiedUntil, calendar);
      const reminder = policy.certification.renewalReminders[state.renewalRemindersSent];
      next = reminder
        ? { at: subtractDuration(ends, reminder, calendar), what: 'reminder' }
        : { at: ends, what: 'expiry' };
    }
    const interrupted = () => changed !== seen || changes.pending || historyFull();
    const woke = next
      ? await condition(interrupted, Math.max(1, next.at - Date.now()))
      : await condition(interrupted).then(() => true);
    if (changes.pending) {
      await writeChanges();
      continue;
    }
    if (!woke && next?.what === 'reminder') {
      const n = state.renewalRemindersSent++;
      await record({
        projections: [programProjection(p)],
        events: [event(SYSTEM, 'renewal_reminder_sent', { certifiedUntil: p.certifiedUntil })],
        emails: [
          tellContact(
            `${p.id}:${p.certifiedUntil}:renewal-${n}`,
            programsEmail('renewal-reminder', {
              programName: p.name,
              certifiedUntil: `${p.certifiedUntil}`,
              programId: p.id,
            }),
          ),
        ],
      });
      continue;
    }
    if (!woke && next?.what === 'expiry') {
      const expired = p.certifiedUntil;
      p.level = 'affiliate';
      p.certifiedUntil = null;
      await record({
        projections: [programProjection(p)],
        events: [event(SYSTEM, 'certificate_expired', { certifiedUntil: expired, level: 'affiliate' })],
        emails: [
          tellContact(
            `${p.id}:${expired}:expired`,
            programsEmail('certificate-expired', { programName: p.name, certifiedUntil: `${expired}` }),
          ),
        ],
      });
      continue;
    }
    if (historyFull()) {
      // A change queued while waiting for the handlers is written in this run, then it continues.
      await condition(() => changes.pending || allHandlersFinished());
      if (changes.pending) continue;
      await continueAsNew<typeof programRecordWorkflow>({ ...input, state });
    }
  }
}
