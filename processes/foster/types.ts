/**
 * The foster-youth mentor match pipeline: mentor screening, youth referral and match
 * cases. Youth records (name, birth date, needs) are the most sensitive data here: they
 * live in workflow state and the read model's case details only, never in workflow IDs,
 * search attributes, task titles, e-mail subjects or logs.
 */
import type { CaseCore } from '../../platform/workflow/case-runtime';
import type { Policy } from '../../platform/workflow/policy';
import type { Actor } from '../../platform/workflow/records';
import type { EmailLanguage } from '../../platform/emails/messages';
import type {
  ClosureInitiator,
  ClosureKind,
  ContactRecord,
  MatchHealth,
  MatchRisks,
  RematchDecision,
  SurveyRecord,
} from './match/support-types';

export type Recommendation = 'yes' | 'with_reservations' | 'no';
export type CheckName =
  | 'doj_live_scan'
  | 'fbi'
  | 'child_abuse_central_index'
  | 'sex_offender_registry'
  | 'identity'
  | 'registry';
export const CHECKS: { name: CheckName; title: string }[] = [
  { name: 'doj_live_scan', title: 'State criminal record (DOJ, Live Scan fingerprints)' },
  { name: 'fbi', title: 'Federal criminal record (FBI)' },
  { name: 'child_abuse_central_index', title: 'Child Abuse Central Index' },
  { name: 'sex_offender_registry', title: 'Sex offender registry' },
];
/** Wellness callers' shorter track (docs/processes/README.md): identity and the child-abuse registry. */
export const CALLER_CHECKS: { name: CheckName; title: string }[] = [
  { name: 'identity', title: 'Identity' },
  { name: 'registry', title: 'Child abuse registry' },
];

/**
 * Which screening a case runs: a mentor's (four checks, two references, an interview, six
 * training hours) or a wellness caller's shorter track (two checks, one reference, no
 * interview, two hours on check-in calls and mandated reporting).
 */
export type ScreeningTrack = 'mentor' | 'caller';

/** Whether a person or youth is free to be matched (shared by mentor and youth cases). */
export interface Availability {
  /** A proposal holding this party until its match case confirms it. */
  reservation?: { matchId: string; until: string };
  activeMatchId?: string;
  pastMatchIds: string[];
}

export interface Applicant {
  name: string;
  email: string;
  phone: string;
  dateOfBirth: string;
  languages: string[];
  interests: string[];
  formerFosterYouth: boolean;
  county?: string;
  /** A wellness caller's user id (callers sign in to log their calls). */
  id?: string;
  /** The language of the applicant's e-mails and their references' (absent: English). */
  language?: EmailLanguage;
}

export interface Reference {
  id: string;
  name: string;
  email: string;
  relationship: string;
  status: 'awaiting' | 'answered';
  recommendation?: Recommendation;
  comments?: string;
  answeredVia?: 'link' | 'phone';
  answeredAt?: string;
  requestedAt: string;
  reminded: boolean;
  followUpOpened: boolean;
}

export interface BackgroundCheck {
  name: CheckName;
  status: 'pending' | 'clear' | 'flagged';
  recordedBy?: string;
  recordedAt?: string;
  notes?: string;
}

export type ScreeningStage = 'screening' | 'decision' | 'approved' | 'declined' | 'withdrawn';

export interface MentorScreeningState extends CaseCore, Availability {
  stage: ScreeningStage;
  applicant: Applicant;
  caseWorkerId: string;
  references: Reference[];
  checks: BackgroundCheck[];
  interview: { status: 'pending' | 'pass' | 'fail' | 'not_required'; notes?: string };
  track?: ScreeningTrack;
  training: { date: string; hours: number; module: string }[];
  screeningDueAt: string;
  screeningOverdue: boolean;
  decision?: { outcome: string; by: string; at: string; reason?: string };
}

export interface MentorScreeningInput {
  caseId: string;
  /** A caller's screening when 'caller' (absent: a mentor's). */
  track?: ScreeningTrack;
  applicant: Applicant;
  references: { name: string; email: string; relationship: string }[];
  caseWorkerId: string;
  policy: Policy;
  appliedBy: Actor;
  state?: MentorScreeningState;
}

export interface Youth {
  name: string;
  dateOfBirth: string;
  county: string;
  languages: string[];
  interests: string[];
  needs: string;
}

export type ReferralStage = 'consent' | 'intake' | 'ready' | 'closed';

export interface MentorPreferences {
  formerFosterYouth: boolean;
}

export interface YouthReferralState extends CaseCore, Availability {
  stage: ReferralStage;
  youth: Youth;
  mentorPreferences?: MentorPreferences;
  socialWorker: { id: string; name: string; email: string };
  /** `language`: the caregiver's, recorded at referral (absent: English). */
  caregiver: { name: string; email?: string; language?: EmailLanguage };
  caseWorkerId: string;
  consents: { social_worker: ConsentStatus; caregiver: ConsentStatus };
  intake?: { by: string; at: string; notes?: string };
}
export type ConsentStatus = { status: 'pending' | 'accepted' | 'declined'; how?: string; by?: string; at?: string };

export interface YouthReferralInput {
  caseId: string;
  youth: Youth;
  mentorPreferences?: MentorPreferences;
  socialWorker: { id: string; name: string; email: string };
  /** `language`: the caregiver's, recorded at referral (absent: English). */
  caregiver: { name: string; email?: string; language?: EmailLanguage };
  caseWorkerId: string;
  policy: Policy;
  referredBy: Actor;
  state?: YouthReferralState;
}

export type MatchStage = 'proposed' | 'awaiting_first_meeting' | 'active' | 'closing' | 'closed' | 'cancelled';
export type ClosureReason = 'planned' | 'mentor_moved' | 'youth_moved' | 'safety' | 'lost_contact' | 'other';

export interface CheckIn {
  dueOn: string;
  recordedAt: string;
  by: string;
  contactMentor: boolean;
  contactYouth: boolean;
  contactCaregiver: boolean;
  satisfaction: number;
  safetyConcern: boolean;
  notes?: string;
}

export interface MatchState extends CaseCore {
  stage: MatchStage;
  mentorCaseId: string;
  youthCaseId: string;
  mentorWorkflowId: string;
  youthWorkflowId: string;
  caseWorkerId: string;
  socialWorkerId: string;
  rationale: string;
  consents: { mentor: ConsentStatus; caregiver: ConsentStatus; social_worker: ConsentStatus };
  firstMeetingAt?: string;
  checkIns: CheckIn[];
  nextCheckInDue?: string;
  /** The first check-in's due instant: monthly ones are n months from it (no drift). */
  checkInAnchor?: string;
  /** How many monthly check-ins after the first have been scheduled. */
  monthlyCheckIns?: number;
  anniversaryAt?: string;
  /** Contacts on the support schedule (matches that moved to it; check-ins before). */
  contacts?: ContactRecord[];
  nextContactDue?: string;
  /** How many scheduled contacts have been opened (the next one's place in the schedule). */
  contactsScheduled?: number;
  surveys?: SurveyRecord[];
  health?: MatchHealth;
  closure?: {
    reason: ClosureReason;
    notes: string;
    by: string;
    at: string;
    conversations: { by: string; at: string; notes?: string }[];
    /** Structured closure (matches closed since it): planned or not, and who started it. */
    kind?: ClosureKind;
    initiatedBy?: ClosureInitiator;
    meeting?: { held: boolean; with: string[]; notes?: string; by: string; at: string };
    rematch?: { decision: RematchDecision; by: string; at: string };
    closedAt?: string;
    reopened?: { by: string; at: string; notes?: string }[];
  };
  /** Closures undone by a case supervisor within the reopen window. */
  pastClosures?: NonNullable<MatchState['closure']>[];
}

export interface MatchInput {
  caseId: string;
  mentorCaseId: string;
  youthCaseId: string;
  mentorWorkflowId: string;
  youthWorkflowId: string;
  caseWorkerId: string;
  socialWorker: { id: string; email: string };
  caregiverName: string;
  rationale: string;
  /** The program running the match (a program record's id), when the proposal named one. */
  programId?: string;
  /** The youth's county, for the outcome report (absent for older matches). */
  youthCounty?: string;
  /** The risks of an early closure known at the proposal (absent for older matches). */
  risks?: MatchRisks;
  policy: Policy;
  proposedBy: Actor;
  state?: MatchState;
}

export interface FosterResult {
  caseId: string;
  stage: string;
}
