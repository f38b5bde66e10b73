/**
 * A match told that a party is taken (a signal from the party's record: the proposal is
 * cancelled, the parties told, the cancellation written) in the same workflow task as the case
 * worker's record of the first meeting (an Update), on a worker that keeps no workflow in its
 * cache. Whatever order core hands the two over in, the commands must be the same on the replay:
 * the signal's work runs in turn after the task's Update (a match whose first meeting is recorded
 * in that task is not cancelled; the party's record has refused it on its own timeline).
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import { completeTaskUpdate } from '../../../../platform/workflow/messages';
import { env, inOneTask, within } from '../../../../test/workflows/harness';
import { matchWorkflow, matchWorkflowId } from '../../match';
import { partyTakenSignal } from '../../messages';
import { continued, cw, task } from './match-fixtures';

test.each([
  ['signal first', ['signal', 'update']],
  ['Update first', ['update', 'signal']],
] as const)(
  'a party taken and the first meeting recorded in one task (%s): both answered, and it replays',
  async (_l, order) => {
    const taskQueue = `taken-upd-${randomUUID()}`;
    const now = Date.now();
    const meeting = task(randomUUID(), 'first_meeting', now, false, ['done']);
    const input = continued(now, 'awaiting_first_meeting', [meeting]);
    const h = await env.client.workflow.start(matchWorkflow, {
      taskQueue,
      workflowId: matchWorkflowId(input.caseId),
      args: [input],
    });
    // With no worker polling, the signal and the Update wait for one workflow task.
    let accepted: Promise<{ result(): Promise<unknown> }> | undefined;
    const history = await inOneTask(taskQueue, h, {
      ready: () =>
        within(
          (async () => {
            while (!(await h.fetchHistory()).events?.some((e) => e.workflowTaskCompletedEventAttributes))
              await new Promise((r) => setTimeout(r, 100));
          })(),
          30_000,
          'the run starts',
        ),
      send: async () => {
        for (const kind of order) {
          if (kind === 'signal') await h.signal(partyTakenSignal, { party: 'mentor', reason: 'in another match' });
          else {
            accepted = h.startUpdate(completeTaskUpdate, {
              args: [{ taskId: meeting.id, outcome: 'done', actor: cw }],
              waitForStage: WorkflowUpdateStage.ACCEPTED,
            });
            await new Promise((r) => setTimeout(r, 500));
          }
        }
      },
      then: async () => {
        const update = await within(accepted!, 30_000, 'the meeting is accepted');
        // The task's Update is taken first, then the signal's work: the same in either order of hand-over.
        await within(update.result(), 30_000, 'the meeting is answered');
        await new Promise((r) => setTimeout(r, 1_000));
      },
    });
    expect(history.events?.some((e) => e.workflowExecutionSignaledEventAttributes)).toBe(true);
    await h.terminate('done');
  },
  120_000,
);
