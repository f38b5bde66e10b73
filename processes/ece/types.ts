/**
 * Early-childhood mentor placements (docs/processes/early-childhood.md): teachers and directors certified by a
 * college's selection committee as Mentor Teachers and Director Mentors (2 years, renewed
 * with 12 hours of professional development), and the students and new administrators a
 * college coordinator places with them for a term. College roles act within their
 * `collegeId` claim.
 */
import type { CaseCore } from '../../platform/workflow/case-core';
import type { Policy } from '../../platform/workflow/policy';
import type { Actor } from '../../platform/workflow/records';
import type { ECE_ROLES, MENTEE_KINDS } from './inputs';

export type EceRole = (typeof ECE_ROLES)[number];
export type MenteeKind = (typeof MENTEE_KINDS)[number];
export interface PersonRef {
  id: string;
  name: string;
  email: string;
}

/** What a college coordinator sends for a teacher or director (state and input alike). */
export interface EceApplication {
  collegeId: string;
  person: PersonRef;
  role: EceRole;
  site: string;
  yearsExperience: number;
  permitLevel: string;
  evidence: string;
}

export interface EceCertificationState extends CaseCore, EceApplication {
  stage: 'committee_review' | 'certified' | 'declined' | 'lapsed';
  votes: { by: string; vote: 'approve' | 'decline'; at: string; comment?: string }[];
  certifiedAt?: string;
  /** Valid through this date (Los Angeles). */
  certifiedUntil?: string;
  /** The first day of the current certification period (its development hours count). */
  periodStart?: string;
  development: { date: string; hours: number; topic: string }[];
  remindersSent: number;
  /** Placements holding this mentor (at most 2 at once). */
  /** `started`: the placement said it runs (a reservation whose case never started is let go; a started one never is). */
  openPlacements: { placementId: string; since: string; started?: boolean }[];
}

export interface EceCertificationInput extends EceApplication {
  caseId: string;
  policy: Policy;
  appliedBy: Actor;
  state?: EceCertificationState;
}

export interface HoursEntry {
  id: string;
  date: string;
  hours: number;
  activity: string;
  status: 'pending' | 'confirmed' | 'rejected';
  loggedAt: string;
}

/** Who is placed with whom, for which term (state and input alike). */
export interface EcePlacementTerms {
  collegeId: string;
  mentorCaseId: string;
  mentorWorkflowId: string;
  mentor: PersonRef & { role: EceRole };
  mentee: PersonRef & { kind: MenteeKind };
  term: { start: string; end: string };
  course?: string;
}

export interface EcePlacementState extends CaseCore, EcePlacementTerms {
  stage: 'awaiting_acceptance' | 'active' | 'evaluation' | 'closed' | 'cancelled';
  hours: HoursEntry[];
  evaluations: {
    mentor?: { rating: number; comments?: string; at: string };
    mentee?: { rating: number; comments?: string; at: string };
  };
  stipend?: number;
  closedAt?: string;
}

export interface EcePlacementInput extends EcePlacementTerms {
  caseId: string;
  policy: Policy;
  placedBy: Actor;
  state?: EcePlacementState;
}
