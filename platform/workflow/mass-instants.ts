/**
 * Mass instants spread over a window. Deadlines counted in business days end at the close
 * of a day, and year ends and certificate ends fall at midnight too, all in the
 * jurisdiction's time zone: left alone, every case in the state would escalate, expire and close at the same
 * second, the moment maintenance windows and nightly jobs also pick. The work that falls
 * due at such a day boundary is done instead at an instant within the policy's
 * `midnightSpread` after it, the same for a case whenever it is computed (a hash of the
 * workflow ID, which continue-as-new keeps), so cases are spread evenly and each one is
 * predictable. The deadline a person sees does not move; only when the machine acts.
 */
import { addDuration, type BusinessCalendar, type PolicyDuration } from './calendar';

/** The window when the policy names none (cases that started before it existed). */
export const DEFAULT_MIDNIGHT_SPREAD = 'PT2H';

/** FNV-1a over the ID: stable across runs, processes and SDK versions. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** True when `ms` is a local midnight in the calendar's time zone. */
export function isDayBoundary(ms: number, calendar: BusinessCalendar): boolean {
  return calendar.startOfDay(calendar.date(ms)) === ms;
}

/** The instant at which a case acts on `ms`: later by its share of the window when `ms` is a day boundary. */
export function spreadInstant(
  ms: number,
  workflowId: string,
  window: PolicyDuration,
  calendar: BusinessCalendar,
): number {
  if (!isDayBoundary(ms, calendar)) return ms;
  const windowMs = addDuration(ms, window, calendar) - ms;
  if (windowMs <= 0) return ms;
  // Whole seconds, so the instants read cleanly in logs and histories.
  return ms + (hash(workflowId) % Math.floor(windowMs / 1000)) * 1000;
}
