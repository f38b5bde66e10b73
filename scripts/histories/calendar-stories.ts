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
import { laDate } from '../../platform/workflow/calendar';
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

/**
 * A leave case whose organisation adds a holiday (the business day after its review opened)
 * the day after the review opened, before its reminder: the deadline moves a business day and
 * so does the reminder, which is then sent at the moved instant. `--only calendar-before-reminder`.
 */
export async function calendarBeforeReminderStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const calendar = businessCalendarOf(policy);
  const year = calendar.year(Number(await env.currentTimeMs()));
  const employee = { id: 'emp-history-calendar-early', name: 'Employee Early', email: 'empearly@example.gov' };
  const leave = await env.client.workflow.start(mentoringLeaveWorkflow, {
    taskQueue,
    workflowId: `mentoring-leave-${year}-${employee.id}`,
    args: [
      {
        caseId: 'case-history-calendar-early',
        policy,
        enrolledBy: person(employee.id, ['employee']),
        enrollment: leaveEnrollment(year, employee),
      },
    ],
  });
  await leave.executeUpdate(caseRecordedUpdate);
  const review = (await leave.query(openTasksQuery))[0];
  await env.sleep(86_400_000);
  const holiday = calendar.addBusinessDays(laDate(Date.parse(review.createdAt)), 1);
  await leave.signal(organisationSettingsSignal, {
    ...organisationSettingsOf(policy),
    calendar: { ...policy.calendar!, holidays: { [holiday.slice(0, 4)]: [holiday] } },
  });
  const task = async () => (await leave.query(openTasksQuery))[0];
  await until(async () => (await task())?.remindAt !== review.remindAt);
  const { remindAt } = await task();
  if (remindAt === review.remindAt) throw new Error('the reminder did not move');
  await env.sleep(Date.parse(remindAt) + SPREAD + 60_000 - Number(await env.currentTimeMs()));
  await until(async () => !!(await task())?.reminded);
  await leave.terminate('history recorded');
  await save('mentoring-leave-calendar-moved-before-reminder', leave);
}
