/**
 * When the product has acted on a deadline. Work due at a day boundary in Los Angeles is
 * done at each case's own instant within the policy's spread window after it (see
 * workflows/shared/mass-instants.ts); a test that waits for an escalation, an expiry or a
 * year end waits until the end of that window, and one that checks nothing happened yet
 * looks before the deadline itself.
 */
import { isDayBoundary } from '../../platform/workflow/mass-instants';

/** The default window (`midnightSpread`: two hours). */
export const SPREAD_MS = 2 * 3_600_000;

export const actedBy = (deadlineMs: number): number =>
  isDayBoundary(deadlineMs) ? deadlineMs + SPREAD_MS : deadlineMs;
