/**
 * Tests that pass whatever the day: the leave case's business-day deadline, its escalation
 * and its year end, started on the time-skipping server at each of the coming weekdays, on
 * the eve of a holiday, on the eves of both daylight-saving changes and two days before a
 * year end. The expected deadline is counted here on its own terms (weekdays by `Intl` in
 * Los Angeles, the policy's holidays), not by the product's calendar.
 */
import { calls, env, person, policy, startLeaveCase, within } from './harness';
import { observedHolidays } from '../../platform/workflow/calendar';
import { HOLIDAY_SETS } from '../../platform/workflow/holiday-sets';
import { openTasksQuery } from '../../platform/workflow/messages';
import { actedBy } from '../support/deadlines';

const DAY = 86_400_000;
const employee = person('emp-any-day', ['employee'], { department: 'CDT' });
const la = (ms: number, part: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', ...part }).format(ms);
const laDay = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(ms);
/** The instant of a wall-clock hour on a date in Los Angeles (whichever of its two offsets that day has). */
const laWall = (date: string, hour: number) =>
  [7, 8]
    .map((o) => Date.parse(`${date}T00:00:00Z`) + (hour + o) * 3_600_000)
    .find((ms) => laDay(ms) === date && Number(la(ms, { hour: 'numeric', hourCycle: 'h23' })) === hour)!;
const nextDay = (date: string) => new Date(Date.parse(`${date}T12:00:00Z`) + DAY).toISOString().slice(0, 10);

/** The close (midnight after) of the n-th business day after the day of `fromMs`. */
function closeOfBusinessDay(fromMs: number, n: number): number {
  let d = laDay(fromMs);
  for (let left = n; left > 0; ) {
    d = nextDay(d);
    const weekend = ['Sat', 'Sun'].includes(la(Date.parse(`${d}T20:00:00Z`), { weekday: 'short' }));
    if (!weekend && !observedHolidays(Number(d.slice(0, 4)), HOLIDAY_SETS[policy.calendar!.holidaySet]).has(d)) left--;
  }
  return laWall(nextDay(d), 0);
}

/** The start instants, all ahead of today: 10 a.m. on each of the next 7 days and on the eves that matter. */
function startInstants(now: number): [string, number][] {
  const today = laDay(now);
  const days: string[] = [];
  for (let d = nextDay(today); days.length < 7; d = nextDay(d)) days.push(d);
  const ahead = (make: (year: number) => string) => {
    const y = Number(today.slice(0, 4));
    return make(y) > today ? make(y) : make(y + 1);
  };
  const nthWeekday = (year: number, month: number, weekday: string, nth: number) => {
    let d = `${year}-${String(month).padStart(2, '0')}-01`;
    for (let seen = 0; ; d = nextDay(d))
      if (la(Date.parse(`${d}T20:00:00Z`), { weekday: 'short' }) === weekday && ++seen === nth) return d;
  };
  const before = (date: string, days: number) =>
    new Date(Date.parse(`${date}T12:00:00Z`) - days * DAY).toISOString().slice(0, 10);
  return [
    ...days.map(
      (d) => [`a ${la(Date.parse(`${d}T20:00:00Z`), { weekday: 'long' })}`, laWall(d, 10)] as [string, number],
    ),
    [
      'the eve of Thanksgiving',
      laWall(
        ahead((y) => before(nthWeekday(y, 11, 'Thu', 4), 1)),
        10,
      ),
    ],
    [
      'the Friday before clocks spring forward',
      laWall(
        ahead((y) => before(nthWeekday(y, 3, 'Sun', 2), 2)),
        10,
      ),
    ],
    [
      'the Friday before clocks fall back',
      laWall(
        ahead((y) => before(nthWeekday(y, 11, 'Sun', 1), 2)),
        10,
      ),
    ],
    [
      'two days before a year end',
      laWall(
        ahead((y) => `${y}-12-29`),
        10,
      ),
    ],
  ];
}

const cases = startInstants(Date.now());

test.each(cases)(
  'started on %s, the review is due at the close of its 10th business day, escalates then, and the year closes',
  async (_label, startAt) => {
    await env.sleep(startAt - Number(await env.currentTimeMs()));
    const year = Number(laDay(startAt).slice(0, 4));
    const h = await startLeaveCase(employee, year);
    const review = (await h.query(openTasksQuery)).find((t) => t.type === 'eligibility_review')!;
    const due = closeOfBusinessDay(Number(await env.currentTimeMs()), 10);
    expect(review.dueAt).toBe(new Date(due).toISOString());
    const yearEnd = laWall(`${year + 1}-01-01`, 0);
    const ended = (event: string) =>
      calls.transitions.some((t) => t.events?.some((e) => e.event === event && e.detail.taskId === review.id));
    await env.sleep(Math.min(due, yearEnd) - Number(await env.currentTimeMs()) - 60_000);
    expect([ended('task_escalated'), ended('task_expired')]).toEqual([false, false]);
    if (due < yearEnd) {
      await env.sleep(actedBy(due) - Number(await env.currentTimeMs()) + 60_000);
      expect(ended('task_escalated')).toBe(true);
    }
    await env.sleep(actedBy(yearEnd) - Number(await env.currentTimeMs()) + 60_000);
    await expect(within(h.result(), 20_000, 'the year end')).resolves.toMatchObject({ stage: 'closed' });
    // Still open at the year end, the review expired with it.
    if (due >= yearEnd) expect(ended('task_expired')).toBe(true);
  },
);
