/**
 * Policy: every duration, cap and list of domain.md. Defaults live here; an administrator
 * overrides them with the JSON file named by MENTORFLOW_POLICY (validated in
 * lib/policy.ts). A workflow receives the policy in its input and keeps it for life,
 * so a running case keeps the rules it started under.
 */
import { CALIFORNIA_STATE_HOLIDAYS, type HolidayRule, type PolicyDuration } from './calendar';

export interface TaskPolicy {
  /** Time the person has to act, from when the task is created. */
  due: PolicyDuration;
  /** How long before the due time the reminder e-mail goes out. */
  reminderBefore: PolicyDuration;
  /** The role an overdue task escalates to (flagged, e-mailed, may reassign it). */
  escalateTo: string;
}

export interface Policy {
  /** California state holidays as listed by CalHR; business days skip these. */
  holidays: HolidayRule[];
  /** Per task type; `default` applies to any type not listed. */
  tasks: Record<string, TaskPolicy>;
  /**
   * Mailboxes of roles: keys are `role`, `role:department` or `role:programId`; the most
   * specific key wins. A task for a role e-mails this mailbox.
   */
  mailboxes: Record<string, string>;
  /** Base of the links in e-mails. */
  publicBaseUrl: string;
  mentoringLeave: {
    /** Annual cap: at most 40 hours of mentoring leave per calendar year. */
    annualCapHours: number;
    /** Bargaining units whose members may take mentoring leave (6, 8 and 18 are not). */
    eligibleBargainingUnits: number[];
    /** Employees excluded from collective bargaining are eligible. */
    excludedEmployeesEligible: boolean;
    /** Appointments with permanent civil-service status. */
    eligibleAppointments: string[];
    /** "At least one school year", taken as 9 months. */
    minimumCommitmentMonths: number;
    /** Leave is in quarter-hour increments. */
    incrementHours: number;
  };
  certification: {
    /** A Partner program must have operated at least this long (and one match cycle). */
    minimumMonthsInOperation: number;
    /** From Associate Partner, the program has this long to become Partner. */
    partnerWindow: PolicyDuration;
    /** Reminders before the end of that window. */
    windowReminders: PolicyDuration[];
    /** How long a Partner certificate is valid. */
    certificateValidity: PolicyDuration;
    /** Renewal reminders before a certificate expires. */
    renewalReminders: PolicyDuration[];
  };
  foster: {
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
  };
  ece: {
    /** A selection committee decides once at least 3 members have voted (a majority of the votes cast). */
    committeeMinimumVotes: number;
    /** A certification lasts 2 years; renewed with 12 hours of professional development in that time. */
    certificationValidity: PolicyDuration;
    renewalHours: number;
    /** Reminders 60 and 30 days before it lapses. */
    renewalReminders: PolicyDuration[];
    /** A mentor holds at most 2 placements at once. */
    maxOpenPlacements: number;
    /** The stipend per completed placement (dollars). */
    stipendPerPlacement: number;
  };
  referral: {
    /** A volunteer is referred to up to 3 programs at once. */
    programsPerReferral: number;
    /** An offer not taken passes to the next ranked program, for at most 3 rounds. */
    maxRounds: number;
    /** How long the withdraw link in the volunteer's confirmation works. */
    withdrawLinkValidity: PolicyDuration;
    /**
     * The volunteer confirms the e-mail address through a one-time link before any program
     * hears of the referral; unconfirmed after this long, the referral lapses.
     */
    confirmationValidity: PolicyDuration;
    /** One address: at most this many referrals waiting on confirmation at once ... */
    unconfirmedPerAddress: number;
    /** ... and at most this many submissions in 24 hours (the form must not mail anyone at will). */
    submissionsPerAddressPerDay: number;
  };
  wellness: {
    /** Callers' shorter screening: one reference, 2 training hours. */
    callerMinimumReferences: number;
    callerTrainingHours: number;
    /** 3 calls, one a week, extendable to at most 5. */
    plannedCalls: number;
    maxCalls: number;
    callEvery: PolicyDuration;
    /** A call is logged within 2 days of its date, else the coordinator is alerted. */
    logWithin: PolicyDuration;
    /** Unreached calls in a row before the referrer confirms the contact details. */
    unreachedBeforeConfirm: number;
  };
  /** Continue-as-new once a workflow's history passes this many events. */
  maxHistoryEvents: number;
  /**
   * Work due at a day boundary in Los Angeles (a business-day deadline, a year end) is done
   * at each case's own instant within this window after it, so cases do not all act at once.
   * Absent in the policies of cases that started before it existed (2 hours then).
   */
  midnightSpread?: PolicyDuration;
}

const businessDays = (n: number): PolicyDuration => ({ businessDays: n });

export const DEFAULT_POLICY: Policy = {
  holidays: CALIFORNIA_STATE_HOLIDAYS,
  tasks: {
    default: { due: businessDays(5), reminderBefore: businessDays(1), escalateTo: 'admin' },
    eligibility_review: { due: businessDays(10), reminderBefore: businessDays(2), escalateTo: 'admin' },
    verify_personal_hours: { due: businessDays(10), reminderBefore: businessDays(2), escalateTo: 'admin' },
    // An overdue supervisor approval goes to the department's HR officers, who may hand
    // it to another supervisor.
    supervisor_approval: { due: businessDays(5), reminderBefore: businessDays(1), escalateTo: 'hr_officer' },
    hr_approval: { due: businessDays(5), reminderBefore: businessDays(1), escalateTo: 'admin' },
    application_review: { due: businessDays(10), reminderBefore: businessDays(2), escalateTo: 'review_lead' },
    // Reviewer target: 10 business days, then escalate to the review lead.
    assessment_review: { due: businessDays(10), reminderBefore: businessDays(2), escalateTo: 'review_lead' },
    work_plan_verification: { due: businessDays(10), reminderBefore: businessDays(2), escalateTo: 'review_lead' },
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
    // A referred program contacts the volunteer within 5 business days, or the offer passes on.
    contact_volunteer: { due: businessDays(5), reminderBefore: businessDays(1), escalateTo: 'partnership_coordinator' },
    // Then reports the outcome within 60 days; late, it goes to the partnership's coordinators.
    report_outcome: { due: 'P60D', reminderBefore: 'P7D', escalateTo: 'partnership_coordinator' },
    place_referral: { due: businessDays(5), reminderBefore: businessDays(1), escalateTo: 'admin' },
    // Wellness check-ins: youth data, so lateness goes to the partnership's coordinators.
    assign_caller: { due: businessDays(2), reminderBefore: businessDays(1), escalateTo: 'partnership_coordinator' },
    // Its due time is the call's date plus policy wellness.logWithin (set per call).
    wellness_call: { due: 'P2D', reminderBefore: 'P2D', escalateTo: 'partnership_coordinator' },
    confirm_contact: { due: businessDays(2), reminderBefore: businessDays(1), escalateTo: 'partnership_coordinator' },
    resource_referral: { due: businessDays(2), reminderBefore: businessDays(1), escalateTo: 'partnership_coordinator' },
    extend_or_close: { due: 'P3D', reminderBefore: 'P1D', escalateTo: 'partnership_coordinator' },
    // Early-childhood placements: the college's coordinator hears of anything late.
    committee_vote: { due: businessDays(10), reminderBefore: businessDays(2), escalateTo: 'college_coordinator' },
    accept_placement: { due: 'P7D', reminderBefore: 'P2D', escalateTo: 'college_coordinator' },
    confirm_hours: { due: 'P7D', reminderBefore: 'P2D', escalateTo: 'college_coordinator' },
    evaluation: { due: 'P14D', reminderBefore: 'P3D', escalateTo: 'college_coordinator' },
    close_placement: { due: businessDays(5), reminderBefore: businessDays(1), escalateTo: 'admin' },
  },
  mailboxes: {
    admin: 'mentorflow-admin@mentorflow.local',
    hr_officer: 'hr@mentorflow.local',
    org_coordinator: 'coordinators@mentorflow.local',
    quality_reviewer: 'quality-review@mentorflow.local',
    review_lead: 'review-lead@mentorflow.local',
    case_supervisor: 'case-supervisors@mentorflow.local',
    case_worker: 'case-workers@mentorflow.local',
    partnership_coordinator: 'partnership@mentorflow.local',
    college_coordinator: 'ece-coordinators@mentorflow.local',
    selection_committee: 'ece-committee@mentorflow.local',
  },
  publicBaseUrl: 'http://127.0.0.1:3000',
  mentoringLeave: {
    annualCapHours: 40,
    eligibleBargainingUnits: [1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21],
    excludedEmployeesEligible: true,
    eligibleAppointments: ['permanent', 'probationary_after_permanent'],
    minimumCommitmentMonths: 9,
    incrementHours: 0.25,
  },
  certification: {
    minimumMonthsInOperation: 12,
    // The 4-month clock, with reminders 30 and 7 days before the deadline.
    partnerWindow: 'P4M',
    windowReminders: ['P30D', 'P7D'],
    // A certificate is valid for 3 years; renewal reminders 90 and 30 days before expiry.
    certificateValidity: 'P3Y',
    renewalReminders: ['P90D', 'P30D'],
  },
  foster: {
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
  },
  wellness: {
    callerMinimumReferences: 1,
    callerTrainingHours: 2,
    plannedCalls: 3,
    maxCalls: 5,
    callEvery: 'P7D',
    logWithin: 'P2D',
    unreachedBeforeConfirm: 2,
  },
  ece: {
    committeeMinimumVotes: 3,
    certificationValidity: 'P2Y',
    renewalHours: 12,
    renewalReminders: ['P60D', 'P30D'],
    maxOpenPlacements: 2,
    stipendPerPlacement: 500,
  },
  referral: {
    programsPerReferral: 3,
    maxRounds: 3,
    withdrawLinkValidity: 'P1Y',
    confirmationValidity: 'P7D',
    unconfirmedPerAddress: 1,
    submissionsPerAddressPerDay: 3,
  },
  maxHistoryEvents: 5000,
  midnightSpread: 'PT2H',
};

export function taskPolicy(policy: Policy, type: string): TaskPolicy {
  return policy.tasks[type] ?? policy.tasks.default;
}
