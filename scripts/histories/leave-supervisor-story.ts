/**
 * A leave case whose employee's supervisor changed in the people directory: the second
 * request names the new supervisor (the API reads it from the directory), the case records
 * `supervisor_changed` behind `patched('leave-supervisor-from-directory')` and the new
 * supervisor approves; then the year ends. Replayed by the suite like every recording.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Policy } from '../../platform/workflow/policy';
import { laDate, laYear, laYearEnd } from '../../platform/workflow/calendar';
import { logPersonalTimeUpdate, requestLeaveUpdate } from '../../processes/mentoring-leave/messages';
import { person as actor, taskCompleter, type Save, startLeaveCase } from './shared';

const employee = actor('emp-history-40', ['employee'], { department: 'CDT' });
const newSupervisor = { id: 'sup-history-40', name: 'Nico New', email: 'nico@example.gov' };

export async function leaveSupervisorChangeStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const now = Number(await env.currentTimeMs());
  const year = laYear(now);
  const today = laDate(now);
  const leave = await startLeaveCase(env, taskQueue, policy, year, employee, 40);
  const complete = taskCompleter(leave);
  await complete('eligibility_review', actor('hr-1', ['hr_officer'], { department: 'CDT' }));
  await leave.executeUpdate(logPersonalTimeUpdate, {
    args: [{ date: today, hours: 4, kind: 'off_duty', description: 'mentoring', actor: employee }],
  });
  await complete('verify_personal_hours', actor('coord-1', ['org_coordinator'], { programId: 'prog-1' }), 'verify');
  // The first request goes to the supervisor of the enrollment; the second to the directory's new one.
  await leave.executeUpdate(requestLeaveUpdate, {
    args: [{ date: today, hours: 1, attestNoTravel: true, actor: employee }],
  });
  await complete('supervisor_approval', actor('sup-1', ['supervisor'], { department: 'CDT' }));
  await complete('hr_approval', actor('hr-2', ['hr_officer'], { department: 'CDT' }));
  await leave.executeUpdate(requestLeaveUpdate, {
    args: [{ date: today, hours: 1, attestNoTravel: true, actor: employee, supervisor: newSupervisor }],
  });
  await complete('supervisor_approval', actor(newSupervisor.id, ['supervisor'], { department: 'CDT' }));
  await complete('hr_approval', actor('hr-2', ['hr_officer'], { department: 'CDT' }));
  await env.sleep(laYearEnd(year) - now + 60_000);
  await leave.result();
  await save('mentoring-leave-supervisor-changed', leave);
}
