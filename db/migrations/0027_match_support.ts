import { sql, type Kysely } from 'kysely';

/**
 * Match support as the field measures it (docs/processes/foster.md, "Match support"): one typed
 * row per match (`match_facts`, written by the match workflow with every transition) for the
 * caseload page and the funders' outcome report, and each relationship survey answered
 * (`survey_responses`), by its one-time link or collected by phone. No names in either: the
 * report counts, and the caseload joins the names from the cases it may show.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE match_facts (
    case_id text PRIMARY KEY,
    mentor_case_id text NOT NULL,
    youth_case_id text NOT NULL,
    case_worker_id text NOT NULL,
    program_id text,
    county text,
    stage text NOT NULL,
    proposed_at timestamptz NOT NULL,
    first_meeting_at timestamptz,
    closed_at timestamptz,
    closure_kind text,
    closure_reason text,
    health_score integer,
    health_band text,
    health_reasons text[] NOT NULL DEFAULT '{}',
    next_contact_due timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  await sql`CREATE INDEX match_facts_caseload ON match_facts (case_worker_id, health_score)`.execute(db);
  await sql`CREATE INDEX match_facts_first_meeting ON match_facts (first_meeting_at)`.execute(db);
  await sql`CREATE TABLE survey_responses (
    survey_id text PRIMARY KEY,
    match_case_id text NOT NULL,
    respondent text NOT NULL,
    round text NOT NULL,
    instrument_id text NOT NULL,
    instrument_version integer NOT NULL,
    language text NOT NULL,
    score numeric(5,1) NOT NULL,
    answers jsonb NOT NULL,
    collected text NOT NULL,
    collected_by text,
    answered_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  await sql`CREATE INDEX survey_responses_match ON survey_responses (match_case_id)`.execute(db);
  await sql`CREATE INDEX survey_responses_answered ON survey_responses (answered_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE survey_responses`.execute(db);
  await sql`DROP TABLE match_facts`.execute(db);
}
