/**
 * The program record's queue of level changes seen across workflow tasks: changes of a later
 * task never overtake those of an earlier one (the level that stays is the last one sent), an
 * admin's change whose write is refused is answered with the refusal while the record goes on,
 * and a record started before the queue existed moves to a run that queues at its next wake.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WorkflowUpdateStage } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { mutatedWorkflows, replaceOnce } from '../../../../lib/replay/mutated-workflows';
import { buildWorkflowBundle } from '../../../../lib/worker';
import type { TransitionInput } from '../../../../platform/workflow/records';
import { env, person, policy, uncachedWorker, within } from '../../../../test/workflows/harness';
import type { ProgramRow } from '../../projection';
import { affiliateRow } from './program-fixtures';
import { programLevelSignal, programRecordWorkflow, programWorkflowId, setProgramLevelUpdate } from '../../workflow';

const admin = person('admin-across', ['admin']);
const reviewer = person('reviewer-across', ['quality_reviewer']);
const row = (id: string): ProgramRow => affiliateRow(id, admin.id);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = (what: () => boolean, label: string) =>
  within(
    (async () => {
      while (!what()) await pause(100);
    })(),
    30_000,
    label,
  );
/** Each write as `event:note:level`. */
const described = (t: TransitionInput) =>
  (t.events ?? []).map((e) => {
    const to = (e.detail as { to?: { level?: string } }).to;
    return `${e.event}:${String(e.detail.note ?? '')}:${to?.level ?? ''}`;
  });

async function started(taskQueue: string) {
  const id = `prog-${randomUUID()}`;
  return env.client.workflow.start(programRecordWorkflow, {
    taskQueue,
    workflowId: programWorkflowId(id),
    args: [{ program: row(id), policy, createdBy: admin }],
  });
}

test('an admin change and a later case change queued behind a slow write are written in the order sent', async () => {
  const taskQueue = `prog-across-${randomUUID()}`;
  const written: string[] = [];
  let release!: () => void;
  const slow = new Promise<void>((r) => (release = r));
  const worker = await uncachedWorker(taskQueue, {
    recordTransition: async (t: TransitionInput) => {
      if (described(t).some((e) => e.includes(':first:'))) await slow;
      written.push(...described(t));
      return { emailsSent: 0 };
    },
  });
  const running = worker.run();
  try {
    const h = await started(taskQueue);
    await until(() => written.length === 1, 'registered');
    await h.signal(programLevelSignal, { level: 'affiliate', note: 'first', actor: reviewer });
    await pause(1_000);
    const update = await h.startUpdate(setProgramLevelUpdate, {
      args: [{ level: 'partner', certifiedUntil: '2031-06-30', note: 'admin-earlier', actor: admin }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    await h.signal(programLevelSignal, { level: 'affiliate', note: 'case-later', actor: reviewer });
    await pause(1_000);
    release();
    await within(update.result(), 30_000, 'the admin change is answered');
    await until(() => written.length === 4, 'every change written');
    expect(written.slice(1)).toEqual([
      'level_changed:first:affiliate',
      'level_changed:admin-earlier:partner',
      'level_changed:case-later:affiliate',
    ]);
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } },
      await h.fetchHistory(),
    );
  } finally {
    worker.shutdown();
    await running;
  }
}, 120_000);

test('an admin change whose write is refused is answered with the refusal, and the record goes on', async () => {
  const taskQueue = `prog-refused-${randomUUID()}`;
  const written: string[] = [];
  const worker = await uncachedWorker(taskQueue, {
    recordTransition: async (t: TransitionInput) => {
      if (described(t).some((e) => e.includes(':refused:')))
        throw ApplicationFailure.create({ type: 'bad_data', message: 'refused by the database', nonRetryable: true });
      written.push(...described(t));
      return { emailsSent: 0 };
    },
  });
  const running = worker.run();
  try {
    const h = await started(taskQueue);
    await until(() => written.length === 1, 'registered');
    const refused = h.executeUpdate(setProgramLevelUpdate, {
      args: [{ level: 'affiliate', note: 'refused', actor: admin }],
    });
    await expect(within(refused, 30_000, 'the refused change is answered')).rejects.toThrow();
    await h.signal(programLevelSignal, { level: 'affiliate', note: 'after', actor: reviewer });
    await until(() => written.length === 2, 'the next change is written');
    const { status } = await h.describe();
    expect(status.name).toBe('RUNNING');
  } finally {
    worker.shutdown();
    await running;
  }
}, 120_000);

test('a record started before the queue moves to a run that queues at its next change', async () => {
  // The code of before: no queue, and no move to a new run.
  const before = mutatedWorkflows('program-record-before-queue', [
    replaceOnce('processes/programs/workflow.ts', "patched('program-changes-queued')", 'false'),
    replaceOnce('processes/programs/workflow.ts', "!queued && patched('program-changes-queued-next-run')", 'false'),
  ]);
  const code = await buildWorkflowBundle(before.entry).finally(before.remove);
  const dir = path.resolve(__dirname, '../../../../.data/test');
  mkdirSync(dir, { recursive: true });
  const codePath = path.join(dir, `program-record-before-queue-${randomUUID()}.js`);
  writeFileSync(codePath, code);

  const taskQueue = `prog-move-${randomUUID()}`;
  const written: string[] = [];
  const activities = {
    recordTransition: async (t: TransitionInput) => {
      written.push(...described(t));
      return { emailsSent: 0 };
    },
  };
  // The suite's bundle is today's code; the run of before needs the bundle of before.
  const oldWorker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath },
    maxCachedWorkflows: 0,
    activities: {
      recordIncident: async () => undefined,
      caseRecorded: async () => ({ recorded: true }),
      deliverEmails: async () => ({ sent: 0 }),
      ...activities,
    },
  });
  let running = oldWorker.run();
  const h = await started(taskQueue);
  await until(() => written.length === 1, 'registered by the code of before');
  oldWorker.shutdown();
  await running;
  const firstRun = (await h.describe()).runId;

  const worker = await uncachedWorker(taskQueue, activities);
  running = worker.run();
  try {
    await h.signal(programLevelSignal, {
      level: 'partner',
      certifiedUntil: '2030-06-30',
      note: 'wakes',
      actor: reviewer,
    });
    await until(() => written.length === 2, 'the change is written');
    await within(
      (async () => {
        while ((await h.describe()).runId === firstRun) await pause(200);
      })(),
      30_000,
      'the record moves to a new run',
    );
    const answer = await within(
      h.executeUpdate(setProgramLevelUpdate, { args: [{ level: 'affiliate', note: 'then', actor: admin }] }),
      30_000,
      'a change to the new run is answered',
    );
    expect(answer).toMatchObject({ level: 'affiliate' });
    const history = await env.client.workflow.getHandle(h.workflowId, firstRun).fetchHistory();
    // A workflow task that closed the run while a new event arrived is sent back by the server
    // (UNHANDLED_COMMAND) and retried with that event: timing, not a failure of the code.
    const failed = (history.events ?? []).filter(
      (e) =>
        e.workflowTaskFailedEventAttributes &&
        ![1, 'WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND'].includes(
          e.workflowTaskFailedEventAttributes.cause as unknown as number | string,
        ),
    );
    expect(failed).toEqual([]);
  } finally {
    worker.shutdown();
    await running;
  }
}, 180_000);
