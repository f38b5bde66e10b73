import { sql, type Kysely } from 'kysely';

/**
 * The certification question bank as versioned data (docs/administration.md, "Words"): each
 * published version whole, with who published it and why. Never updated: a new version is a
 * new row, and a self-assessment keeps the version it started with. Versions 1 (the product's
 * first 18 questions) and 2 (its full bank) are installed by the API on first start.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE question_banks (
    version integer PRIMARY KEY CHECK (version >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    reason text NOT NULL,
    questions jsonb NOT NULL
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE question_banks`.execute(db);
}
