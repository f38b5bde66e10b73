/**
 * The state holiday sets a partnership's jurisdiction can name (docs/administration.md,
 * Calendar): each state's own list with its own rule for a holiday that falls on a weekend.
 * Checked against the state's published list; the source is named on each set. A
 * partnership adds or removes single dates per year in its policy (`calendar.holidays`,
 * `calendar.removed`); these rules change only when a state's law does.
 */
import type { HolidayRule } from './calendar';

export const HOLIDAY_SET_NAMES = ['CA', 'MA', 'MN'] as const;
export type HolidaySet = (typeof HOLIDAY_SET_NAMES)[number];

/**
 * California state holidays as listed by CalHR. A Sunday holiday is observed on the Monday;
 * a Saturday holiday gives no weekday off, except Veterans Day, then observed on the Friday.
 */
export const CALIFORNIA_STATE_HOLIDAYS: HolidayRule[] = [
  { name: "New Year's Day", month: 1, day: 1 },
  { name: 'Martin Luther King Jr. Day', month: 1, weekday: 1, nth: 3 },
  { name: "Presidents' Day", month: 2, weekday: 1, nth: 3 },
  { name: 'Cesar Chavez Day', month: 3, day: 31 },
  { name: 'Memorial Day', month: 5, weekday: 1, nth: -1 },
  { name: 'Independence Day', month: 7, day: 4 },
  { name: 'Labor Day', month: 9, weekday: 1, nth: 1 },
  { name: 'Veterans Day', month: 11, day: 11, onSaturday: 'friday' },
  { name: 'Thanksgiving Day', month: 11, weekday: 4, nth: 4 },
  { name: 'Day after Thanksgiving', month: 11, weekday: 4, nth: 4, offsetDays: 1 },
  { name: 'Christmas Day', month: 12, day: 25 },
];

/**
 * Massachusetts legal holidays (M.G.L. c. 4, § 7, clause 18; Juneteenth since 2021). A Sunday
 * holiday is observed on the Monday; on a Saturday holiday state offices stay open on the
 * Friday (the employees get another day off), so it gives no weekday off. Evacuation Day
 * (March 17) and Bunker Hill Day (June 17) are holidays in Suffolk County only and are not in
 * the set: a partnership in Suffolk County adds them per year.
 */
export const MASSACHUSETTS_STATE_HOLIDAYS: HolidayRule[] = [
  { name: "New Year's Day", month: 1, day: 1 },
  { name: 'Martin Luther King Jr. Day', month: 1, weekday: 1, nth: 3 },
  { name: "Washington's Birthday", month: 2, weekday: 1, nth: 3 },
  { name: "Patriots' Day", month: 4, weekday: 1, nth: 3 },
  { name: 'Memorial Day', month: 5, weekday: 1, nth: -1 },
  { name: 'Juneteenth Independence Day', month: 6, day: 19, fromYear: 2021 },
  { name: 'Independence Day', month: 7, day: 4 },
  { name: 'Labor Day', month: 9, weekday: 1, nth: 1 },
  { name: "Columbus Day / Indigenous Peoples' Day", month: 10, weekday: 1, nth: 2 },
  { name: 'Veterans Day', month: 11, day: 11 },
  { name: 'Thanksgiving Day', month: 11, weekday: 4, nth: 4 },
  { name: 'Christmas Day', month: 12, day: 25 },
];

/**
 * Minnesota holidays (Minn. Stat. § 645.44, subd. 5; Juneteenth since 2023), with the Friday
 * after Thanksgiving the executive branch observes. New Year's Day, Juneteenth, Independence
 * Day, Veterans Day and Christmas are observed on the Monday when on a Sunday and on the
 * Friday when on a Saturday (New Year's Day then on December 31). Christopher Columbus Day is
 * in the statute's list; the executive branch works it, so a partnership that follows the
 * executive branch removes it per year (`calendar.removed`).
 */
export const MINNESOTA_STATE_HOLIDAYS: HolidayRule[] = [
  { name: "New Year's Day", month: 1, day: 1, onSaturday: 'friday' },
  { name: 'Martin Luther King Jr. Day', month: 1, weekday: 1, nth: 3 },
  { name: "Washington's and Lincoln's Birthday", month: 2, weekday: 1, nth: 3 },
  { name: 'Memorial Day', month: 5, weekday: 1, nth: -1 },
  { name: 'Juneteenth', month: 6, day: 19, onSaturday: 'friday', fromYear: 2023 },
  { name: 'Independence Day', month: 7, day: 4, onSaturday: 'friday' },
  { name: 'Labor Day', month: 9, weekday: 1, nth: 1 },
  { name: 'Christopher Columbus Day', month: 10, weekday: 1, nth: 2 },
  { name: 'Veterans Day', month: 11, day: 11, onSaturday: 'friday' },
  { name: 'Thanksgiving Day', month: 11, weekday: 4, nth: 4 },
  { name: 'Friday after Thanksgiving', month: 11, weekday: 4, nth: 4, offsetDays: 1 },
  { name: 'Christmas Day', month: 12, day: 25, onSaturday: 'friday' },
];

export const HOLIDAY_SETS: Record<HolidaySet, HolidayRule[]> = {
  CA: CALIFORNIA_STATE_HOLIDAYS,
  MA: MASSACHUSETTS_STATE_HOLIDAYS,
  MN: MINNESOTA_STATE_HOLIDAYS,
};
