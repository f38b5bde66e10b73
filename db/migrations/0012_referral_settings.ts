import { sql, type Kysely } from 'kysely';

/**
 * The online referral (docs/processes/mentor-referral.md): each program's referral settings — whether
 * it accepts referrals, the counties it serves, virtual mentoring, its languages and the
 * youth ages it serves — read by the directory's filters and by the referral ranking. A
 * program without a row accepts no referrals (a program opts in). The referral cases
 * themselves live in `cases` like every process; an index serves the per-campaign report.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE program_referral_settings (
    program_id text PRIMARY KEY REFERENCES programs (id),
    accepting boolean NOT NULL,
    counties text[] NOT NULL,
    virtual boolean NOT NULL,
    languages text[] NOT NULL,
    youth_min integer NOT NULL,
    youth_max integer NOT NULL,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  await sql`CREATE INDEX cases_mentor_referral_created_idx ON cases (created_at) WHERE type = 'mentor_referral'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS cases_mentor_referral_created_idx`.execute(db);
  await sql`DROP TABLE IF EXISTS program_referral_settings`.execute(db);
}
