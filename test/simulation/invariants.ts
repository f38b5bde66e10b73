/**
 * The invariants checked after every step, once the scenario's workflows are idle:
 *  - every accepted action is written exactly once to the read model (its event, once);
 *    a write retried carries the same events; e-mail is delivered only from the outbox;
 *  - no task open in the read model that the workflow does not hold, and the reverse; the
 *    read model shows the workflow's stage (checked while no write is owed);
 *  - no incident without a commit waiting on it, and no write given up without one;
 *  - a running workflow waits on a task, a timer, an Update in flight or (in the stages
 *    its model names) a message; a closed one is closed in the read model with no task open;
 *  - nothing half-done at close or continue-as-new: every write and delivery a finished run
 *    began was done;
 *  - no workflow task failed (non-determinism after a restart or without the cache shows
 *    here), no workflow failed, no worker died.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import type { TaskRecord } from '../../platform/workflow/records';
import type { Ctx, Expectation } from './model';
import type { ReadModel } from './read-model';
import type { Look } from './settle';

/** WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND. */
const UNHANDLED_COMMAND = 1;

export interface Violation {
  invariant: string;
  detail: string;
}

/** An action the scenario sent and the workflow accepted. */
export interface Accepted {
  label: string;
  /** `refused`: sent, then found refused (a validator said no): it counts for nothing. */
  state: 'inflight' | 'done' | 'failed' | 'refused';
  /** Known before it finishes (a completion's event), or once it is done (an id it returns). */
  expectations: Expectation[];
  /**
   * A signal: done once delivered, while its write may still be owed (an outage): its
   * events count as in flight until the case owes no write.
   */
  signal?: boolean;
}

export interface CheckState {
  accepted: Accepted[];
  attemptsSeen: number;
  deliveriesSeen: number;
  eventsOfVersion: Map<string, string>;
}

export const newCheckState = (): CheckState => ({
  accepted: [],
  attemptsSeen: 0,
  deliveriesSeen: 0,
  eventsOfVersion: new Map(),
});

function pendingTimers(look: Look): number {
  const open = new Set<string>();
  for (const e of look.history) {
    if (e.timerStartedEventAttributes?.timerId) open.add(e.timerStartedEventAttributes.timerId);
    if (e.timerFiredEventAttributes?.timerId) open.delete(e.timerFiredEventAttributes.timerId);
    if (e.timerCanceledEventAttributes?.timerId) open.delete(e.timerCanceledEventAttributes.timerId);
  }
  return open.size;
}

/**
 * SIMULATE_HISTORY_DIR=<dir>: the history of a run whose workflow task failed is written there
 * (`<workflowId>-<runId>.json`, the format of test/histories/), to replay with Worker.runReplayHistory.
 */
function dumpHistory(look: Look): void {
  const dir = process.env.SIMULATE_HISTORY_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const History = temporal.api.history.v1.History;
  const message = History.fromObject({ events: look.history });
  const json = History.toObject(message, { longs: String, bytes: String, enums: String });
  writeFileSync(path.join(dir, `${look.c.workflowId}-${look.runId}.json`), JSON.stringify(json, null, 1));
}

const matches = (detail: Record<string, unknown>, match: Record<string, unknown> = {}) =>
  Object.entries(match).every(([k, v]) => JSON.stringify(detail[k]) === JSON.stringify(v));

export class Checker {
  checks = 0;
  constructor(
    private readonly ctx: Ctx,
    private readonly model: ReadModel,
    private readonly st: CheckState,
  ) {}

  private ok(cond: boolean, out: Violation[], invariant: string, detail: () => string): void {
    this.checks++;
    if (!cond) out.push({ invariant, detail: detail() });
  }

  async check(looks: Look[], quiet: boolean, final: boolean): Promise<Violation[]> {
    const out: Violation[] = [];
    for (const err of this.ctx.world.workerErrors.splice(0)) out.push({ invariant: 'worker-alive', detail: err });
    for (const look of looks) await this.checkCase(look, quiet, out);
    this.checkExactlyOnce(final, out);
    this.checkAttempts(out);
    return out;
  }

  private async checkCase(look: Look, quiet: boolean, out: Violation[]): Promise<void> {
    const { c } = look;
    const m = this.model;
    for (const e of look.history) {
      const failed = e.workflowTaskFailedEventAttributes;
      // The server refusing a completion because an event came in meanwhile (a signal as
      // the run closes) is not a failure of the workflow: the worker takes the task again.
      const unhandled = Number(failed?.cause) === UNHANDLED_COMMAND;
      this.ok(
        !failed || unhandled,
        out,
        'no-workflow-task-failure',
        () => `${c.workflowId}: ${failed?.failure?.message || `workflow task failed (cause ${failed?.cause})`}`,
      );
      if (failed && !unhandled) dumpHistory(look);
    }
    this.ok(
      ['RUNNING', 'COMPLETED'].includes(look.status),
      out,
      'workflow-healthy',
      () => `${c.workflowId} is ${look.status}`,
    );
    const running = look.status === 'RUNNING';
    const unwritten = m.unwritten(c.caseId);
    const incident = m.incidents.has(c.caseId);
    const inflight = this.st.accepted.some(
      (a) => a.state === 'inflight' && a.expectations.some((x) => x.caseId === c.caseId),
    );
    // Runs that ended (continued as new, or the closed run itself): nothing they began is left.
    const runs = new Set([
      ...m.attempts.filter((a) => a.workflowId === c.workflowId).map((a) => a.runId),
      ...m.deliveries.filter((d) => d.workflowId === c.workflowId).map((d) => d.runId),
    ]);
    for (const runId of runs) {
      if (running && runId === look.runId) continue;
      const owed = m.unwritten(c.caseId, runId);
      this.ok(
        !owed.length,
        out,
        'nothing-half-done',
        () => `${c.workflowId} run ${runId.slice(0, 8)} ended with write v${owed[0]?.version} not done`,
      );
      const byKeys = new Map<string, boolean>();
      for (const d of m.deliveries.filter((x) => x.runId === runId)) {
        const k = d.keys.join(',');
        byKeys.set(k, (byKeys.get(k) ?? false) || d.ok || d.attempt >= 3);
      }
      for (const [k, done] of byKeys)
        this.ok(
          done,
          out,
          'nothing-half-done',
          () => `${c.workflowId} run ${runId.slice(0, 8)} ended with the delivery of ${k} cut off`,
        );
    }
    if (!quiet) return;
    if (c.kind !== 'case') {
      this.ok(!unwritten.length, out, 'peer-written', () => `${c.workflowId}: write v${unwritten[0].version} not done`);
      return;
    }
    this.ok(
      !incident || unwritten.length > 0,
      out,
      'incident-has-waiting-commit',
      () => `${c.caseId}: incident open, no write waiting on it`,
    );
    this.ok(
      !running || incident || !unwritten.length,
      out,
      'failed-write-has-incident',
      () => `${c.caseId}: write v${unwritten[0].version} given up without an incident`,
    );
    const row = m.cases.get(c.caseId);
    if (!running) {
      this.ok(
        row?.status === 'closed',
        out,
        'closed-in-read-model',
        () => `${c.caseId}: workflow ${look.status}, read model ${row?.status}/${row?.stage}`,
      );
      const left = m.openTasksOf(c.caseId);
      this.ok(
        !left.length,
        out,
        'no-task-open-after-close',
        () => `${c.caseId}: ${left.map((t) => `${t.type}:${t.id.slice(0, 8)}`).join(', ')} open in the read model`,
      );
      return;
    }
    if (incident || unwritten.length) return;
    // One after the other: two at once on the worker without a cache once went unanswered here.
    const held = await this.ctx.query<TaskRecord[]>('openTasks', c);
    const stage = await this.ctx.query<string>('stage', c);
    const inModel = m.openTasksOf(c.caseId);
    const extra = inModel.filter((t) => !held.some((x) => x.id === t.id));
    const missing = held.filter((t) => !inModel.some((x) => x.id === t.id));
    this.ok(
      !extra.length,
      out,
      'read-model-tasks-held',
      () => `${c.caseId}: open in the read model, not in the workflow: ${extra.map((t) => t.type).join(', ')}`,
    );
    this.ok(
      !missing.length,
      out,
      'held-tasks-in-read-model',
      () => `${c.caseId}: held by the workflow, not open in the read model: ${missing.map((t) => t.type).join(', ')}`,
    );
    const differ = held.filter((t) => {
      const r = inModel.find((x) => x.id === t.id);
      return r && (r.assigneeId ?? null) !== (t.assigneeId ?? null);
    });
    this.ok(
      !differ.length,
      out,
      'read-model-tasks-held',
      () => `${c.caseId}: assignee differs for ${differ.map((t) => t.type).join(', ')}`,
    );
    this.ok(
      row?.stage === stage,
      out,
      'read-model-stage',
      () => `${c.caseId}: workflow at ${stage}, read model at ${row?.stage}`,
    );
    const waits = held.length > 0 || pendingTimers(look) > 0 || inflight || !!c.waitsForMessages?.(stage);
    this.ok(
      waits,
      out,
      'waits-on-something',
      () => `${c.caseId}: running at stage ${stage} with no task, timer or Update to wait on`,
    );
  }

  private checkExactlyOnce(final: boolean, out: Violation[]): void {
    const groups = new Map<string, { x: Expectation; done: number; inflight: number }>();
    for (const a of this.st.accepted) {
      if (a.state === 'failed' || a.state === 'refused') continue;
      for (const x of a.expectations) {
        const k = JSON.stringify([x.caseId, x.event, x.match ?? {}, x.mode]);
        const g = groups.get(k) ?? { x, done: 0, inflight: 0 };
        if (a.state === 'done' && !(a.signal && this.model.unwritten(x.caseId).length)) g.done++;
        else g.inflight++;
        groups.set(k, g);
      }
    }
    for (const { x, done, inflight } of groups.values()) {
      const n = this.model.eventsOf(x.caseId).filter((e) => e.event === x.event && matches(e.detail, x.match)).length;
      const what = () =>
        `${x.event} ${JSON.stringify(x.match ?? {})}: ${n} in the timeline, ` +
        `${done} accepted and done, ${inflight} in flight`;
      if (x.mode === 'once') {
        this.ok(n <= 1, out, 'written-exactly-once', what);
        this.ok(done === 0 || n === 1, out, 'written-exactly-once', what);
      } else {
        this.ok(n <= done + inflight && n >= done, out, 'written-exactly-once', what);
      }
      if (final) this.ok(inflight === 0, out, 'accepted-action-finished', what);
    }
  }

  /** A retried write carries the same events; e-mail goes out only once it is in the outbox. */
  private checkAttempts(out: Violation[]): void {
    const m = this.model;
    for (const a of m.attempts.slice(this.st.attemptsSeen)) {
      const k = `${a.key}@${a.version}`;
      const ids = JSON.stringify(a.eventIds);
      const before = this.st.eventsOfVersion.get(k);
      this.ok(
        before === undefined || before === ids,
        out,
        'retried-write-identical',
        () => `${k}: a retry carried other events`,
      );
      this.st.eventsOfVersion.set(k, ids);
    }
    this.st.attemptsSeen = m.attempts.length;
    for (const d of m.deliveries.slice(this.st.deliveriesSeen)) {
      const unknown = d.keys.filter((k) => !m.outbox.has(k));
      this.ok(
        !unknown.length,
        out,
        'delivered-from-outbox',
        () => `delivery of ${unknown.join(', ')} before it was in the outbox`,
      );
    }
    this.st.deliveriesSeen = m.deliveries.length;
  }
}
