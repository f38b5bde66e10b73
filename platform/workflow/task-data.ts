/**
 * Every task type, and the schema of the `data` a person sends when completing it. One
 * constant array feeds the `TaskType` union and the zod enum; the schemas are checked by
 * the API (400 with `errors`) and again by the workflow's Update validator, so a bad
 * value is refused before it can reach a handler, and they are published per task type
 * in /openapi.json. Dates are bounded by today (the API and the validator pass it in);
 * what depends on the case (a first meeting not before the last acceptance) the process
 * checks in its own validator.
 */
import { z, type ZodTypeAny } from 'zod';
import { STANDARDS } from '../../processes/certification/questions';
import { placeReferralData } from '../../processes/referral/inputs';
import { assignCallerData, confirmContactData, wellnessCallData } from '../../processes/wellness/inputs';
import { evaluationData } from '../../processes/ece/inputs';
import { calendarDate, issuesAt, line, person, text } from './input';

export const TASK_TYPES = [
  'eligibility_review',
  'verify_personal_hours',
  'supervisor_approval',
  'hr_approval',
  'background_check',
  'reference_followup',
  'interview',
  'screening_decision',
  'consent',
  'intake',
  'first_meeting',
  'check_in',
  'safety_review',
  'anniversary',
  'closure_interview',
  'application_review',
  'assessment_review',
  'work_plan_verification',
  'contact_volunteer',
  'report_outcome',
  'place_referral',
  'assign_caller',
  'wellness_call',
  'confirm_contact',
  'resource_referral',
  'extend_or_close',
  'committee_vote',
  'accept_placement',
  'confirm_hours',
  'evaluation',
  'close_placement',
] as const;
export type TaskType = (typeof TASK_TYPES)[number];
export const taskTypeSchema = z.enum(TASK_TYPES);

export const CHECK_NAMES = [
  'doj_live_scan',
  'fbi',
  'child_abuse_central_index',
  'sex_offender_registry',
  'identity',
  'registry',
] as const;
export const RECOMMENDATIONS = ['yes', 'with_reservations', 'no'] as const;

/** What the date bounds are measured against: today in Los Angeles (YYYY-MM-DD). */
export interface DataBounds {
  today: string;
}

const noData = () => z.object({}).strict();
const notAfter = (today: string | undefined) =>
  today ? calendarDate.refine((d) => d <= today, 'must not be in the future') : calendarDate;
const notBefore = (today: string | undefined) =>
  today ? calendarDate.refine((d) => d >= today, 'must not be in the past') : calendarDate;

export const workPlanItemInput = (b?: DataBounds) =>
  z.object({ standard: z.enum(STANDARDS), description: line(1000), dueDate: notBefore(b?.today) }).strict();

/** The schema of each task type's `data`; `bounds` adds the checks against today. */
export const TASK_DATA: { [T in TaskType]: (b?: DataBounds) => ZodTypeAny } = {
  // HR confirms the supervisor named at enrollment, or corrects it here.
  eligibility_review: () => z.object({ supervisor: person.optional() }).strict(),
  verify_personal_hours: noData,
  supervisor_approval: noData,
  hr_approval: noData,
  background_check: () => z.object({ check: z.enum(CHECK_NAMES).optional() }).strict(),
  reference_followup: () => z.object({ recommendation: z.enum(RECOMMENDATIONS) }).strict(),
  interview: (b) => z.object({ heldOn: notAfter(b?.today).optional() }).strict(),
  screening_decision: noData,
  // Parties without an account: how their consent was given (signed form, phone).
  consent: () =>
    z
      .object({ how: line(200).optional(), party: z.enum(['mentor', 'caregiver', 'social_worker']).optional() })
      .strict(),
  intake: noData,
  first_meeting: (b) => z.object({ meetingDate: notAfter(b?.today).optional() }).strict(),
  check_in: () =>
    z
      .object({
        contactMentor: z.boolean(),
        contactYouth: z.boolean(),
        contactCaregiver: z.boolean(),
        satisfaction: z.number().int().min(1).max(5),
        safetyConcern: z.boolean(),
        notes: text(5000).optional(),
      })
      .strict(),
  safety_review: noData,
  anniversary: noData,
  closure_interview: noData,
  application_review: noData,
  assessment_review: (b) =>
    z
      .object({
        findings: z.record(z.enum(STANDARDS), text(5000)).optional(),
        items: z.array(workPlanItemInput(b)).min(1).max(50).optional(),
      })
      .strict(),
  work_plan_verification: noData,
  contact_volunteer: noData,
  report_outcome: noData,
  // The coordinator's hand-picked programs (required with the outcome `referred`).
  place_referral: () => placeReferralData,
  assign_caller: () => assignCallerData,
  wellness_call: () => wellnessCallData,
  confirm_contact: () => confirmContactData,
  resource_referral: noData,
  extend_or_close: noData,
  committee_vote: noData,
  accept_placement: noData,
  confirm_hours: noData,
  evaluation: () => evaluationData,
  close_placement: noData,
};

export function isTaskType(t: string): t is TaskType {
  return (TASK_TYPES as readonly string[]).includes(t);
}

/** Problems with a completion's `data` for a task type: empty when it is valid. */
export function taskDataProblems(type: string, data: unknown, bounds: DataBounds): { path: string; message: string }[] {
  if (!isTaskType(type)) return [{ path: 'data', message: `unknown task type ${type}` }];
  const r = TASK_DATA[type](bounds).safeParse(data ?? {});
  return r.success ? [] : issuesAt(r.error, 'data');
}
