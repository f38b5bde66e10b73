/**
 * A case follows its partnership's jurisdiction: a holiday the partnership adds this year
 * moves a running case's open business-day deadline (and its escalation with it), and a
 * partnership in New York closes its year at midnight in New York, not in Los Angeles.
 */
import { calls, env, eventually, person, policy, startLeaveCase, within } from './harness';
import { addDays, addDuration } from '../../platform/workflow/calendar';
import { businessCalendarOf, type CalendarPolicy } from '../../platform/workflow/jurisdiction';
import { openTasksQuery } from '../../platform/workflow/messages';
import { organisationSettingsOf, organisationSettingsSignal } from '../../platform/workflow/organisation-settings';
import { actedBy } from '../support/deadlines';

const MINUTE = 60_000;
const sleepUntil = async (ms: number) => env.sleep(Math.max(1, ms - Number(await env.currentTimeMs())));

const sent = (event: string, taskId: string) =>
  calls.transitions.some((t) => t.events?.some((e) => e.event === event && e.detail.taskId === taskId));

/** A leave case's 10-business-day review, moved by a holiday the partnership adds on the next business day. */
async function reviewWithAddedHoliday(employee: string, beforeSignal: (remindAt: number) => Promise<void>) {
  const calendar = businessCalendarOf(policy);
  const year = calendar.year(Number(await env.currentTimeMs()));
  const h = await startLeaveCase(person(employee, ['employee'], { department: 'CDT' }), year);
  const review = (await h.query(openTasksQuery)).find((t) => t.type === 'eligibility_review')!;
  const oldDue = Date.parse(review.dueAt);
  expect(oldDue).toBe(addDuration(Date.parse(review.createdAt), { businessDays: 10 }, calendar));
  await beforeSignal(Date.parse(review.remindAt));
  // The partnership adds a holiday on the next business day, before the due date.
  const holiday = calendar.addBusinessDays(calendar.date(Number(await env.currentTimeMs())), 1);
  expect(holiday <= calendar.date(oldDue - 1)).toBe(true);
  const added: CalendarPolicy = { ...policy.calendar!, holidays: { [holiday.slice(0, 4)]: [holiday] } };
  await h.signal(organisationSettingsSignal, { ...organisationSettingsOf(policy), calendar: added });
  const moved = (await h.query(openTasksQuery)).find((t) => t.id === review.id)!;
  // One business day later: the close of the business day after the old last day.
  const newDue = calendar.startOfDay(addDays(calendar.addBusinessDays(calendar.date(oldDue - 1), 1), 1));
  expect(moved.dueAt).toBe(new Date(newDue).toISOString());
  // The move is written by the case's next write, which may come a moment after the query answers.
  await eventually(async () => sent('task_due_moved', review.id), 'the move is written');
  return { h, review, oldDue, newDue, oldRemind: Date.parse(review.remindAt), moved, yearEnd: calendar.yearEnd(year) };
}

test("a holiday added this year moves a running case's next due date one business day, and its reminder", async () => {
  const { h, review, oldRemind, moved } = await reviewWithAddedHoliday('emp-jur-remind', async () => undefined);
  const newRemind = Date.parse(moved.remindAt);
  expect(newRemind).toBeGreaterThan(oldRemind);
  await sleepUntil(actedBy(oldRemind) + MINUTE);
  expect(sent('task_reminder_sent', review.id)).toBe(false);
  await sleepUntil(actedBy(newRemind) + MINUTE);
  expect(sent('task_reminder_sent', review.id)).toBe(true);
  await h.terminate('done');
});

test('a holiday added after the reminder moves the due date, and the escalation follows it', async () => {
  const { h, review, oldDue, newDue, yearEnd } = await reviewWithAddedHoliday('emp-jur-escalate', async (remindAt) => {
    await sleepUntil(actedBy(remindAt) + MINUTE);
  });
  expect(sent('task_reminder_sent', review.id)).toBe(true);
  if (newDue < yearEnd) {
    await sleepUntil(actedBy(oldDue) + MINUTE);
    expect(sent('task_escalated', review.id)).toBe(false);
    await sleepUntil(actedBy(newDue) + MINUTE);
    expect(sent('task_escalated', review.id)).toBe(true);
  }
  await h.terminate('done');
});

test('a partnership in New York closes its year at midnight in New York, three hours before Los Angeles', async () => {
  const newYork: CalendarPolicy = { timeZone: 'America/New_York', holidaySet: 'MA', holidays: {} };
  const nyCalendar = businessCalendarOf({ calendar: newYork });
  const year = nyCalendar.year(Number(await env.currentTimeMs()));
  const h = await startLeaveCase(person('emp-jur-ny', ['employee'], { department: 'CDT' }), year, {
    ...structuredClone(policy),
    calendar: newYork,
  });
  const nyYearEnd = nyCalendar.yearEnd(year);
  expect(businessCalendarOf(policy).yearEnd(year) - nyYearEnd).toBe(3 * 3_600_000);
  const status = async () => (await h.describe()).status.name;
  await sleepUntil(nyYearEnd - MINUTE);
  expect(await status()).toBe('RUNNING');
  // Time stands still from here (the test server moves it only in env.sleep): closed in New York's night.
  await sleepUntil(actedBy(nyYearEnd, nyCalendar) + MINUTE);
  await eventually(async () => (await status()) === 'COMPLETED', 'the year end in New York');
  await expect(within(h.result(), 20_000, 'the result')).resolves.toMatchObject({ stage: 'closed' });
});
