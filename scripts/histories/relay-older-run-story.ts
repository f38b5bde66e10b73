/**
 * A leave case started under the code of before the outbox relay, whose commits handed their
 * e-mails to `deliverEmails`, and woken under today's, whose commits leave them to the mail
 * worker's relay (`patched('emails-relayed-from-outbox')`): both kinds of commit in one
 * history, as every case running at the upgrade has. The older commit's workflows are bundled
 * from a `git archive` of it (older-run-story.ts).
 * `npm run record-histories -- --only relay-older-run`.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Policy } from '../../platform/workflow/policy';
import { laDate, laYear } from '../../platform/workflow/calendar';
import { caseRecordedUpdate } from '../../platform/workflow/messages';
import { logPersonalTimeUpdate, requestLeaveUpdate } from '../../processes/mentoring-leave/messages';
import { bundleOf } from './older-run-story';
import { ownQueue, todaysBundle } from './one-task-stories';
import { person as actor, taskCompleter, type Save, startLeaveCase } from './shared';

/** The last commit whose cases handed every commit's e-mails to deliverEmails. */
const BEFORE_RELAY = '5e913de';

const employee = actor('emp-history-41', ['employee'], { department: 'CDT' });

export async function relayOlderRunStory(
  env: TestWorkflowEnvironment,
  _taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const q = await ownQueue(env, 'relay-older-run', await bundleOf(BEFORE_RELAY));
  await q.start();
  const now = Number(await env.currentTimeMs());
  const year = laYear(now);
  const today = laDate(now);
  const leave = await startLeaveCase(env, q.taskQueue, policy, year, employee, 41);
  await leave.executeUpdate(caseRecordedUpdate);
  const complete = taskCompleter(leave);
  // Under the code of before: enrolled and approved, each commit's e-mails handed to deliverEmails.
  await complete('eligibility_review', actor('hr-1', ['hr_officer'], { department: 'CDT' }));
  await leave.executeUpdate(logPersonalTimeUpdate, {
    args: [{ date: today, hours: 4, kind: 'off_duty', description: 'mentoring', actor: employee }],
  });
  // The worker goes away with the older code and comes back with today's.
  await q.stop();
  q.useBundle(await todaysBundle());
  await q.start();
  await complete('verify_personal_hours', actor('coord-1', ['org_coordinator'], { programId: 'prog-1' }), 'verify');
  await leave.executeUpdate(requestLeaveUpdate, {
    args: [{ date: today, hours: 1, attestNoTravel: true, actor: employee }],
  });
  await complete('supervisor_approval', actor('sup-1', ['supervisor'], { department: 'CDT' }));
  await leave.terminate('history recorded');
  await q.close();
  await save('mentoring-leave-older-run-relayed', leave);
}
