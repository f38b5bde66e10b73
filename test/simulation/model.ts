/**
 * What a workflow's simulation model says (one file per workflow under models/): how to
 * start it (and the workflows around it), who the people of a task are, the data a
 * completion carries, the process's own actions and signals available now, and the
 * stages in which the case rightly waits on nothing but a message. The driver
 * (driver.ts) does the rest the same way for every workflow.
 */
import { WorkflowUpdateStage, type Client, type WorkflowHandle } from '@temporalio/client';
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import type { Policy } from '../../platform/workflow/policy';
import type { ActingUser, TaskRecord } from '../../platform/workflow/records';
import type { Choice } from './plan';
import type { Faults } from './fakes';
import type { World } from './world';

/** An event an accepted action must leave in the timeline: once per key, or once per call. */
export interface Expectation {
  caseId: string;
  event: string;
  match?: Record<string, unknown>;
  mode: 'once' | 'per-call';
}

export interface Action {
  label: string;
  /**
   * Sends it; resolves with the promise of its result (and for an Update its id, so the
   * driver can tell a refusal — never in the history — from a handler that failed).
   */
  send(): Promise<Sent>;
  /** Events it leaves once done (given its result). */
  expect?: (result: unknown) => Expectation[];
  /** Never allowed (an outsider, the case's own party, a step the same person gave): must be refused. */
  mustRefuse?: boolean;
  /** A signal: no answer, nothing to count. */
  signal?: boolean;
}

export interface Sent {
  result: Promise<unknown>;
  update?: { id: string; workflowId: string };
}

export interface SimCase {
  workflowId: string;
  caseId: string;
  /**
   * The case the scenario is about or another case it involves (human tasks, read-model
   * row: every check), or a record around it started from a carried-over state, or a
   * program's record (no tasks): health, writes and half-done runs only.
   */
  kind: 'case' | 'peer' | 'program';
  /** Stages in which the case waits on messages only (a record in a pool, a mentor's lapse). */
  waitsForMessages?: (stage: string) => boolean;
}

export interface Ctx {
  world: World;
  /** The scenario's fault plan (and the directory's programs). */
  faults: Faults;
  client: Client;
  taskQueue: string;
  policy: Policy;
  rng: Choice;
  /** The scenario's unique prefix (workflow and case ids). */
  tag: string;
  cases: SimCase[];
  /** The primary case: the one the scenario is about. */
  main: SimCase;
  handle(c?: SimCase): WorkflowHandle;
  nowMs(): Promise<number>;
  today(): Promise<string>;
  query<T>(name: string, c?: SimCase): Promise<T>;
}

export interface Completion {
  outcome: string;
  comment?: string;
  data?: Record<string, unknown>;
  context?: Record<string, unknown>;
}

export interface SimModel {
  name: string;
  /** Starts the workflow(s); returns the cases, the primary first. */
  start(ctx: Omit<Ctx, 'cases' | 'main'>): Promise<SimCase[]>;
  /** People known to the case by id (named parties hold specific roles). */
  directory?(ctx: Ctx): Record<string, ActingUser>;
  /** Whose case it is: they act on none of its tasks. */
  parties?(ctx: Ctx): ActingUser[];
  /** A valid completion of a task (the driver also sends invalid ones). */
  completion(task: TaskRecord, outcome: string, ctx: Ctx): Promise<Completion> | Completion;
  /**
   * A record with no incident path (the program registry): data the database refuses fails
   * it by design, so the fault plan holds no refusals for it.
   */
  noRefusals?: boolean;
  /** The process's own Updates and the signals of other workflows, as things stand now. */
  actions?(ctx: Ctx): Promise<Action[]>;
}

export function update<A>(
  h: WorkflowHandle,
  def: UpdateDefinition<unknown, [A]> | UpdateDefinition<unknown, []>,
  arg?: A,
): Action['send'] {
  return async () => {
    const u = await h.startUpdate(def as UpdateDefinition<unknown, [A]>, {
      args: (arg === undefined ? [] : [arg]) as [A],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    return { result: u.result(), update: { id: u.updateId, workflowId: h.workflowId } };
  };
}

export function signal<A>(h: WorkflowHandle, def: SignalDefinition<[A]>, arg: A): Action['send'] {
  return async () => {
    await h.signal(def, arg);
    return { result: Promise.resolve(undefined) };
  };
}

export const person = (id: string, roles: string[], extra: Partial<ActingUser> = {}): ActingUser => ({
  id,
  roles,
  name: id,
  ...extra,
});
export const outsider = person('sim-outsider', []);
