/**
 * Waiting until a scenario's workflows are idle before the invariants look: no activity
 * pending (one waiting out its retry backoff is brought due by moving the clock), no
 * workflow task outstanding (the history ends with a completed workflow task, or the run
 * has closed), and nothing moving between two looks. When all that is left is an activity
 * waiting out its retry backoff, the clock moves straight to the earliest retry (no small
 * bumps). The clock is moved at most a few minutes per settle: a write that keeps failing
 * under an outage is reported as "busy" (the consistency checks wait for a quieter step),
 * not waited out for ever.
 */
import type { temporal } from '@temporalio/proto';
import type { Ctx, SimCase } from './model';
import { profile } from './profile';
import { nextAttemptAt, retryPolicies } from './retries';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export interface Look {
  c: SimCase;
  status: string;
  runId: string;
  history: HistoryEvent[];
  pendingActivities: number;
  /** When the earliest activity waiting out its retry backoff is due (epoch ms; Infinity: none waits). */
  nextRetryMs: number;
  /** An activity runs, or waits for a worker to take it (no backoff to wait out). */
  activityBusy: boolean;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WFT_EVENTS = new Set([5, 6, 7, 8, 9]);
const WFT_COMPLETED = 7;
/** WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND: the server's retry, not a failure. */
const UNHANDLED_COMMAND = 1;

/**
 * A look at a case: its description (status, run, pending activities) and its history,
 * fetched side by side. The history is fetched every time while the run is open: the test
 * server's `historyLength` in a description lags the history (a look that trusted it kept
 * a workflow task "started" that had long completed, and the settle bumped the clock for
 * nothing). A closed run's history no longer changes, so its last one is kept.
 */
async function lookAt(ctx: Ctx, c: SimCase, before?: Look): Promise<Look> {
  const h = ctx.client.workflow.getHandle(c.workflowId);
  const closed = before && !['RUNNING', 'CONTINUED_AS_NEW'].includes(before.status) ? before : undefined;
  const [d, fetched] = await Promise.all([
    profile.time('describe', () => h.describe()),
    closed ? undefined : profile.time('fetchHistory', () => h.fetchHistory()),
  ]);
  // (A run that continued as new between the two calls: the next look sees the new one.)
  const history =
    closed && closed.runId === d.runId
      ? closed.history
      : ((fetched ?? (await profile.time('fetchHistory', () => h.fetchHistory()))).events ?? []);
  const pending = d.status.name === 'RUNNING' ? (d.raw.pendingActivities ?? []) : [];
  const policies = pending.length ? retryPolicies(history) : new Map();
  let nextRetryMs = Infinity;
  let activityBusy = false;
  for (const a of pending) {
    const next = nextAttemptAt(a, policies);
    if (next === undefined) activityBusy = true;
    else nextRetryMs = Math.min(nextRetryMs, next);
  }
  return {
    c,
    status: d.status.name,
    runId: d.runId,
    history,
    pendingActivities: pending.length,
    nextRetryMs,
    activityBusy,
  };
}

function failedForGood(l: Look): boolean {
  return l.history.some((e) => {
    const cause = e.workflowTaskFailedEventAttributes?.cause;
    return cause != null && Number(cause) !== UNHANDLED_COMMAND;
  });
}

/** The last workflow-task event is a completion: no task scheduled or running after it. */
function tasksDone(l: Look): boolean {
  const last = [...l.history].reverse().find((e) => WFT_EVENTS.has(Number(e.eventType)));
  return Number(last?.eventType) === WFT_COMPLETED;
}

/**
 * Nothing outstanding: the run closed, or it runs with no activity and no workflow task.
 * A run that continued as new is not at rest: the next run is on its way (a look can
 * catch the moment the old run has closed and the new one is not yet the current one).
 */
export function idle(l: Look): boolean {
  if (l.status === 'CONTINUED_AS_NEW') return false;
  return l.status !== 'RUNNING' || (l.pendingActivities === 0 && tasksDone(l));
}

/**
 * Not idle only for activities waiting out a retry backoff: no workflow task outstanding,
 * no activity running or taken, each one with the instant of its next attempt.
 */
function onlyRetries(l: Look): boolean {
  return l.status === 'RUNNING' && !l.activityBusy && Number.isFinite(l.nextRetryMs) && tasksDone(l);
}

/**
 * The last look at each case of a scenario, kept between settles: a closed run's history
 * is not fetched again (see lookAt).
 */
const lastLooks = new WeakMap<Ctx, Look[]>();

/** Past a retry's instant, so the move surely reaches it. */
const RETRY_MARGIN_MS = 100;
/**
 * How long (wall time) the looks may stand still, not idle and with no retry to wait for,
 * before the clock is bumped. A workflow task on the worker without a cache replays the
 * whole history and takes 100-500 ms on a busy machine: counting a few quick looks instead
 * bumped the clock after nearly every such task, for nothing.
 */
const STUCK_MS = 1_000;
/** That bump: a workflow task or activity left on a replaced worker times out in a few of these. */
const STUCK_BUMP_MS = 3_000;

async function moveClock(ctx: Ctx, ms: number): Promise<void> {
  if (process.env.SIMULATE_TRACE) process.stdout.write(`      settle: clock +${ms} ms\n`);
  await profile.time('settle clock', () => ctx.world.sleep(ms));
}

/** Returns the last look at each case, and whether everything was idle. */
export async function settle(ctx: Ctx, budgetMs = 4 * 60_000): Promise<{ looks: Look[]; quiet: boolean }> {
  let moved = 0;
  let previous = '';
  /** Since when (wall time) the looks have not changed. */
  let stillSince = performance.now();
  let looks: Look[] = lastLooks.get(ctx) ?? [];
  for (let round = 0; round < 400; round++) {
    const last = looks;
    looks = await profile.time('settle look', () => Promise.all(ctx.cases.map((c, i) => lookAt(ctx, c, last[i]))));
    profile.add('settle round', 0);
    const signature = looks.map((l) => `${l.runId}:${l.history.length}:${l.pendingActivities}`).join('|');
    const allIdle = looks.every(idle);
    if (process.env.SIMULATE_TRACE && round % 20 === 19)
      process.stdout.write(`      settle round ${round}: ${signature} idle=${allIdle} moved=${moved}\n`);
    lastLooks.set(ctx, looks);
    if (allIdle && signature === previous) return { looks, quiet: true };
    // A workflow task failed for its code (non-determinism): waiting will not make it idle,
    // and the checks report the failure with its message.
    if (looks.some(failedForGood)) return { looks, quiet: false };
    // All that is left is a retry's backoff: the clock goes straight to the earliest retry.
    const waiting = looks.filter((l) => !idle(l));
    if (waiting.length && waiting.every(onlyRetries)) {
      const now = await ctx.nowMs();
      const next = Math.min(...waiting.map((l) => l.nextRetryMs));
      // (A retry whose instant has come waits for a worker to take it: the looks go on.)
      if (next > now) {
        if (moved >= budgetMs) return { looks, quiet: false };
        const wait = next - now + RETRY_MARGIN_MS;
        await moveClock(ctx, wait);
        moved += wait;
        previous = '';
        stillSince = performance.now();
        continue;
      }
    }
    if (signature !== previous) stillSince = performance.now();
    previous = signature;
    if (performance.now() - stillSince >= STUCK_MS) {
      // Nothing moves by itself, and no retry is waited for: a workflow task or an activity
      // waits on a worker that was replaced (it times out on the clock).
      if (moved >= budgetMs) return { looks, quiet: false };
      if (process.env.SIMULATE_TRACE)
        for (const l of looks.filter((x) => !idle(x)))
          process.stdout.write(
            `      settle: stuck ${l.c.workflowId}, ${l.pendingActivities} activities, last events ` +
              `${l.history
                .slice(-6)
                .map((e) => e.eventType)
                .join(',')}\n`,
          );
      await moveClock(ctx, STUCK_BUMP_MS);
      moved += STUCK_BUMP_MS;
      stillSince = performance.now();
      continue;
    }
    await profile.time('settle pause', () => pause(round < 10 ? 5 : 25));
  }
  return { looks, quiet: false };
}
