/**
 * What Temporal says of the read model's workflows, for the doctor: which of a page of
 * workflow IDs run (one visibility list call per page, not a describe per case), how a
 * workflow that does not run ended (a describe, of those few only), and a case's own
 * answers to its queries, each within a deadline so a case whose worker is away is
 * reported as unchecked instead of holding the doctor up.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';

/** How a workflow stands: Temporal's status name, NOT_FOUND, or UNKNOWN when Temporal could not say. */
export type WorkflowState = string;

export const RUNNING = 'RUNNING';
export const NOT_FOUND = 'NOT_FOUND';
export const UNKNOWN = 'UNKNOWN';

export type Asked<T> = { ok: true; value: T } | { ok: false; why: string };

/** An ID goes into a visibility query only when no quote or backslash can break out of it. */
const QUOTABLE = /^[^'"\\]+$/;

export class TemporalView {
  /** Workflows Temporal knew (running, or described): none while some are missing means the wrong namespace. */
  known = 0;

  constructor(
    private readonly client: Client,
    private readonly opts: { queryTimeoutMs?: number; concurrency?: number } = {},
  ) {}

  /** The IDs among `ids` with a running execution (a continued-as-new case's new run included). */
  async running(ids: string[]): Promise<Set<string>> {
    const quotable = [...new Set(ids.filter((id) => QUOTABLE.test(id)))];
    const running = new Set<string>();
    if (!quotable.length) return running;
    const query = `WorkflowId IN (${quotable.map((id) => `'${id}'`).join(', ')}) AND ExecutionStatus = 'Running'`;
    for await (const w of this.client.workflow.list({ query, pageSize: quotable.length })) running.add(w.workflowId);
    return running;
  }

  /** How the latest run of a workflow stands (the authoritative answer; visibility may lag). */
  async describe(workflowId: string): Promise<WorkflowState> {
    try {
      const d = await this.client.workflow.getHandle(workflowId).describe();
      this.known++;
      return d.status.name;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return NOT_FOUND;
      return UNKNOWN;
    }
  }

  /**
   * Each workflow's state: RUNNING for those the visibility list shows running; the others
   * (few on a healthy deployment) described, which also catches a list that lags behind.
   */
  async states(workflowIds: string[]): Promise<Map<string, WorkflowState>> {
    const running = await this.running(workflowIds);
    this.known += running.size;
    const states = new Map<string, WorkflowState>([...running].map((id) => [id, RUNNING]));
    const rest = [...new Set(workflowIds.filter((id) => !running.has(id)))];
    await eachLimited(rest, this.opts.concurrency ?? 8, async (id) => {
      states.set(id, await this.describe(id));
    });
    return states;
  }

  /** A query's answer, or why there is none (no worker answered in time, an older workflow without it). */
  async ask<T>(workflowId: string, query: QueryDefinition<T, []>): Promise<Asked<T>> {
    const deadline = Date.now() + (this.opts.queryTimeoutMs ?? 5000);
    try {
      const handle = this.client.workflow.getHandle(workflowId);
      const value = await this.client.connection.withDeadline(deadline, () => handle.query(query));
      return { ok: true, value };
    } catch (err) {
      return { ok: false, why: `${query.name} query unanswered: ${(err as Error).message}`.slice(0, 300) };
    }
  }
}

/** Runs `fn` over `items`, at most `limit` at once. */
export async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
