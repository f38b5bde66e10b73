/**
 * Waiting until a scenario's workflows are idle before the invariants look: no activity
 * pending (one waiting out its retry backoff is brought due by moving the clock), no
 * workflow task outstanding (the history ends with a completed workflow task, or the run
 * has closed), and nothing moving between two looks. The clock is moved at most a few
 * minutes per settle: a write that keeps failing under an outage is reported as "busy"
 * (the consistency checks wait for a quieter step), not waited out for ever.
 */
import type { temporal } from '@temporalio/proto';
import type { Ctx, SimCase } from './model';
import { profile } from './profile';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

export interface Look {
  c: SimCase;
  status: string;
  runId: string;
  history: HistoryEvent[];
  pendingActivities: number;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WFT_EVENTS = new Set([5, 6, 7, 8, 9]);
const WFT_COMPLETED = 7;
/** WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND: the server's retry, not a failure. */
const UNHANDLED_COMMAND = 1;

/** A look at a case; its history is fetched only when `withHistory` (or it changed since `before`). */
async function lookAt(ctx: Ctx, c: SimCase, before?: Look): Promise<Look> {
  const h = ctx.client.workflow.getHandle(c.workflowId);
  const d = await profile.time('describe', () => h.describe());
  const running = d.status.name === 'RUNNING';
  const length = Number(d.raw.workflowExecutionInfo?.historyLength ?? -1);
  const same =
    before && before.runId === d.runId && before.history.length === length && before.status === d.status.name;
  const history = same
    ? before.history
    : ((await profile.time('fetchHistory', () => ctx.client.workflow.getHandle(c.workflowId, d.runId).fetchHistory()))
        .events ?? []);
  return {
    c,
    status: d.status.name,
    runId: d.runId,
    history,
    pendingActivities: running ? (d.raw.pendingActivities ?? []).length : 0,
  };
}

function nextAttemptMs(raw: {
  pendingActivities?: { nextAttemptScheduleTime?: { seconds?: unknown; nanos?: number | null } | null }[] | null;
}): number {
  let next = Infinity;
  for (const a of raw.pendingActivities ?? []) {
    const t = a.nextAttemptScheduleTime;
    if (t?.seconds != null) next = Math.min(next, Number(t.seconds) * 1000 + Math.floor((t.nanos ?? 0) / 1e6));
  }
  return next;
}

function failedForGood(l: Look): boolean {
  return l.history.some((e) => {
    const cause = e.workflowTaskFailedEventAttributes?.cause;
    return cause != null && Number(cause) !== UNHANDLED_COMMAND;
  });
}

function idle(l: Look): boolean {
  if (l.status !== 'RUNNING') return true;
  // The last workflow-task event is a completion: no task scheduled or running after it.
  const last = [...l.history].reverse().find((e) => WFT_EVENTS.has(Number(e.eventType)));
  return l.pendingActivities === 0 && Number(last?.eventType) === WFT_COMPLETED;
}

/**
 * The last look at each case of a scenario, kept between settles: a history is fetched
 * again only when its run, length or status changed (a history only grows, so the same
 * run at the same length holds the same events).
 */
const lastLooks = new WeakMap<Ctx, Look[]>();

/** Returns the last look at each case, and whether everything was idle. */
export async function settle(ctx: Ctx, budgetMs = 4 * 60_000): Promise<{ looks: Look[]; quiet: boolean }> {
  let moved = 0;
  let previous = '';
  let stuck = 0;
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
    if (signature === previous) stuck++;
    else stuck = 0;
    previous = signature;
    if (stuck >= 3) {
      // Nothing moves by itself: an activity waits out its backoff, or a workflow task
      // waits on a worker that was replaced (its sticky queue times out on the clock).
      if (moved >= budgetMs) return { looks, quiet: false };
      let wait = 3_000;
      for (const l of looks) {
        if (l.status !== 'RUNNING' || !l.pendingActivities) continue;
        const d = await ctx.client.workflow.getHandle(l.c.workflowId).describe();
        const next = nextAttemptMs(d.raw);
        if (Number.isFinite(next)) wait = Math.max(1_000, Math.min(60_000, next - (await ctx.nowMs()) + 200));
      }
      if (process.env.SIMULATE_TRACE) process.stdout.write(`      settle: clock +${wait} ms\n`);
      await profile.time('settle clock', () => ctx.world.sleep(wait));
      moved += wait;
      stuck = 0;
      continue;
    }
    await profile.time('settle pause', () => pause(round < 10 ? 5 : 25));
  }
  return { looks, quiet: false };
}
