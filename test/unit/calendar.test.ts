import {
  BusinessCalendar,
  CALIFORNIA_STATE_HOLIDAYS,
  addDuration,
  laDate,
  laStartOfDay,
  laYearEnd,
  monthsBetween,
  observedHolidays,
  scaleDuration,
  subtractDuration,
} from '../../platform/workflow/calendar';

const cal = new BusinessCalendar(CALIFORNIA_STATE_HOLIDAYS);
const sorted = (s: Set<string>) => [...s].sort();

describe('California state holidays (CalHR), observed', () => {
  test('2026: Independence Day on a Saturday gives no weekday off', () => {
    expect(sorted(observedHolidays(2026, CALIFORNIA_STATE_HOLIDAYS))).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-03-31',
      '2026-05-25',
      '2026-09-07',
      '2026-11-11',
      '2026-11-26',
      '2026-11-27',
      '2026-12-25',
    ]);
  });
  test('a Sunday holiday is observed on the Monday', () => {
    expect(cal.isHoliday('2027-07-05')).toBe(true); // July 4, 2027 is a Sunday
    expect(cal.isHoliday('2023-01-02')).toBe(true); // New Year's Day 2023 is a Sunday
    expect(cal.isHoliday('2022-12-26')).toBe(true); // Christmas 2022 is a Sunday
  });
  test('Veterans Day on a Saturday is observed on the Friday; other Saturday holidays are not', () => {
    expect(cal.isHoliday('2028-11-10')).toBe(true); // Nov 11, 2028 is a Saturday
    expect(cal.isHoliday('2027-12-24')).toBe(false); // Christmas 2027 is a Saturday
    expect(cal.isHoliday('2032-12-31')).toBe(false); // New Year's Day 2033 is a Saturday: no spill into the old year
  });
});

describe('business days', () => {
  test('skip weekends', () => {
    expect(cal.addBusinessDays('2026-11-20', 1)).toBe('2026-11-23');
    expect(cal.addBusinessDays('2026-11-21', 1)).toBe('2026-11-23');
  });
  test('skip Thanksgiving and the day after', () => {
    expect(cal.addBusinessDays('2026-11-25', 1)).toBe('2026-11-30');
  });
  test("cross the year boundary over New Year's Day", () => {
    expect(cal.addBusinessDays('2026-12-30', 1)).toBe('2026-12-31');
    expect(cal.addBusinessDays('2026-12-30', 2)).toBe('2027-01-04');
    expect(cal.addBusinessDays('2027-01-04', -2)).toBe('2026-12-30');
  });
  test('a policy of 10 business days ends at the close of the 10th business day in Los Angeles', () => {
    const start = Date.parse('2026-11-22T18:00:00Z'); // Sunday morning in Los Angeles
    expect(new Date(addDuration(start, { businessDays: 10 }, cal)).toISOString()).toBe('2026-12-09T08:00:00.000Z');
    // A reminder 2 business days before: the start of the 9th business day.
    expect(new Date(subtractDuration(Date.parse('2026-12-09T08:00:00Z'), { businessDays: 2 }, cal)).toISOString()).toBe(
      '2026-12-07T08:00:00.000Z',
    );
  });
  test('the holiday list is policy: an empty list counts only weekends', () => {
    expect(new BusinessCalendar([]).addBusinessDays('2026-11-25', 1)).toBe('2026-11-26');
  });
});

describe('America/Los_Angeles', () => {
  const intl = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Los_Angeles',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  test('calendar dates agree with the time-zone database around both daylight-saving switches', () => {
    for (const day of ['2026-03-08', '2026-11-01', '2027-03-14', '2027-11-07', '2026-12-31']) {
      for (let h = -12; h <= 36; h++) {
        const t = Date.parse(`${day}T00:00:00Z`) + h * 3_600_000;
        expect([t, laDate(t)]).toEqual([t, intl.format(t)]);
      }
    }
  });
  test('the year ends at midnight Pacific time', () => {
    expect(new Date(laYearEnd(2026)).toISOString()).toBe('2027-01-01T08:00:00.000Z');
    expect(new Date(laStartOfDay('2026-07-01')).toISOString()).toBe('2026-07-01T07:00:00.000Z');
  });
});

describe('ISO durations', () => {
  test('months are calendar months, clamped to the month length', () => {
    const jan31 = laStartOfDay('2026-01-31') + 3_600_000;
    expect(laDate(addDuration(jan31, 'P1M', cal))).toBe('2026-02-28');
    expect(laDate(addDuration(laStartOfDay('2026-03-15'), 'P4M', cal))).toBe('2026-07-15');
    expect(laDate(addDuration(laStartOfDay('2026-03-15'), 'P3Y', cal))).toBe('2029-03-15');
    expect(laDate(subtractDuration(laStartOfDay('2026-07-15'), 'P30D', cal))).toBe('2026-06-15');
  });
  test('seconds for tests', () => {
    expect(addDuration(1000, 'PT2S', cal)).toBe(3000);
    expect(subtractDuration(3000, 'PT2S', cal)).toBe(1000);
  });
  test('whole months between dates', () => {
    expect(monthsBetween('2026-09-01', '2027-06-01')).toBe(9);
    expect(monthsBetween('2026-09-02', '2027-06-01')).toBe(8);
  });
});

describe('wall time across daylight saving', () => {
  const cal = new BusinessCalendar([]);
  const la = (iso: string, hour: number, offset: -7 | -8) =>
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)), hour - offset);
  test('a day later is the same local time, on the switch day too', () => {
    // Saturday 10:00 PDT, Nov 1 2025 -> Sunday Nov 2 (back to PST) at 10:00 PST.
    expect(addDuration(la('2025-11-01', 10, -7), 'P1D', cal)).toBe(la('2025-11-02', 10, -8));
    // Saturday 10:00 PST, Mar 8 2025 -> Sunday Mar 9 (to PDT) at 10:00 PDT.
    expect(addDuration(la('2025-03-08', 10, -8), 'P1D', cal)).toBe(la('2025-03-09', 10, -7));
    expect(addDuration(la('2025-10-20', 9, -7), 'P14D', cal)).toBe(la('2025-11-03', 9, -8));
    expect(subtractDuration(la('2025-11-03', 9, -8), 'P14D', cal)).toBe(la('2025-10-20', 9, -7));
  });
  test('months are clamped per month and, taken n at once, stay anchored', () => {
    const jan31 = la('2026-01-31', 12, -8);
    expect(laDate(addDuration(jan31, 'P1M', cal))).toBe('2026-02-28');
    // Chained, a cadence from the 31st drifts to the 28th; anchored it comes back.
    expect(laDate(addDuration(addDuration(jan31, 'P1M', cal), 'P1M', cal))).toBe('2026-03-28');
    expect(laDate(addDuration(jan31, scaleDuration('P1M', 2), cal))).toBe('2026-03-31');
    expect(laDate(addDuration(jan31, scaleDuration('P1M', 3), cal))).toBe('2026-04-30');
    expect(scaleDuration({ businessDays: 2 }, 3)).toEqual({ businessDays: 6 });
    expect(scaleDuration('P1DT2H', 2)).toBe('P2DT4H');
  });
});
