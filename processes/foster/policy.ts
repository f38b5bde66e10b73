/**
 * The foster part of the policy (docs/processes/README.md: screening, youth referrals, matches): its
 * section's shape, defaults and check, and the default times of its tasks. An administrator
 * overrides them with the MENTORFLOW_POLICY file (lib/policy.ts); a case keeps the policy
 * it started under.
 */
import type { ZodTypeAny } from 'zod';
import { z } from 'zod';
import { longerThanZero, type PolicyDuration } from '../../platform/workflow/calendar';
import type { PolicySection, TaskPolicy } from '../../platform/workflow/process-descriptor';

export interface FosterPolicy {
  /** Mentor applicants must be adults. */
  applicantMinimumAge: number;
  /** At least 2 references (not relatives). */
  minimumReferences: number;
  /** Pre-match training: at least 6 hours. */
  minimumTrainingHours: number;
  /** Screening target: 30 days from application to decision. */
  screeningTarget: PolicyDuration;
  /** References are reminded after 7 days, and followed up by phone after 14. */
  referenceReminderAfter: PolicyDuration;
  referenceFollowUpAfter: PolicyDuration;
  /** How long a reference's one-time link works. */
  referenceLinkValidity: PolicyDuration;
  /** Youth in care aged 8 to 21 (California extends foster care to 21). */
  youthMinimumAge: number;
  youthMaximumAge: number;
  /** First check-in 2 weeks after the first meeting, then monthly. */
  firstCheckInAfter: PolicyDuration;
  checkInEvery: PolicyDuration;
  /** Commitment: 12 months, then recommit or close. */
  commitment: PolicyDuration;
  /** A proposal holds mentor and youth this long until its match case confirms them. */
  reservationHold: PolicyDuration;
  /**
   * Relationship surveys: the rounds after the first meeting (then each `surveyThenEvery` after
   * the last), reminded after 7 days, collected by phone after 14; each link works for
   * `surveyLinkValidity`. Absent from policies saved before them: the defaults apply (surveyRules).
   */
  surveyRounds?: PolicyDuration[];
  surveyThenEvery?: PolicyDuration;
  surveyReminderAfter?: PolicyDuration;
  surveyPhoneAfter?: PolicyDuration;
  surveyLinkValidity?: PolicyDuration;
  /** The case worker's contacts with a match (absent in policies older than match support: the defaults). */
  contactSchedule?: ContactSchedule;
  /** The match health formula's weights and bands (match/health.ts). */
  health?: HealthWeights;
  /** How long after closing a case supervisor may reopen a match closed by mistake. */
  reopenWindow?: PolicyDuration;
}

/**
 * Mentor and youth within 48 hours of the first meeting, a second in the first month, then
 * monthly; the caregiver in the first month, then quarterly (each counted from the first meeting).
 */
export interface ContactSchedule {
  first: PolicyDuration;
  second: PolicyDuration;
  every: PolicyDuration;
  caregiverFirst: PolicyDuration;
  caregiverEvery: PolicyDuration;
}

/** Points a match loses for each sign of trouble (docs/processes/foster.md, "Match health"). */
export interface HealthWeights {
  /** Per contact past its due date and not logged (at most two counted). */
  overdueContact: number;
  /** Per point the mean satisfaction of the last three contacts is below 4. */
  satisfactionPoint: number;
  /** Per point the latest survey score of a respondent is below 60. */
  surveyPoint: number;
  /** Per survey missed (at most two counted). */
  missedSurvey: number;
  /** A safety review still open. */
  openSafetyReview: number;
  /** A safety concern logged in the last 90 days. */
  recentSafetyConcern: number;
  /** The youth was 13 or older at the match (adolescents' matches close early more often). */
  adolescentYouth: number;
  /** The youth waited 6 months or more for the match. */
  longWait: number;
  /** Healthy from this score; watch from `watchFrom`; below it, at risk. */
  healthyFrom: number;
  watchFrom: number;
  /** Below this score the case worker gets a support task. */
  supportBelow: number;
}

const businessDays = (n: number) => ({ businessDays: n });

export const FOSTER_TASK_POLICY_DEFAULTS = {
  background_check: { due: 'P21D', reminderBefore: 'P3D', escalateTo: 'case_supervisor' },
  interview: { due: 'P14D', reminderBefore: 'P2D', escalateTo: 'case_supervisor' },
  screening_decision: { due: businessDays(3), reminderBefore: businessDays(1), escalateTo: 'case_supervisor' },
  reference_followup: { due: 'P7D', reminderBefore: 'P2D', escalateTo: 'case_supervisor' },
  consent: { due: 'P14D', reminderBefore: 'P3D', escalateTo: 'case_supervisor' },
  intake: { due: 'P14D', reminderBefore: 'P3D', escalateTo: 'case_supervisor' },
  // First meeting within 14 days of the last acceptance.
  first_meeting: { due: 'P14D', reminderBefore: 'P3D', escalateTo: 'case_supervisor' },
  // A check-in is due on its date; reminded 3 days before it is 7 days late (not at once with its notice), then escalated.
  check_in: { due: 'P7D', reminderBefore: 'P3D', escalateTo: 'case_supervisor' },
  // A safety concern is urgent; late, it goes to the case supervisors (never admin: youth data).
  safety_review: { due: 'P1D', reminderBefore: 'PT12H', escalateTo: 'case_supervisor' },
  anniversary: { due: 'P14D', reminderBefore: 'P3D', escalateTo: 'case_supervisor' },
  closure_interview: { due: 'P14D', reminderBefore: 'P3D', escalateTo: 'case_supervisor' },
  // A contact is due on its date in the schedule (the task's own); late, it escalates like a check-in.
  match_contact: { due: 'P7D', reminderBefore: 'P1D', escalateTo: 'case_supervisor' },
  // A match whose health fell below the threshold: a plan within a week.
  match_support: { due: 'P7D', reminderBefore: 'P2D', escalateTo: 'case_supervisor' },
  closure_meeting: { due: 'P14D', reminderBefore: 'P3D', escalateTo: 'case_supervisor' },
  rematch_decision: { due: 'P30D', reminderBefore: 'P7D', escalateTo: 'case_supervisor' },
  // A survey collected by phone: within 14 days of the task.
  survey_collection: { due: 'P14D', reminderBefore: 'P3D', escalateTo: 'case_supervisor' },
} satisfies Record<string, TaskPolicy>;

export const FOSTER_POLICY_DEFAULTS: FosterPolicy = {
  applicantMinimumAge: 18,
  minimumReferences: 2,
  minimumTrainingHours: 6,
  screeningTarget: 'P30D',
  referenceReminderAfter: 'P7D',
  referenceFollowUpAfter: 'P14D',
  referenceLinkValidity: 'P21D',
  youthMinimumAge: 8,
  youthMaximumAge: 21,
  firstCheckInAfter: 'P14D',
  checkInEvery: 'P1M',
  commitment: 'P12M',
  reservationHold: 'PT5M',
  surveyRounds: ['P3M', 'P6M', 'P12M'],
  surveyThenEvery: 'P12M',
  surveyReminderAfter: 'P7D',
  surveyPhoneAfter: 'P14D',
  surveyLinkValidity: 'P30D',
  contactSchedule: { first: 'PT48H', second: 'P1M', every: 'P1M', caregiverFirst: 'P1M', caregiverEvery: 'P3M' },
  health: {
    overdueContact: 15,
    satisfactionPoint: 10,
    surveyPoint: 0.5,
    missedSurvey: 10,
    openSafetyReview: 30,
    recentSafetyConcern: 15,
    adolescentYouth: 5,
    longWait: 5,
    healthyFrom: 70,
    watchFrom: 50,
    supportBelow: 50,
  },
  reopenWindow: 'P30D',
};

/** The match support rules of a case's policy, the defaults where its policy predates them. */
export function supportRules(
  rules: FosterPolicy,
): Required<Pick<FosterPolicy, 'contactSchedule' | 'health' | 'reopenWindow'>> {
  return {
    contactSchedule: rules.contactSchedule ?? FOSTER_POLICY_DEFAULTS.contactSchedule!,
    health: rules.health ?? FOSTER_POLICY_DEFAULTS.health!,
    reopenWindow: rules.reopenWindow ?? FOSTER_POLICY_DEFAULTS.reopenWindow!,
  };
}

/** The survey keys of a case's policy, with the defaults for a policy that predates them. */
export function surveyRules(rules: Partial<FosterPolicy>) {
  const d = FOSTER_POLICY_DEFAULTS;
  return {
    rounds: rules.surveyRounds ?? d.surveyRounds!,
    thenEvery: rules.surveyThenEvery ?? d.surveyThenEvery!,
    reminderAfter: rules.surveyReminderAfter ?? d.surveyReminderAfter!,
    phoneAfter: rules.surveyPhoneAfter ?? d.surveyPhoneAfter!,
    linkValidity: rules.surveyLinkValidity ?? d.surveyLinkValidity!,
  };
}

const points = z.number().min(0).max(100);

export const fosterPolicySection: PolicySection<'foster', FosterPolicy> = {
  key: 'foster',
  defaults: FOSTER_POLICY_DEFAULTS,
  schema: (duration: ZodTypeAny) =>
    z
      .object({
        applicantMinimumAge: z.number().int().min(0),
        minimumReferences: z.number().int().min(0),
        minimumTrainingHours: z.number().min(0),
        screeningTarget: duration,
        referenceReminderAfter: duration,
        referenceFollowUpAfter: duration,
        referenceLinkValidity: duration,
        youthMinimumAge: z.number().int().min(0),
        youthMaximumAge: z.number().int().min(0),
        firstCheckInAfter: duration,
        checkInEvery: duration.refine(
          longerThanZero,
          'a cadence longer than zero (a zero one repeats at once, for ever)',
        ),
        commitment: duration,
        reservationHold: duration.refine(
          longerThanZero,
          'a hold longer than zero (a zero one renews at once, for ever)',
        ),
        contactSchedule: z
          .object({
            first: duration,
            second: duration,
            every: duration.refine(longerThanZero, 'a cadence longer than zero'),
            caregiverFirst: duration,
            caregiverEvery: duration.refine(longerThanZero, 'a cadence longer than zero'),
          })
          .strict()
          .optional(),
        health: z
          .object({
            overdueContact: points,
            satisfactionPoint: points,
            surveyPoint: points,
            missedSurvey: points,
            openSafetyReview: points,
            recentSafetyConcern: points,
            adolescentYouth: points,
            longWait: points,
            healthyFrom: points,
            watchFrom: points,
            supportBelow: points,
          })
          .strict()
          .refine((h) => h.watchFrom <= h.healthyFrom, 'watchFrom must not be above healthyFrom')
          .optional(),
        reopenWindow: duration.optional(),
        surveyRounds: z.array(duration.refine(longerThanZero, 'a round after the first meeting')).max(12).optional(),
        surveyThenEvery: duration
          .refine(longerThanZero, 'a cadence longer than zero (a zero one repeats at once, for ever)')
          .optional(),
        surveyReminderAfter: duration.optional(),
        surveyPhoneAfter: duration.optional(),
        surveyLinkValidity: duration.optional(),
      })
      .strict(),
};
