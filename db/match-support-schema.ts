/**
 * The read model's tables of match support (migrations 0027 to 0029): the match's typed row,
 * the relationship surveys answered, the survey instruments' versions and the surveys sent.
 * Kept apart from db/schema.ts, which lists every table in its Database.
 */
import type { ColumnType } from 'kysely';
import type { DefaultedTimestamp, Timestamp } from './schema';

/** One row per match (migration 0027), written by its workflow with every transition; no names. */
export interface MatchFactsTable {
  case_id: string;
  mentor_case_id: string;
  youth_case_id: string;
  case_worker_id: string;
  program_id: string | null;
  county: string | null;
  stage: string;
  proposed_at: Timestamp;
  first_meeting_at: Timestamp | null;
  closed_at: Timestamp | null;
  closure_kind: string | null;
  closure_reason: string | null;
  health_score: number | null;
  health_band: string | null;
  health_reasons: string[];
  next_contact_due: Timestamp | null;
  /** The case snapshot's version the row was written with (migration 0028): an older row never overwrites a newer. */
  case_version: ColumnType<number, number | undefined, number>;
  updated_at: DefaultedTimestamp;
}

/** A relationship survey answered (migration 0027): by its one-time link or collected by phone. */
export interface SurveyResponsesTable {
  survey_id: string;
  match_case_id: string;
  respondent: string;
  round: string;
  instrument_id: string;
  instrument_version: number;
  language: string;
  /** 0-100 by the instrument's scoring (numeric: read back as a string by pg). */
  score: ColumnType<string, number | string, number | string>;
  answers: ColumnType<unknown, string, string>;
  /** `link` or `phone`. */
  collected: string;
  collected_by: string | null;
  answered_at: DefaultedTimestamp;
}

/** A version of a survey instrument (migration 0029); never updated. */
export interface SurveyInstrumentsTable {
  id: string;
  version: number;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  created_by: string;
  reason: string;
  definition: ColumnType<unknown, string, never>;
}

/** A relationship survey sent (migration 0029): the instrument version and language its links open. */
export interface SurveyInvitationsTable {
  survey_id: string;
  match_case_id: string;
  workflow_id: string;
  respondent: string;
  round: string;
  instrument_id: string;
  instrument_version: number;
  language: string;
  created_at: DefaultedTimestamp;
}
