/**
 * A match continued as new whose first meeting or anniversary is recorded as its run starts,
 * on a worker that keeps no workflow in its cache (every task replays the whole history, as
 * after a restart). The Update can come with the run's first activation (sent before the run's
 * first poll, or a rebuild of a start that issued no command together with the Update), and
 * setHandler runs it at once: the first meeting starts the contact schedule and the anniversary, a
 * recommitment the next anniversary, before the start resumes the schedule of an active
 * match. Each must then run once: started twice they open every contact twice, and a
 * rebuilt run issues other commands than its history (the case fails its workflow task for
 * ever, the case worker's completion never answered).
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { completeTaskUpdate } from '../../../../platform/workflow/messages';
import { env, uncachedWorker, within } from '../../../../test/workflows/harness';
import { matchWorkflow, matchWorkflowId } from '../../match';
import { continued, cw, task } from './match-fixtures';

const metUpdate = (taskId: string) => ({ taskId, outcome: 'done', actor: cw });
const recommitUpdate = (taskId: string) => ({ taskId, outcome: 'recommit', actor: cw });

/**
 * No failed workflow task; the schedule's timers pending once each; it replays. After a first
 * meeting: the contact schedule's, the first contact's reminder, the anniversary's and the next
 * relationship survey round's (match/surveys.ts); after a recommitment: the check-in's, the
 * anniversary's and the survey round's.
 */
async function expectSound(workflowId: string, timers: number): Promise<void> {
  const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const failed = events.filter((e) => e.workflowTaskFailedEventAttributes);
  expect(failed.map((e) => e.workflowTaskFailedEventAttributes?.failure?.message)).toEqual([]);
  const started = events.filter((e) => e.timerStartedEventAttributes).length;
  const cancelled = events.filter((e) => e.timerCanceledEventAttributes).length;
  expect(started - cancelled).toBe(timers);
  await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, history);
}

async function now(): Promise<number> {
  return Number((await env.connection.testService!.getCurrentTime({})).time?.seconds) * 1000;
}

test('a first meeting recorded on the uncached worker right after the run started schedules once, and replays', async () => {
  const taskQueue = `sched-${randomUUID()}`;
  const worker = await uncachedWorker(taskQueue);
  const running = worker.run();
  try {
    const meeting = task(randomUUID(), 'first_meeting', await now(), true, ['done']);
    const input = continued(await now(), 'awaiting_first_meeting', [meeting]);
    const h = await env.client.workflow.start(matchWorkflow, {
      taskQueue,
      workflowId: matchWorkflowId(input.caseId),
      args: [input],
    });
    // The run's first workflow task issues nothing (the task is overdue); then the meeting is recorded.
    await within(
      (async () => {
        while (!(await h.fetchHistory()).events?.some((e) => e.workflowTaskCompletedEventAttributes)) {
          await new Promise((r) => setTimeout(r, 100));
        }
      })(),
      30_000,
      'the run starts',
    );
    const done = await within(h.executeUpdate(completeTaskUpdate, { args: [metUpdate(meeting.id)] }), 30_000, 'done');
    expect(done.task.status).toBe('completed');
    await expectSound(h.workflowId, 4);
  } finally {
    worker.shutdown();
    await running;
  }
}, 120_000);

test.each([
  ['a first meeting (overdue)', 'awaiting_first_meeting', 'first_meeting', true],
  ['a first meeting (its timers running)', 'awaiting_first_meeting', 'first_meeting', false],
  ['a recommitment (overdue)', 'active', 'anniversary', true],
] as const)(
  '%s recorded before any worker polls the continued run schedules once, and replays',
  async (_label, stage, type, overdue) => {
    const taskQueue = `sched-${randomUUID()}`;
    const open = task(
      randomUUID(),
      type,
      await now(),
      overdue,
      type === 'anniversary' ? ['recommit', 'close'] : ['done'],
    );
    const input = continued(await now(), stage, [open]);
    const h = await env.client.workflow.start(matchWorkflow, {
      taskQueue,
      workflowId: matchWorkflowId(input.caseId),
      args: [input],
    });
    // Sent while no worker polls: the Update comes with the run's first activation.
    const accepted = h.startUpdate(completeTaskUpdate, {
      args: [type === 'anniversary' ? recommitUpdate(open.id) : metUpdate(open.id)],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    await new Promise((r) => setTimeout(r, 1_000));
    const worker = await uncachedWorker(taskQueue);
    const running = worker.run();
    try {
      const update = await within(accepted, 30_000, 'the completion is accepted');
      const done = await within(update.result(), 30_000, 'the completion is answered');
      expect(done.task.status).toBe('completed');
      await expectSound(h.workflowId, type === 'anniversary' ? 3 : 4);
    } finally {
      worker.shutdown();
      await running;
    }
  },
  120_000,
);
