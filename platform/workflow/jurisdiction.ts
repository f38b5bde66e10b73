/**
 * The partnership's jurisdiction, the `calendar` part of the policy (docs/administration.md,
 * Calendar): its time zone, its state's holiday set, and the dates it adds to or removes from
 * that set each year. Business days, year ends, due dates and local midnights are all
 * computed on the business calendar made from it. It follows the organisation: running cases
 * receive it with the organisation settings, so a holiday added this year moves the next
 * deadline of a case that started last year.
 */
import { BusinessCalendar, type DatesByYear, type HolidayRule } from './calendar';
import { HOLIDAY_SETS, type HolidaySet } from './holiday-sets';
import type { TimeZone } from './time-zones';

export interface CalendarPolicy {
  timeZone: TimeZone;
  holidaySet: HolidaySet;
  /** Days off the partnership adds per year, e.g. `{ "2027": ["2027-03-17"] }`. */
  holidays: DatesByYear;
  /** Days of the set the partnership works per year (a state holiday its offices keep open). */
  removed?: DatesByYear;
}

/** California, as every partnership was before jurisdictions. */
export const DEFAULT_CALENDAR: CalendarPolicy = {
  timeZone: 'America/Los_Angeles',
  holidaySet: 'CA',
  holidays: {},
};

/**
 * The business calendar of a policy. A case that started before jurisdictions carries no
 * `calendar`, only the holiday rules it started with (`holidays`), in Los Angeles time;
 * once it is told a calendar with the organisation settings, the calendar applies.
 */
export function businessCalendarOf(policy: { calendar?: CalendarPolicy; holidays?: HolidayRule[] }): BusinessCalendar {
  const c = policy.calendar;
  if (!c) return new BusinessCalendar(policy.holidays ?? HOLIDAY_SETS.CA);
  return new BusinessCalendar(HOLIDAY_SETS[c.holidaySet], {
    timeZone: c.timeZone,
    added: c.holidays,
    removed: c.removed,
  });
}
