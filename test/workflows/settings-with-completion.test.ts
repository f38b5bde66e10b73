/**
 * The organisation's settings (a holiday that moves an open deadline, so the case writes the
 * move) told to an ECE certification in the same workflow task as a committee member's vote (a
 * completion: its write comes after an await in the handler, not in its synchronous part), on a
 * worker that keeps no workflow in its cache. The settings' work runs in turn after the jobs of
 * the task; the completion's write must not race it.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import { env, inOneTask, person, policy, uncachedWorker, within } from './harness';
import { caseRecordedUpdate, completeTaskUpdate, openTasksQuery } from '../../platform/workflow/messages';
import { organisationSettingsSignal } from '../../platform/workflow/organisation-settings';
import { BOTH_ORDERS, holidayOnNextBusinessDay, recordingWrites } from './one-task-fixtures';
import { eceCertificationWorkflow, eceCertificationWorkflowId } from '../../processes/ece/certification';
import { eceApplication } from '../../processes/ece/test/workflows/ece-fixtures';

const coordinator = person('cc-turn', ['college_coordinator'], { collegeId: 'c1' });
const member = person('member-turn', ['selection_committee'], { collegeId: 'c1' });

test.each(BOTH_ORDERS)(
  'a holiday told and a vote cast in one task (%s): both written, and it replays',
  async (_l, order) => {
    const queue = `settings-done-${randomUUID()}`;
    const { written, activities: recording } = recordingWrites();
    const worker = await uncachedWorker(queue, recording);
    const running = worker.run();
    const now = Number(await env.currentTimeMs());
    const caseId = randomUUID();
    const h = await env.client.workflow.start(eceCertificationWorkflow, {
      taskQueue: queue,
      workflowId: eceCertificationWorkflowId(caseId),
      args: [
        eceApplication(
          caseId,
          { id: 'mentor-turn', name: 'Maya Mentor', email: 'maya@example.org' },
          coordinator,
          policy,
        ),
      ],
    });
    await h.executeUpdate(caseRecordedUpdate);
    const mine = (await h.query(openTasksQuery)).find((t) => t.type === 'committee_vote')!;
    worker.shutdown();
    await running;

    const settings = holidayOnNextBusinessDay(policy, now);
    let accepted: Promise<{ result(): Promise<unknown> }> | undefined;
    const history = await inOneTask(
      queue,
      h,
      {
        ready: async () => undefined,
        send: async () => {
          for (const kind of order) {
            if (kind === 'signal') await h.signal(organisationSettingsSignal, settings);
            else {
              accepted = h.startUpdate(completeTaskUpdate, {
                args: [{ taskId: mine.id, outcome: 'approve', actor: member }],
                waitForStage: WorkflowUpdateStage.ACCEPTED,
              });
              await new Promise((r) => setTimeout(r, 500));
            }
          }
        },
        then: async () => {
          const update = await within(accepted!, 30_000, 'the vote is accepted');
          await within(update.result(), 30_000, 'the vote is answered');
          await within(
            (async () => {
              // A failed workflow task is told at once (the harness checks for it only at the end).
              for (;;) {
                const failed = ((await h.fetchHistory()).events ?? []).find((e) => e.workflowTaskFailedEventAttributes);
                if (failed)
                  throw new Error(`failed task: ${failed.workflowTaskFailedEventAttributes?.failure?.message}`);
                if (written.includes('task_due_moved')) return;
                await new Promise((r) => setTimeout(r, 200));
              }
            })(),
            30_000,
            'the deadline moves and the move is written',
          );
          expect(written).toContain('committee_vote_cast');
          await new Promise((r) => setTimeout(r, 1_000));
        },
      },
      recording,
    );
    // What the task after the two wrote, in the order it scheduled it.
    const writes = (history.events ?? [])
      .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordTransition')
      .map((e) => {
        const payload = e.activityTaskScheduledEventAttributes!.input!.payloads![0].data!;
        const input = JSON.parse(Buffer.from(payload).toString()) as { events?: { event: string }[] };
        return (input.events ?? []).map((x) => x.event).join('+');
      });
    // In either order the vote's write is scheduled before the move's (the settings' work is in turn).
    const vote = writes.findIndex((w) => w.includes('committee_vote_cast'));
    const move = writes.findIndex((w) => w.includes('task_due_moved'));
    expect(vote).toBeGreaterThan(0);
    expect(move).toBeGreaterThan(vote);
    await h.terminate('done');
  },
  120_000,
);
