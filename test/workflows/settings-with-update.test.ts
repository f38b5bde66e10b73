/**
 * The organisation's settings (a holiday that moves an open deadline, so the case writes the
 * move) told to a leave case in the same workflow task as an HR officer's claim of its review
 * (an Update that writes too), on a worker that keeps no workflow in its cache. Whatever order
 * core hands the two over in, the commands must be the same on the replay: the settings' write
 * runs in turn after the task's Update, and the case never fails a workflow task.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import { env, inOneTask, person, policy, startLeaveCase, uncachedWorker, within } from './harness';
import { laYear } from '../../platform/workflow/calendar';
import { claimTaskUpdate, openTasksQuery } from '../../platform/workflow/messages';
import { organisationSettingsSignal } from '../../platform/workflow/organisation-settings';
import { BOTH_ORDERS, holidayOnNextBusinessDay, recordingWrites } from './one-task-fixtures';

const hr = person('hr-turn', ['hr_officer'], { department: 'CDT' });

test.each(BOTH_ORDERS)(
  'a holiday told and a claim made in one task (%s): both done, the move written, and it replays',
  async (_l, order) => {
    const queue = `settings-upd-${randomUUID()}`;
    const { written, activities: recording } = recordingWrites();
    const worker = await uncachedWorker(queue, recording);
    const running = worker.run();
    const now = Number(await env.currentTimeMs());
    const h = await startLeaveCase(person(`emp-turn-${order[0]}`, ['employee']), laYear(now), policy, queue);
    const review = (await h.query(openTasksQuery)).find((t) => t.type === 'eligibility_review')!;
    worker.shutdown();
    await running;

    const settings = holidayOnNextBusinessDay(policy, now);
    let accepted: Promise<{ result(): Promise<unknown> }> | undefined;
    await inOneTask(
      queue,
      h,
      {
        ready: async () => undefined,
        // With no worker polling, the signal and the Update wait for one workflow task.
        send: async () => {
          for (const kind of order) {
            if (kind === 'signal') await h.signal(organisationSettingsSignal, settings);
            else {
              accepted = h.startUpdate(claimTaskUpdate, {
                args: [{ taskId: review.id, actor: hr }],
                waitForStage: WorkflowUpdateStage.ACCEPTED,
              });
              await new Promise((r) => setTimeout(r, 500));
            }
          }
        },
        then: async () => {
          const update = await within(accepted!, 30_000, 'the claim is accepted');
          await within(update.result(), 30_000, 'the claim is answered');
          const moved = await within(
            (async () => {
              for (;;) {
                const task = (await h.query(openTasksQuery)).find((t) => t.id === review.id)!;
                if (task.dueAt !== review.dueAt && written.includes('task_due_moved')) return task;
                await new Promise((r) => setTimeout(r, 200));
              }
            })(),
            30_000,
            'the deadline moves and the move is written',
          );
          expect(moved.assigneeId).toBe(hr.id);
          await new Promise((r) => setTimeout(r, 1_000));
        },
      },
      recording,
    );
    await h.terminate('done');
  },
  120_000,
);
