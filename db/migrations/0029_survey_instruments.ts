import { sql, type Kysely } from 'kysely';

/**
 * Relationship surveys (docs/processes/match-surveys.md): the instruments as
 * versioned data (`survey_instruments`, never updated: a new version is a new row; the
 * product's own is installed on first use), and each survey sent (`survey_invitations`): the
 * instrument version and language it was sent with, which its one-time links open and its
 * answer is scored by. No names and no addresses in either.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE survey_instruments (
    id text NOT NULL,
    version integer NOT NULL CHECK (version >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    reason text NOT NULL,
    definition jsonb NOT NULL,
    PRIMARY KEY (id, version)
  )`.execute(db);
  await sql`CREATE TABLE survey_invitations (
    survey_id text PRIMARY KEY,
    match_case_id text NOT NULL,
    workflow_id text NOT NULL,
    respondent text NOT NULL,
    round text NOT NULL,
    instrument_id text NOT NULL,
    instrument_version integer NOT NULL,
    language text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE survey_invitations`.execute(db);
  await sql`DROP TABLE survey_instruments`.execute(db);
}
