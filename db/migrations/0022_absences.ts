import { sql, type Kysely } from 'kysely';

/**
 * Out of office (docs/administration.md, "Absence"): a person's absence, from when to when,
 * and the colleague who stands in for them meanwhile. One absence a person at a time; a
 * new one replaces it. Looked up on every request by the substitute (their tokens) and on
 * every e-mail delivery (the absent person's address), hence the two indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE absences (
    person_id text PRIMARY KEY REFERENCES people (id),
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    substitute_id text NOT NULL REFERENCES people (id),
    set_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at),
    CHECK (substitute_id <> person_id)
  )`.execute(db);
  await sql`CREATE INDEX absences_substitute_idx ON absences (substitute_id, ends_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE absences`.execute(db);
}
