/**
 * The history recorder's jurisdiction story: a leave case whose organisation adds a holiday
 * after its review was reminded, so the review's deadline moves a business day and its
 * escalation waits for the moved one (the `calendar-moves-open-deadlines` path), recorded
 * up to the escalation.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { mentoringLeaveWorkflow } from '../../processes/mentoring-leave/workflow';
import { caseRecordedUpdate, openTasksQuery } from '../../platform/workflow/messages';
import { businessCalendarOf } from '../../platform/workflow/jurisdiction';
import { organisationSettingsOf, organisationSettingsSignal } from '../../platform/workflow/organisation-settings';
import type { Policy } from '../../platform/workflow/policy';
import { leaveEnrollment, person, until, type Save } from './shared';

const SPREAD = 2 * 3_600_000;

export async function calendarStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const calendar = businessCalendarOf(policy);
  const year = calendar.year(Number(await env.currentTimeMs()));
  const employee = { id: 'emp-history-calendar', name: 'Employee Calendar', email: 'empcal@example.gov' };
  const leave = await env.client.workflow.start(mentoringLeaveWorkflow, {
    taskQueue,
    workflowId: `mentoring-leave-${year}-${employee.id}`,
    args: [
      {
        caseId: 'case-history-calendar',
        policy,
        enrolledBy: person(employee.id, ['employee']),
        enrollment: leaveEnrollment(year, employee),
      },
    ],
  });
  await leave.executeUpdate(caseRecordedUpdate);
  const review = (await leave.query(openTasksQuery))[0];
  await env.sleep(Date.parse(review.remindAt) + SPREAD + 60_000 - Number(await env.currentTimeMs()));
  const holiday = calendar.addBusinessDays(calendar.date(Number(await env.currentTimeMs())), 1);
  await leave.signal(organisationSettingsSignal, {
    ...organisationSettingsOf(policy),
    calendar: { ...policy.calendar!, holidays: { [holiday.slice(0, 4)]: [holiday] } },
  });
  const moved = async () => (await leave.query(openTasksQuery))[0]?.dueAt !== review.dueAt;
  await until(moved);
  const dueAt = Date.parse((await leave.query(openTasksQuery))[0].dueAt);
  await env.sleep(dueAt + SPREAD + 60_000 - Number(await env.currentTimeMs()));
  await until(async () => (await leave.query(openTasksQuery))[0]?.escalatedTo.length > 0);
  await leave.terminate('history recorded');
  await save('mentoring-leave-calendar-moved', leave);
}
