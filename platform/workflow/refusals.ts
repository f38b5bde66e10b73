/**
 * Every refusal code a workflow validator (or the API's early answer) can give, with its
 * HTTP status, in one table: a new code cannot be added without its status, and the API
 * maps a workflow's refusal to the same status the API itself would have answered.
 * Pure: imported by workflows and by the API.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { ZodTypeAny } from 'zod';
import { issuesAt } from './input';

export const REFUSALS = {
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
  request_not_found: 404,
  work_plan_item_not_found: 404,
  reference_link_used: 404,
  // 409: the state moved on
  task_not_open: 409,
  task_claimed: 409,
  request_not_pending: 409,
  case_closed: 409,
  work_plan_item_not_open: 409,
  assessment_closed: 409,
  work_plan_closed: 409,
  match_not_open: 409,
  in_active_match: 409,
  enrollment_exists: 409,
  certification_open: 409,
  duplicate: 409,
  request_in_progress: 409,
  no_incident: 409,
  // 422: a business rule
  invalid_assignee: 422,
  invalid_party: 422,
  invalid_supervisor: 422,
  invalid_outcome: 422,
  reason_required: 422,
  enrollment_not_active: 422,
  outside_leave_year: 422,
  personal_time_in_future: 422,
  invalid_hours: 422,
  insufficient_matching_hours: 422,
  exceeds_annual_cap: 422,
  travel_not_allowed: 422,
  consent_method_required: 422,
  flag_decision_required: 422,
  invalid_work_plan: 422,
  unknown_question: 422,
  assessment_incomplete: 422,
  mentor_not_available: 422,
  youth_not_available: 422,
  unknown_task: 422,
  ineligible_bargaining_unit: 422,
  ineligible_appointment: 422,
  program_not_certified: 422,
  commitment_too_short: 422,
  applicant_under_age: 422,
  reference_is_relative: 422,
  youth_age_out_of_range: 422,
  not_eligible_for_partner: 422,
  idempotency_key_reused: 422,
  department_required: 422,
  period_in_future: 422,
  no_consent: 422,
  program_not_eligible: 422,
  address_unconfirmed: 422,
  caller_language_mismatch: 422,
  caller_not_available: 422,
  mentor_not_certified: 422,
  mentor_kind_mismatch: 422,
  mentor_at_capacity: 422,
  placement_not_active: 409,
} as const;

export type RefusalCode = keyof typeof REFUSALS;

export interface Refusal {
  code: RefusalCode;
  message: string;
  /** One entry per problem, for 400s. */
  errors?: { path: string; message: string }[];
}

export function refusalStatus(code: string): number | undefined {
  return (REFUSALS as Record<string, number>)[code];
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
