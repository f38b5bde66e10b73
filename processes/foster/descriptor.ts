/**
 * The foster mentoring process declared for the platform (docs/processes/README.md): mentor screening
 * (and the shorter screening of wellness callers), youth referrals, and matches with their
 * check-ins. Youth and match records are youth data: never shown to admin, lateness goes to
 * the case supervisors. Pure data: loaded by workflow code and the API alike.
 */
import { z } from 'zod';
import { line, notAfter, text } from '../../platform/workflow/input';
import { defineProcess, type PartyRule } from '../../platform/workflow/process-descriptor';
import { fosterEmail } from './email-messages';
import * as inputs from './inputs';
import { CHECK_NAMES, RECOMMENDATIONS } from './inputs';
import { FOSTER_TASK_POLICY_DEFAULTS, fosterPolicySection } from './policy';
import { CALLER_SCREENING_VIEWS, MENTOR_SCREENING_VIEWS, screeningReader, YOUTH_VIEWS } from './read-views';

const noData = () => z.object({}).strict();
const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);
const SUPERVISORS = [{ role: 'case_supervisor' }];
const YOUTH = { escalateInsteadOfAdmin: 'case_supervisor' };
// A foster case's tasks may be handed to a case supervisor; a youth's, to its social worker too (rules.ts).
const YOUTH_ASSIGNABLE = ['case_supervisor', 'social_worker'];
const CASE_WORKER: PartyRule = { party: 'case_worker', roles: ['case_worker'], id: (f) => f.caseWorkerId };
import { matchDetails, screeningDetails, youthReferralDetails } from './details';
import { CONTACT_MEANS, CONTACT_PARTIES, REMATCH_DECISIONS } from './match/support-types';
import { surveyCollectionData } from './surveys/collection';

export const fosterProcess = defineProcess({
  name: 'foster',
  emails: fosterEmail,
  // The roles its people hold (the admins' is the platform's); a scoped one only within its claim.
  roles: {
    case_worker: {},
    case_supervisor: {},
    social_worker: {},
    partnership_coordinator: {},
  },
  caseTypes: {
    mentor_screening: {
      details: screeningDetails,
      taskTypes: ['background_check', 'reference_followup', 'interview', 'screening_decision'],
      supervisingRoles: SUPERVISORS,
      assignableRoles: ['case_supervisor'],
      taskReportRoles: SUPERVISORS,
      namedParties: [CASE_WORKER],
      ownerWorksTheCase: true,
      readViews: MENTOR_SCREENING_VIEWS,
      readerKind: screeningReader('case_worker'),
      screeningListing: true,
      sensitiveTaskAnswers: true,
    },
    youth_referral: {
      details: youthReferralDetails,
      taskTypes: ['consent', 'intake'],
      youthData: YOUTH,
      supervisingRoles: SUPERVISORS,
      assignableRoles: YOUTH_ASSIGNABLE,
      taskReportRoles: SUPERVISORS,
      ownerWorksTheCase: true,
      namedParties: [
        CASE_WORKER,
        { party: 'social_worker', roles: ['social_worker'], id: (f) => obj(f.socialWorker)?.id },
      ],
      readViews: YOUTH_VIEWS,
      sensitiveTaskAnswers: true,
    },
    match: {
      details: matchDetails,
      taskTypes: [
        'consent',
        'first_meeting',
        'check_in',
        'match_contact',
        'match_support',
        'safety_review',
        'anniversary',
        'closure_interview',
        'closure_meeting',
        'rematch_decision',
        'survey_collection',
      ],
      youthData: YOUTH,
      supervisingRoles: SUPERVISORS,
      assignableRoles: YOUTH_ASSIGNABLE,
      taskReportRoles: SUPERVISORS,
      ownerWorksTheCase: true,
      namedParties: [
        CASE_WORKER,
        { party: 'social_worker', roles: ['social_worker'], id: (f) => f.socialWorkerId ?? obj(f.socialWorker)?.id },
      ],
      readViews: YOUTH_VIEWS,
      sensitiveTaskAnswers: true,
    },
    // A wellness caller's screening: the applicant may have an account, and is then a party of it.
    caller_screening: {
      details: screeningDetails,
      taskTypes: ['background_check', 'reference_followup', 'screening_decision'],
      supervisingRoles: SUPERVISORS,
      assignableRoles: ['case_supervisor'],
      namedParties: [CASE_WORKER],
      ownerWorksTheCase: true,
      subjectIds: (f) => [obj(f.applicant)?.id],
      readViews: CALLER_SCREENING_VIEWS,
      readerKind: screeningReader('partnership_coordinator'),
      screeningListing: true,
      sensitiveTaskAnswers: true,
    },
  },
  tasks: {
    background_check: {
      candidateRoles: ['case_worker'],
      data: () => z.object({ check: z.enum(CHECK_NAMES).optional() }).strict(),
    },
    reference_followup: {
      candidateRoles: ['case_worker'],
      data: () => z.object({ recommendation: z.enum(RECOMMENDATIONS) }).strict(),
    },
    interview: {
      candidateRoles: ['case_worker'],
      data: (b) => z.object({ heldOn: notAfter(b?.today).optional() }).strict(),
    },
    screening_decision: { candidateRoles: ['case_supervisor'], data: noData },
    // Parties without an account: how their consent was given (signed form, phone).
    consent: {
      candidateRoles: ['social_worker'],
      data: () =>
        z
          .object({
            how: line(200).optional(),
            party: z.enum(['mentor', 'caregiver', 'social_worker']).optional(),
          })
          .strict(),
    },
    intake: { candidateRoles: ['case_worker'], data: noData },
    first_meeting: {
      candidateRoles: ['case_worker'],
      data: (b) => z.object({ meetingDate: notAfter(b?.today).optional() }).strict(),
    },
    check_in: {
      candidateRoles: ['case_worker'],
      data: () =>
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
    },
    safety_review: { candidateRoles: ['case_supervisor'], data: noData },
    anniversary: { candidateRoles: ['case_worker'], data: noData },
    closure_interview: { candidateRoles: ['case_worker'], data: noData },
    // A contact of the support schedule: who was reached, how, their satisfaction and concerns.
    match_contact: {
      candidateRoles: ['case_worker'],
      data: () =>
        z
          .object({
            reached: z.array(z.enum(CONTACT_PARTIES)).min(1).max(3),
            how: z.enum(CONTACT_MEANS),
            satisfaction: z.number().int().min(1).max(5),
            concerns: text(5000).optional(),
            safetyConcern: z.boolean(),
          })
          .strict(),
    },
    // Health below the threshold: the case worker records the support planned.
    match_support: { candidateRoles: ['case_worker'], data: () => z.object({ plan: text(5000).optional() }).strict() },
    closure_meeting: {
      candidateRoles: ['case_worker'],
      data: () =>
        z
          .object({
            held: z.boolean(),
            with: z.array(z.enum(CONTACT_PARTIES)).max(3),
            notes: text(5000).optional(),
          })
          .strict(),
    },
    rematch_decision: {
      candidateRoles: ['case_worker'],
      data: () => z.object({ decision: z.enum(REMATCH_DECISIONS) }).strict(),
    },
    // A relationship survey collected by phone: its answers (`collected`), or none (`unreachable`).
    survey_collection: { candidateRoles: ['case_worker'], data: surveyCollectionData },
  },
  taskPolicy: FOSTER_TASK_POLICY_DEFAULTS,
  policySection: fosterPolicySection,
  schemaModules: [inputs],
  workflows: ['mentorScreeningWorkflow', 'youthReferralWorkflow', 'matchWorkflow', 'callerScreeningWorkflow'],
  routes: 'api',
  oneTimeLinkPaths: ['/references/', '/foster/references/', '/surveys/'],
  // The default mailboxes (policy `mailboxes`) of the roles its tasks go to.
  mailboxes: {
    case_supervisor: 'case-supervisors@mentorflow.local',
    case_worker: 'case-workers@mentorflow.local',
  },
  // The refusal codes only this process gives, with the HTTP status the API answers.
  refusals: {
    match_not_open: 409,
    in_active_match: 409,
    consent_method_required: 422,
    flag_decision_required: 422,
    mentor_not_available: 422,
    youth_not_available: 422,
    applicant_under_age: 422,
    reference_is_relative: 422,
    youth_age_out_of_range: 422,
    reopen_window_passed: 422,
    match_not_closed: 409,
  },
  projectionKinds: ['reference_answered', 'match_facts'],
  legacyProjectionFields: { referenceAnswered: 'reference_answered' },
  activities: { mail: ['issueReferenceLink', 'sendSurveyLink'], cases: ['recordSurveyByPhone'] },
});
