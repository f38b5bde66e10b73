/**
 * When an activity waiting out its retry backoff tries again, so a settle can move the
 * clock straight there instead of in small bumps. The real server says it in a pending
 * activity's `nextAttemptScheduleTime`; the time-skipping test server leaves that out and
 * shows a waiting activity as started, with its last attempt completed after it started
 * and `attempt` already the next one. Its next attempt then comes at the last attempt's
 * end plus the backoff of the retry policy the activity was scheduled with (in the
 * history): initial interval × coefficient^(attempt − 2), capped at the maximum interval.
 */
/** A protobuf timestamp or duration (seconds as a Long, a string or a number). */
type Time = { seconds?: unknown; nanos?: number | null } | null | undefined;

interface RetryPolicy {
  initialInterval?: Time;
  backoffCoefficient?: number | null;
  maximumInterval?: Time;
}

/** What a settle reads of a history event and of a description's pending activity. */
interface ScheduledEvent {
  activityTaskScheduledEventAttributes?: { activityId?: string | null; retryPolicy?: RetryPolicy | null } | null;
}
interface PendingActivity {
  activityId?: string | null;
  state?: unknown;
  attempt?: number | null;
  lastStartedTime?: Time;
  lastAttemptCompleteTime?: Time;
  nextAttemptScheduleTime?: Time;
}

/** PENDING_ACTIVITY_STATE_CANCEL_REQUESTED: the workflow gave it up; it ends on its own. */
const CANCEL_REQUESTED = 3;

/** A timestamp or a duration in milliseconds (undefined when absent). */
export function millis(t: Time): number | undefined {
  if (t?.seconds == null && t?.nanos == null) return undefined;
  return Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6);
}

/** The retry policy each activity of the run was scheduled with, by activity id. */
export function retryPolicies(history: ScheduledEvent[]): Map<string, RetryPolicy> {
  const policies = new Map<string, RetryPolicy>();
  for (const e of history) {
    const s = e.activityTaskScheduledEventAttributes;
    if (s?.activityId && s.retryPolicy) policies.set(s.activityId, s.retryPolicy);
  }
  return policies;
}

/**
 * When the pending activity's next attempt is due (server clock, epoch ms), or undefined
 * when it is not waiting out a backoff: it runs, or it waits for a worker to take it.
 */
export function nextAttemptAt(a: PendingActivity, policies: Map<string, RetryPolicy>): number | undefined {
  if (Number(a.state) === CANCEL_REQUESTED) return undefined;
  const reported = millis(a.nextAttemptScheduleTime);
  if (reported !== undefined) return reported;
  const attempt = Number(a.attempt ?? 1);
  const started = millis(a.lastStartedTime);
  const ended = millis(a.lastAttemptCompleteTime);
  if (attempt < 2 || ended === undefined || (started !== undefined && started > ended)) return undefined;
  const policy = policies.get(a.activityId ?? '');
  const initial = millis(policy?.initialInterval);
  if (!policy || !initial) return undefined;
  const backoff = initial * Math.pow(policy.backoffCoefficient || 2, attempt - 2);
  const cap = millis(policy.maximumInterval);
  return ended + (cap ? Math.min(backoff, cap) : backoff);
}
