/**
 * The state holiday sets, year by year, against the states' published rules: every holiday
 * of each set for several years, with the weekend observance each state uses (California:
 * a Saturday holiday gives no weekday off except Veterans Day; Massachusetts: none; Minnesota:
 * the Friday before, New Year's Day then on December 31), holidays added by law from their
 * first year, and the dates a partnership adds or removes.
 */
import { BusinessCalendar } from '../../platform/workflow/calendar';
import { HOLIDAY_SETS } from '../../platform/workflow/holiday-sets';
import { businessCalendarOf, DEFAULT_CALENDAR } from '../../platform/workflow/jurisdiction';

const setOf = (name: keyof typeof HOLIDAY_SETS, year: number) =>
  [...new BusinessCalendar(HOLIDAY_SETS[name]).holidaysOf(year)].sort();

test.each([
  [2026, ['01-01', '01-19', '02-16', '03-31', '05-25', '09-07', '11-11', '11-26', '11-27', '12-25']],
  [2027, ['01-01', '01-18', '02-15', '03-31', '05-31', '07-05', '09-06', '11-11', '11-25', '11-26']],
  [2028, ['01-17', '02-21', '03-31', '05-29', '07-04', '09-04', '11-10', '11-23', '11-24', '12-25']],
])('California %i', (year, days) => {
  expect(setOf('CA', year)).toEqual(days.map((d) => `${year}-${d}`));
});

test.each([
  // Juneteenth on a Saturday and Christmas on a Saturday: offices open, no weekday off.
  [2021, ['01-01', '01-18', '02-15', '04-19', '05-31', '07-05', '09-06', '10-11', '11-11', '11-25']],
  // New Year's Day on a Saturday: none; Juneteenth and Christmas on a Sunday: the Monday.
  [2022, ['01-17', '02-21', '04-18', '05-30', '06-20', '07-04', '09-05', '10-10', '11-11', '11-24', '12-26']],
  [2026, ['01-01', '01-19', '02-16', '04-20', '05-25', '06-19', '09-07', '10-12', '11-11', '11-26', '12-25']],
  [2027, ['01-01', '01-18', '02-15', '04-19', '05-31', '07-05', '09-06', '10-11', '11-11', '11-25']],
  [2028, ['01-17', '02-21', '04-17', '05-29', '06-19', '07-04', '09-04', '10-09', '11-23', '12-25']],
])("Massachusetts %i (Patriots' Day the third Monday of April)", (year, days) => {
  expect(setOf('MA', year)).toEqual(days.map((d) => `${year}-${d}`));
});

test.each([
  // Christmas and New Year's Day 2022 on Saturdays: Friday December 24 and Friday December 31.
  [2021, ['01-01', '01-18', '02-15', '05-31', '07-05', '09-06', '10-11', '11-11', '11-25', '11-26', '12-24', '12-31']],
  // Juneteenth before 2023 is not a Minnesota holiday.
  [2022, ['01-17', '02-21', '05-30', '07-04', '09-05', '10-10', '11-11', '11-24', '11-25', '12-26']],
  [2026, ['01-01', '01-19', '02-16', '05-25', '06-19', '07-03', '09-07', '10-12', '11-11', '11-26', '11-27', '12-25']],
  [
    2027,
    [
      '01-01',
      '01-18',
      '02-15',
      '05-31',
      '06-18',
      '07-05',
      '09-06',
      '10-11',
      '11-11',
      '11-25',
      '11-26',
      '12-24',
      '12-31',
    ],
  ],
  [2028, ['01-17', '02-21', '05-29', '06-19', '07-04', '09-04', '10-09', '11-10', '11-23', '11-24', '12-25']],
])('Minnesota %i (the day after Thanksgiving, Columbus Day, Saturday holidays on the Friday)', (year, days) => {
  expect(setOf('MN', year)).toEqual(days.map((d) => `${year}-${d}`));
});

test("Minnesota's New Year's Day observed on December 31 makes it a holiday of the old year", () => {
  const mn = new BusinessCalendar(HOLIDAY_SETS.MN);
  expect(mn.isHoliday('2027-12-31')).toBe(true);
  expect(mn.addBusinessDays('2027-12-30', 1)).toBe('2028-01-03');
  expect(new BusinessCalendar(HOLIDAY_SETS.CA).addBusinessDays('2027-12-30', 1)).toBe('2027-12-31');
});

describe('a partnership adds and removes dates per year', () => {
  const mn = businessCalendarOf({
    calendar: {
      timeZone: 'America/Chicago',
      holidaySet: 'MN',
      holidays: { 2027: ['2027-03-17'] },
      removed: { 2027: ['2027-10-11'] },
    },
  });
  test('an added date is skipped like a state holiday', () => {
    expect(mn.isHoliday('2027-03-17')).toBe(true);
    expect(mn.addBusinessDays('2027-03-16', 1)).toBe('2027-03-18');
    expect(mn.isHoliday('2028-03-17')).toBe(false);
  });
  test("a removed date (Columbus Day, worked by Minnesota's executive branch) is a business day", () => {
    expect(mn.isHoliday('2027-10-11')).toBe(false);
    expect(mn.addBusinessDays('2027-10-08', 1)).toBe('2027-10-11');
    expect(mn.isHoliday('2028-10-09')).toBe(true);
  });
});

test('without a jurisdiction a policy is California in Los Angeles; a case from before keeps its rules', () => {
  expect(DEFAULT_CALENDAR).toEqual({ timeZone: 'America/Los_Angeles', holidaySet: 'CA', holidays: {} });
  const legacy = businessCalendarOf({ holidays: [] });
  expect(legacy.timeZone).toBe('America/Los_Angeles');
  expect(legacy.isHoliday('2026-12-25')).toBe(false);
  expect(businessCalendarOf({}).isHoliday('2026-12-25')).toBe(true);
});

test("the calendar is one of the organisation's settings: a date added changes what running cases are told", async () => {
  const { settingsFingerprint } = await import('../../lib/organisation-settings');
  const { buildPolicy } = await import('../../lib/policy');
  const { organisationSettingsOf } = await import('../../platform/workflow/organisation-settings');
  const added = buildPolicy({ calendar: { holidays: { 2027: ['2027-03-03'] } } });
  expect(organisationSettingsOf(added).calendar).toEqual(added.calendar);
  expect(settingsFingerprint(added)).not.toBe(settingsFingerprint(buildPolicy()));
});
