/**
 * Every refusal code a workflow validator (or the API's early answer) can give, with its
 * HTTP status: the platform's generic codes here, each process's own in its descriptor
 * (`refusals`), so a new code cannot be added without its status, and the API maps a
 * workflow's refusal to the same status the API itself would have answered.
 * Pure: imported by workflows and by the API.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { ZodTypeAny } from 'zod';
import { issuesAt } from './input';
import { PROCESSES, type ProcessRefusalCode } from './registry';

/** The codes every process may give: the shape of input, who may act, tasks, cases and idempotency. */
export const PLATFORM_REFUSALS = {
  // 400: the input's shape (carries `errors`)
  invalid_task_data: 400,
  invalid_input: 400,
  // 403: who may act (docs/security.md, "Who may act")
  self_approval: 403,
  conflict_of_interest: 403,
  not_a_candidate: 403,
  holder_not_candidate: 403,
  not_permitted: 403,
  // 404: not there (or not for you)
  task_not_found: 404,
  reference_link_used: 404,
  // 409: the state moved on
  task_not_open: 409,
  task_claimed: 409,
  case_closed: 409,
  duplicate: 409,
  request_in_progress: 409,
  no_incident: 409,
  // 422: a business rule
  invalid_assignee: 422,
  invalid_party: 422,
  invalid_outcome: 422,
  reason_required: 422,
  unknown_task: 422,
  idempotency_key_reused: 422,
} as const;

export type RefusalCode = keyof typeof PLATFORM_REFUSALS | ProcessRefusalCode;

let refusals: Record<string, number> | undefined;

/** Every code with its status: the platform's and each registered process's (built on first use). */
export function refusalStatuses(): Readonly<Record<string, number>> {
  return (refusals ??= Object.assign({}, PLATFORM_REFUSALS, ...PROCESSES.map((p) => p.refusals ?? {})));
}

export interface Refusal {
  code: RefusalCode;
  message: string;
  /** One entry per problem, for 400s. */
  errors?: { path: string; message: string }[];
}

export function refusalStatus(code: string): number | undefined {
  return refusalStatuses()[code];
}

/** Refusals carry the code as their type and any `errors` as details; never retried. */
export function refuse(code: RefusalCode, message: string, errors?: Refusal['errors']): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true, details: errors ? [errors] : undefined });
}

export function refuseWith(r: Refusal | undefined): void {
  if (r) refuse(r.code, r.message, r.errors);
}

/** An Update's input checked against its schema: refused as `invalid_input` (400) with one entry per problem. */
export function checkInput(schema: ZodTypeAny, value: unknown, message: string, where = 'body'): void {
  const r = schema.safeParse(value);
  if (!r.success) refuse('invalid_input', message, issuesAt(r.error, where));
}
