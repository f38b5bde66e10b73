/**
 * When the product has acted on a deadline. Work due at a day boundary in Los Angeles is
 * done at each case's own instant within the policy's spread window after it (see
 * workflows/shared/mass-instants.ts); a test that waits for an escalation, an expiry or a
 * year end waits until the end of that window, and one that checks nothing happened yet
 * looks before the deadline itself.
 */
import { BusinessCalendar } from '../../platform/workflow/calendar';
import { isDayBoundary } from '../../platform/workflow/mass-instants';

/** The default window (`midnightSpread`: two hours). */
export const SPREAD_MS = 2 * 3_600_000;

/** Cases in another time zone pass their calendar (the default is Los Angeles). */
export const actedBy = (deadlineMs: number, calendar = new BusinessCalendar([])): number =>
  isDayBoundary(deadlineMs, calendar) ? deadlineMs + SPREAD_MS : deadlineMs;
