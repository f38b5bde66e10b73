/**
 * Mass instants are spread: cases due at the same close of day act at instants spread over
 * the window after it (each case always at the same one), and instants that are not day
 * boundaries are left where they are.
 */
import { laStartOfDay } from '../../platform/workflow/calendar';
import { businessCalendarOf } from '../../platform/workflow/jurisdiction';
import { isDayBoundary, spreadInstant } from '../../platform/workflow/mass-instants';
import { DEFAULT_POLICY } from '../../platform/workflow/policy';

const calendar = businessCalendarOf(DEFAULT_POLICY);
const midnight = laStartOfDay('2027-01-01');

test('a thousand cases due at one midnight act over the two hours after it, evenly, each at its own fixed instant', () => {
  const at = Array.from({ length: 1000 }, (_, i) => spreadInstant(midnight, `leave-${i}-2026`, 'PT2H', calendar));
  expect(Math.min(...at)).toBeGreaterThanOrEqual(midnight);
  expect(Math.max(...at)).toBeLessThan(midnight + 2 * 3_600_000);
  // No quarter of an hour holds more than twice its share.
  const perQuarter = new Map<number, number>();
  for (const t of at)
    perQuarter.set(
      Math.floor((t - midnight) / 900_000),
      (perQuarter.get(Math.floor((t - midnight) / 900_000)) ?? 0) + 1,
    );
  expect(perQuarter.size).toBe(8);
  expect(Math.max(...perQuarter.values())).toBeLessThan(250);
  expect(new Set(at).size).toBeGreaterThan(900);
  expect(spreadInstant(midnight, 'leave-7-2026', 'PT2H', calendar)).toBe(at[7]);
});

test('an instant that is not a day boundary, or a window of nothing, is not moved', () => {
  const noon = midnight + 12 * 3_600_000;
  expect(isDayBoundary(noon, calendar)).toBe(false);
  expect(spreadInstant(noon, 'leave-1-2026', 'PT2H', calendar)).toBe(noon);
  expect(spreadInstant(midnight, 'leave-1-2026', 'PT0S', calendar)).toBe(midnight);
  // Midnight in Los Angeles on the day daylight saving starts is still a boundary.
  expect(isDayBoundary(laStartOfDay('2027-03-14'), calendar)).toBe(true);
});

test("a day boundary is the jurisdiction's midnight: New York's is not Los Angeles's", () => {
  const newYork = businessCalendarOf({ calendar: { timeZone: 'America/New_York', holidaySet: 'MA', holidays: {} } });
  const nyMidnight = Date.parse('2027-01-01T05:00:00Z');
  expect(isDayBoundary(nyMidnight, newYork)).toBe(true);
  expect(isDayBoundary(nyMidnight, calendar)).toBe(false);
  expect(isDayBoundary(midnight, newYork)).toBe(false);
  expect(spreadInstant(nyMidnight, 'leave-1-2026', 'PT2H', newYork)).toBeGreaterThan(nyMidnight);
  expect(spreadInstant(nyMidnight, 'leave-1-2026', 'PT2H', calendar)).toBe(nyMidnight);
});
