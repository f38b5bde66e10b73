/**
 * What a match records of its support, as the field measures it (docs/processes/foster.md,
 * "Match support"): contacts on the policy's schedule, relationship surveys, the match's
 * health, and a structured closure. Shared by the match workflow, its read-model row
 * (`match_facts`), the API and the web client, so they cannot drift apart. Pure types.
 */
import type { ClosureReason, MatchStage } from '../types';

/** Who a case worker's contact reached. */
export const CONTACT_PARTIES = ['mentor', 'youth', 'caregiver'] as const;
export type ContactParty = (typeof CONTACT_PARTIES)[number];
export const CONTACT_MEANS = ['in_person', 'phone', 'video', 'text'] as const;
export type ContactMeans = (typeof CONTACT_MEANS)[number];

/** One contact logged by the case worker (task `match_contact`). */
export interface ContactRecord {
  /** The schedule's due instant this contact answered. */
  dueOn: string;
  recordedAt: string;
  by: string;
  reached: ContactParty[];
  how: ContactMeans;
  /** 1 (very unsatisfied) to 5 (very satisfied). */
  satisfaction: number;
  concerns?: string;
  safetyConcern: boolean;
}

export const SURVEY_RESPONDENTS = ['mentor', 'youth'] as const;
export type SurveyRespondent = (typeof SURVEY_RESPONDENTS)[number];
export const SURVEY_STATUSES = ['sent', 'answered', 'collected_by_phone', 'missed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** One relationship survey of the match: at 3, 6, 12 months (then yearly), and at exit. */
export interface SurveyRecord {
  /** `${caseId}:${respondent}:${round}`: the same survey whatever the retries. */
  id: string;
  respondent: SurveyRespondent;
  /** `m3`, `m6`, `m12`, `m24`, ... or `exit`. */
  round: string;
  /** When it was sent. */
  dueAt: string;
  status: SurveyStatus;
  /** 0-100, the instrument's scoring. */
  score?: number;
  instrumentId?: string;
  instrumentVersion?: number;
}

export const HEALTH_BANDS = ['healthy', 'watch', 'at_risk'] as const;
export type HealthBand = (typeof HEALTH_BANDS)[number];

/** The match's health: 0-100, its band and the reasons that took points away (codes, with numbers). */
export interface MatchHealth {
  score: number;
  band: HealthBand;
  reasons: string[];
  /** When it was computed. */
  at: string;
}

export const CLOSURE_KINDS = ['planned', 'unplanned'] as const;
export type ClosureKind = (typeof CLOSURE_KINDS)[number];
export const CLOSURE_INITIATORS = ['mentor', 'youth', 'caregiver', 'program'] as const;
export type ClosureInitiator = (typeof CLOSURE_INITIATORS)[number];
export const REMATCH_DECISIONS = ['rematch', 'not_now', 'declined'] as const;
export type RematchDecision = (typeof REMATCH_DECISIONS)[number];

/** What the match knows at its proposal of the risks of an early closure (absent for older matches). */
export interface MatchRisks {
  /** The youth's age in whole years on the day of the proposal. */
  youthAgeAtMatch: number;
  /** Months the youth waited from being ready to this proposal. */
  monthsWaiting: number;
}

/**
 * The match's typed read-model row (`match_facts`), written with every transition: what the
 * caseload page and the funders' outcome report read. No names: the report counts, never names.
 */
export interface MatchFactsRow {
  caseId: string;
  mentorCaseId: string;
  youthCaseId: string;
  caseWorkerId: string;
  /** The program running the match (a program record's id), when the proposal named one. */
  programId: string | null;
  /** The youth's county, from the referral. */
  county: string | null;
  stage: MatchStage;
  proposedAt: string;
  firstMeetingAt: string | null;
  closedAt: string | null;
  closureKind: ClosureKind | null;
  closureReason: ClosureReason | null;
  healthScore: number | null;
  healthBand: HealthBand | null;
  healthReasons: string[];
  nextContactDue: string | null;
}

export const MATCH_FACTS = 'match_facts';
