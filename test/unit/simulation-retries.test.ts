/**
 * The simulation's settle moves the clock straight to an activity's next retry; this
 * checks the instant it computes against what the time-skipping test server does. The
 * pending activities below are the server's own answers (seed 301 of `npm run simulate`,
 * a write under an outage: 1 s initial interval, coefficient 2, capped at a minute), and
 * each next attempt is when the server started it.
 */
import { millis, nextAttemptAt, retryPolicies } from '../simulation/retries';

const at = (ms: number) => ({ seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 });
const T = 1_796_608_028_000;

const history = [
  {
    activityTaskScheduledEventAttributes: {
      activityId: '8',
      retryPolicy: {
        initialInterval: { seconds: '1' },
        backoffCoefficient: 2,
        maximumInterval: { seconds: '60' },
      },
    },
  },
];
const policies = retryPolicies(history);

/** The test server's pending activity after `attempt - 1` failed attempts, the last ending at `ended`. */
const waiting = (attempt: number, started: number, ended: number) => ({
  activityId: '8',
  state: 2,
  attempt,
  lastStartedTime: at(started),
  lastAttemptCompleteTime: at(ended),
});

test('a waiting write tries again after the backoff of its policy, from the end of its last attempt', () => {
  // Attempt, last attempt's start and end, and when the server started the next one.
  const seen: [number, number, number, number][] = [
    [2, 971, 976, 1_977],
    [3, 1_977, 1_981, 3_982],
    [4, 3_982, 3_985, 7_986],
    [5, 7_986, 7_990, 15_990],
    [6, 15_990, 15_995, 31_995],
    [7, 31_995, 32_001, 64_005],
  ];
  for (const [attempt, started, ended, next] of seen) {
    const due = nextAttemptAt(waiting(attempt, T + started, T + ended), policies)!;
    expect(Math.abs(due - (T + next))).toBeLessThanOrEqual(5);
  }
  // Capped at the policy's maximum interval.
  expect(nextAttemptAt(waiting(12, T, T + 10), policies)).toBe(T + 10 + 60_000);
});

test('an activity that runs, waits for its first attempt, or reports its own next attempt', () => {
  // Running: its last start is after its last attempt's end.
  expect(nextAttemptAt(waiting(3, T + 5_000, T + 1_000), policies)).toBeUndefined();
  // Scheduled, never taken.
  expect(nextAttemptAt({ activityId: '8', state: 1, attempt: 1, lastStartedTime: {} }, policies)).toBeUndefined();
  // A policy not in the history: not guessed.
  expect(nextAttemptAt({ ...waiting(3, T, T + 1), activityId: '9' }, policies)).toBeUndefined();
  // The real server says when.
  expect(nextAttemptAt({ activityId: '8', state: 1, attempt: 4, nextAttemptScheduleTime: at(T + 42) }, policies)).toBe(
    T + 42,
  );
  expect(millis(undefined)).toBeUndefined();
});
