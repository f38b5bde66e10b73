/**
 * An Update sent before a run's first workflow task is taken (no worker polling): core hands it
 * over with the run's start, and setHandler runs it at once, so its acceptance comes before
 * whatever the start does after the handlers are set (a patched() marker, say); a replay hands
 * it over one activation later. A start that calls patched() after setting its Update handlers
 * must still replay. Checked for the referral (patched('program-unavailable-in-turn') after its
 * task Updates) on a worker that keeps no workflow in its cache.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import { env, inOneTask, policy, within } from './harness';
import { caseRecordedUpdate } from '../../platform/workflow/messages';
import { mentorReferralWorkflowId } from '../../processes/referral/ids';
import { mentorReferralWorkflow } from '../../processes/referral/workflow';
import { referralInput } from '../../processes/referral/test/workflows/referral-fixtures';

test('a referral whose caseRecorded Update comes with its first task replays', async () => {
  const queue = `first-task-${randomUUID()}`;
  const caseId = randomUUID();
  const workflowId = mentorReferralWorkflowId(caseId);
  const h = env.client.workflow.getHandle(workflowId);
  let accepted: Promise<{ result(): Promise<unknown> }> | undefined;
  const history = await inOneTask(queue, h, {
    ready: async () => undefined,
    send: async () => {
      await env.client.workflow.start(mentorReferralWorkflow, {
        taskQueue: queue,
        workflowId,
        args: [referralInput(caseId, policy)],
      });
      accepted = h.startUpdate(caseRecordedUpdate, { waitForStage: WorkflowUpdateStage.ACCEPTED });
      await new Promise((r) => setTimeout(r, 500));
    },
    then: async () => {
      const update = await within(accepted!, 30_000, 'caseRecorded is accepted');
      await within(update.result(), 30_000, 'caseRecorded is answered');
      await new Promise((r) => setTimeout(r, 1_000));
    },
  });
  // The scenario happened: the acceptance is among the first task's events, before a marker of the start.
  const events = history.events ?? [];
  const firstTaskEnd = events.findIndex((e, n) => n > 3 && e.workflowTaskScheduledEventAttributes);
  const first = events.slice(0, firstTaskEnd < 0 ? events.length : firstTaskEnd);
  const acceptedAt = first.findIndex((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
  expect(acceptedAt).toBeGreaterThan(0);
  expect(first.slice(acceptedAt).some((e) => e.markerRecordedEventAttributes)).toBe(true);
  await h.terminate('done');
}, 120_000);
