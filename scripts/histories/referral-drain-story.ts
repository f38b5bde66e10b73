/**
 * The history recorder's story of a referral told that a program it was offered to is no
 * longer available, in the very workflow task that fills its history: the case reads the next
 * programs (an activity), writes the new offer, and only then continues as new — the signal's
 * handler waits for its work in turn (platform/workflow/in-turn.ts) and the case waits for its
 * handlers; the read is no commit, so without the handler's wait nothing would hold the case.
 * `npm run record-histories -- --only referral-drain`.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { confirmReferralAddressUpdate, programUnavailableSignal } from '../../processes/referral/messages';
import { mentorReferralWorkflow, mentorReferralWorkflowId } from '../../processes/referral/workflow';
import { caseRecordedUpdate } from '../../platform/workflow/messages';
import type { Policy } from '../../platform/workflow/policy';
import { ownQueue } from './one-task-stories';
import { continuedAsNew, type Save } from './shared';

const realSleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The history's length once it stops growing (the test server's clock is locked). */
async function settledLength(h: WorkflowHandle): Promise<number> {
  let length = -1;
  for (let i = 0; i < 40; i++) {
    await realSleep(500);
    const now = (await h.fetchHistory()).events?.length ?? 0;
    if (now === length) return now;
    length = now;
  }
  throw new Error('the history kept growing');
}

export async function referralDrainStory(
  env: TestWorkflowEnvironment,
  _taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const q = await ownQueue(env, 'referral-drain');
  await q.start();
  const start = async (id: string, maxHistoryEvents: number) => {
    const h = await env.client.workflow.start(mentorReferralWorkflow, {
      taskQueue: q.taskQueue,
      workflowId: mentorReferralWorkflowId(id),
      args: [
        {
          caseId: id,
          volunteer: {
            name: 'V',
            email: `${id}@example.org`,
            phone: '916-555-0100',
            county: 'Yolo',
            ageBand: '35-54',
            languages: ['English'],
            interests: [],
            youthAges: { min: 10, max: 14 },
            hoursPerMonth: 8,
            format: 'in_person',
          },
          policy: { ...policy, maxHistoryEvents },
          submittedBy: { id: 'volunteer', name: 'the volunteer' },
        },
      ],
    });
    await h.executeUpdate(caseRecordedUpdate);
    await h.executeUpdate(confirmReferralAddressUpdate);
    return h;
  };
  // A first case, not kept, measures how long the history is once the offers are written.
  const measure = await start('referral-history-drain-measure', 10_000);
  const settled = await settledLength(measure);
  await measure.terminate('measured');
  const referral = await start('referral-history-drain', settled + 2);
  const firstRun = referral.firstExecutionRunId;
  if ((await settledLength(referral)) !== settled) throw new Error('the two cases differ in history length');
  await q.inOneTask(() =>
    referral.signal(programUnavailableSignal, { programId: 'ref-a', reason: 'no longer a member' }),
  );
  await continuedAsNew(referral, firstRun);
  if ((await referral.describe()).runId === firstRun) throw new Error('the referral did not continue as new');
  await referral.terminate('history recorded');
  await q.close();
  await save('mentor-referral-drained-program-unavailable', referral, firstRun);
}
