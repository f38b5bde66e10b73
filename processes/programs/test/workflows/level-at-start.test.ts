/**
 * A program record's level changed by an admin as its run starts, on a worker that keeps no
 * workflow in its cache (every task replays the whole history, as after a restart). An Update
 * sent before the run's first poll comes with its first activation and setHandler runs it at
 * once, before the rest of the start; a replay hands it over one activation later. What the
 * start does (registering a new program, the certificate's next timer of a continued run) must
 * not depend on that, or the record fails its workflow task for ever and the admin's change is
 * never answered.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import type { TransitionInput } from '../../../../platform/workflow/records';
import { env, person, policy, uncachedWorker, within } from '../../../../test/workflows/harness';
import type { ProgramRow } from '../../projection';
import {
  programRecordWorkflow,
  programWorkflowId,
  setProgramLevelUpdate,
  type ProgramRecordInput,
} from '../../workflow';

const admin = person('admin-early', ['admin']);

function program(id: string, level: ProgramRow['level'], certifiedUntil: string | null): ProgramRow {
  return {
    id,
    name: 'Program',
    organization: 'Org',
    contactEmail: 'program@example.org',
    county: 'Sacramento',
    startedOn: '2015-09-01',
    minimumMatchMonths: 12,
    level,
    certifiedUntil,
    createdBy: admin.id,
    createdAt: '2026-01-01T00:00:00.000Z',
  };
}

/** The uncached worker, its writes' events kept in `written`. */
const recordingWorker = (taskQueue: string, written: string[]) =>
  uncachedWorker(taskQueue, {
    recordTransition: async (input: TransitionInput) => {
      written.push(...(input.events ?? []).map((e) => e.event));
      return { emailsSent: 0 };
    },
  });

/** No failed workflow task, `timers` certificate timers pending, and the history replays. */
async function expectSound(workflowId: string, timers: number): Promise<void> {
  // The certificate's timer may start a workflow task after the Update is answered: wait for it.
  const pending = (h: Awaited<ReturnType<typeof fetch>>) =>
    (h.events ?? []).filter((e) => e.timerStartedEventAttributes).length -
    (h.events ?? []).filter((e) => e.timerCanceledEventAttributes).length;
  const fetch = () => env.client.workflow.getHandle(workflowId).fetchHistory();
  let history = await fetch();
  for (let i = 0; i < 100 && pending(history) < timers; i++) {
    await new Promise((r) => setTimeout(r, 100));
    history = await fetch();
  }
  const events = history.events ?? [];
  const failed = events.filter((e) => e.workflowTaskFailedEventAttributes);
  expect(failed.map((e) => e.workflowTaskFailedEventAttributes?.failure?.message)).toEqual([]);
  const started = events.filter((e) => e.timerStartedEventAttributes).length;
  const cancelled = events.filter((e) => e.timerCanceledEventAttributes).length;
  expect(started - cancelled).toBe(timers);
  await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, history);
}

const renewal = { level: 'partner' as const, certifiedUntil: '2031-06-30', note: 'renewed', actor: admin };

test.each([
  ['a new program', undefined, ['program_registered', 'level_changed']],
  ['a continued Partner', 'partner', ['level_changed']],
  ['a continued Affiliate', 'affiliate', ['level_changed']],
] as const)(
  'a level change sent before any worker polls %s is answered, one certificate timer runs, and it replays',
  async (_label, carried, expected) => {
    const taskQueue = `prog-early-${randomUUID()}`;
    const id = `prog-${randomUUID()}`;
    const row = program(id, carried ?? 'none', carried === 'partner' ? '2030-06-30' : null);
    const input: ProgramRecordInput = {
      program: row,
      policy,
      createdBy: admin,
      ...(carried ? { state: { program: row, recorded: true, renewalRemindersSent: 0 } } : {}),
    };
    const h = await env.client.workflow.start(programRecordWorkflow, {
      taskQueue,
      workflowId: programWorkflowId(id),
      args: [input],
    });
    // Sent while no worker polls: the Update comes with the run's first activation.
    const accepted = h.startUpdate(setProgramLevelUpdate, {
      args: [renewal],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    await new Promise((r) => setTimeout(r, 1_000));
    const written: string[] = [];
    const worker = await recordingWorker(taskQueue, written);
    const running = worker.run();
    try {
      const update = await within(accepted, 30_000, 'the change is accepted');
      const answer = await within(update.result(), 30_000, 'the change is answered');
      expect(answer).toMatchObject({ level: 'partner', certifiedUntil: '2031-06-30' });
      expect([...written].sort()).toEqual([...expected].sort());
      await expectSound(h.workflowId, 1);
    } finally {
      worker.shutdown();
      await running;
    }
  },
  120_000,
);

test('a level change on the uncached worker right after a continued Affiliate started is answered, and replays', async () => {
  const taskQueue = `prog-early-${randomUUID()}`;
  const id = `prog-${randomUUID()}`;
  const row = program(id, 'affiliate', null);
  const written: string[] = [];
  const worker = await recordingWorker(taskQueue, written);
  const running = worker.run();
  try {
    const h = await env.client.workflow.start(programRecordWorkflow, {
      taskQueue,
      workflowId: programWorkflowId(id),
      args: [
        { program: row, policy, createdBy: admin, state: { program: row, recorded: true, renewalRemindersSent: 0 } },
      ],
    });
    // The run's first workflow task issues nothing; the worker rebuilds it with the change.
    await within(
      (async () => {
        while (!(await h.fetchHistory()).events?.some((e) => e.workflowTaskCompletedEventAttributes)) {
          await new Promise((r) => setTimeout(r, 100));
        }
      })(),
      30_000,
      'the run starts',
    );
    const answer = await within(h.executeUpdate(setProgramLevelUpdate, { args: [renewal] }), 30_000, 'answered');
    expect(answer).toMatchObject({ level: 'partner' });
    expect(written).toEqual(['level_changed']);
    await expectSound(h.workflowId, 1);
  } finally {
    worker.shutdown();
    await running;
  }
}, 120_000);
