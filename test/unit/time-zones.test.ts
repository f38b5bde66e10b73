/**
 * Local dates and midnights in the three jurisdictions' time zones, computed without Intl
 * for workflows: checked against the time-zone database hour by hour around both
 * daylight-saving switches, with business-day deadlines at local midnight across them and
 * a year that ends in New York three hours before it ends in Los Angeles.
 */
import { addDuration, BusinessCalendar, subtractDuration } from '../../platform/workflow/calendar';
import { dateIn, startOfDayIn, TIME_ZONES, type TimeZone } from '../../platform/workflow/time-zones';

const iso = (ms: number) => new Date(ms).toISOString();
const zoneCal = (timeZone: TimeZone) => new BusinessCalendar([], { timeZone });

test.each(TIME_ZONES)('%s: dates and midnights agree with the time-zone database around each switch', (zone) => {
  const intl = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const hour = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23' });
  for (const day of ['2026-03-08', '2026-11-01', '2027-03-14', '2027-11-07', '2028-03-12', '2026-12-31']) {
    for (let h = -12; h <= 36; h++) {
      const t = Date.parse(`${day}T00:00:00Z`) + h * 3_600_000;
      expect([t, dateIn(zone, t)]).toEqual([t, intl.format(t)]);
    }
    for (const d of [day, new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10)]) {
      const midnight = startOfDayIn(zone, d);
      expect([d, intl.format(midnight), Number(hour.format(midnight))]).toEqual([d, d, 0]);
      expect(intl.format(midnight - 1)).not.toBe(d);
    }
  }
});

describe('business-day deadlines at local midnight across daylight saving', () => {
  test.each([
    // zone, offset in winter, in summer (hours behind UTC)
    ['America/New_York', 5, 4],
    ['America/Chicago', 6, 5],
    ['America/Los_Angeles', 8, 7],
  ] as const)('%s', (zone, winter, summer) => {
    const cal = zoneCal(zone);
    const at = (date: string, hoursBehind: number) => iso(Date.parse(`${date}T00:00:00Z`) + hoursBehind * 3_600_000);
    // Spring forward on Sunday, March 14, 2027: from Thursday morning, 1 and 2 business days.
    const thursday = Date.parse(`2027-03-11T10:00:00Z`) + winter * 3_600_000;
    expect(iso(addDuration(thursday, { businessDays: 1 }, cal))).toBe(at('2027-03-13', winter));
    expect(iso(addDuration(thursday, { businessDays: 2 }, cal))).toBe(at('2027-03-16', summer));
    // Fall back on Sunday, November 7, 2027.
    const novThursday = Date.parse(`2027-11-04T10:00:00Z`) + summer * 3_600_000;
    expect(iso(addDuration(novThursday, { businessDays: 1 }, cal))).toBe(at('2027-11-06', summer));
    expect(iso(addDuration(novThursday, { businessDays: 2 }, cal))).toBe(at('2027-11-09', winter));
    // A reminder one business day before the Tuesday-midnight deadline: Monday's midnight.
    expect(iso(subtractDuration(Date.parse(at('2027-11-09', winter)), { businessDays: 1 }, cal))).toBe(
      at('2027-11-08', winter),
    );
    // A day of wall time keeps the local time of day across the switch (23 or 25 hours).
    const saturday10 = Date.parse('2027-03-13T10:00:00Z') + winter * 3_600_000;
    expect(addDuration(saturday10, 'P1D', cal) - saturday10).toBe(23 * 3_600_000);
    const november10 = Date.parse('2027-11-06T10:00:00Z') + summer * 3_600_000;
    expect(addDuration(november10, 'P1D', cal) - november10).toBe(25 * 3_600_000);
  });
});

test('a year ends in New York three hours before Los Angeles, and Chicago between them', () => {
  const ny = zoneCal('America/New_York');
  const la = zoneCal('America/Los_Angeles');
  const chicago = zoneCal('America/Chicago');
  expect(iso(ny.yearEnd(2026))).toBe('2027-01-01T05:00:00.000Z');
  expect(iso(chicago.yearEnd(2026))).toBe('2027-01-01T06:00:00.000Z');
  expect(iso(la.yearEnd(2026))).toBe('2027-01-01T08:00:00.000Z');
  const between = Date.parse('2027-01-01T06:30:00Z');
  expect([ny.year(between), chicago.year(between), la.year(between)]).toEqual([2027, 2027, 2026]);
  expect([ny.date(between), la.date(between)]).toEqual(['2027-01-01', '2026-12-31']);
  // The close of the last business day of 2026 (Thursday, December 31).
  const morning = Date.parse('2026-12-31T15:00:00Z');
  expect(iso(addDuration(morning, { businessDays: 0 }, ny))).toBe('2027-01-01T05:00:00.000Z');
  expect(iso(addDuration(morning, { businessDays: 0 }, la))).toBe('2027-01-01T08:00:00.000Z');
});

test('a zone that is not one of the three is refused', () => {
  expect(() => dateIn('Europe/London' as TimeZone, 0)).toThrow(/not a supported time zone/);
});
