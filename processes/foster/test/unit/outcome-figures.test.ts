/**
 * The outcome report's edge cases that the seeded year does not reach (docs/processes/foster.md,
 * "Match support"): a match closed before its first meeting is an early closure of no months,
 * the quartiles of one or two scores, a match that reached the commitment exactly, and a
 * period with nothing in it.
 */
import { MONTH_MS, outcomeItems, quantile, type MatchFact } from '../../reports/outcome-figures';

const end = new Date('2025-01-01T00:00:00Z');
const period = { from: new Date('2024-01-01T00:00:00Z'), end };
const ago = (n: number) => new Date(end.getTime() - n * MONTH_MS);
const match = (over: Partial<MatchFact>): MatchFact => ({
  key: 'p',
  mentorCaseId: 'm',
  youthCaseId: 'y',
  proposedAt: ago(13),
  firstMeetingAt: ago(12),
  closedAt: null,
  closureReason: null,
  ...over,
});

test('quartiles interpolate between the closest ranks; none without scores', () => {
  expect([quantile([70], 0.25), quantile([70], 0.75)]).toEqual([70, 70]);
  expect([quantile([10, 20], 0.25), quantile([10, 20], 0.5), quantile([10, 20], 0.75)]).toEqual([12.5, 15, 17.5]);
  expect(quantile([], 0.5)).toBeNull();
});

test('a match closed before it met is an early closure; twelve months exactly is the commitment', () => {
  const [item] = outcomeItems(
    period,
    [
      match({ mentorCaseId: 'a', firstMeetingAt: null, closedAt: ago(2), closureReason: 'youth_moved' }),
      match({ mentorCaseId: 'b', closedAt: ago(0.5), closureReason: 'planned' }),
    ],
    [],
    [],
    6,
  );
  // The second lasted 11.5 months: early, and not retained.
  expect(item).toMatchObject({
    youthServed: 1,
    earlyClosures: { youth_moved: 1, planned: 1 },
    mentorsRetained: 0,
    reached12Months: 0,
  });
  const [kept] = outcomeItems(period, [match({ mentorCaseId: 'c' })], [], [], 6);
  expect(kept).toMatchObject({ reached12Months: 1, mentorsRetained: 1, activeMatches: 1, meanMatchMonths: 12 });
});

test('a period with nothing in it has no item', () => {
  expect(outcomeItems(period, [], [], [], 6)).toEqual([]);
});
