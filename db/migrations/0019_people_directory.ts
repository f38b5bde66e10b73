import { sql, type Kysely } from 'kysely';

/**
 * The people directory the partnership runs itself (docs/administration.md): the `people`
 * table that remembered sign-ins becomes the one directory. A row an administrator, a CSV
 * import or the identity provider (SCIM) keeps is `in_directory`, with its roles and their
 * scopes (`grants`), language, supervisor and whether it is active; a row only a sign-in
 * wrote stays bookkeeping as before. The audit log records every administrative change.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE people
    ADD COLUMN in_directory boolean NOT NULL DEFAULT false,
    ADD COLUMN language text NOT NULL DEFAULT 'en',
    ADD COLUMN grants jsonb NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN supervisor_id text,
    ADD COLUMN active boolean NOT NULL DEFAULT true,
    ADD COLUMN user_name text,
    ADD COLUMN external_id text,
    ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN version integer NOT NULL DEFAULT 1`.execute(db);
  // A person an administrator added has not signed in yet.
  await sql`ALTER TABLE people ALTER COLUMN seen_at DROP NOT NULL`.execute(db);
  // SCIM's userName is unique, compared case-insensitively (RFC 7643 §4.1.1).
  await sql`CREATE UNIQUE INDEX people_user_name_idx ON people (lower(user_name)) WHERE user_name IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX people_directory_name_idx ON people (lower(name), id) WHERE in_directory`.execute(db);

  await sql`CREATE TABLE audit_events (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    actor_id text NOT NULL,
    actor_name text,
    kind text NOT NULL,
    target text NOT NULL,
    before jsonb,
    after jsonb,
    reason text
  )`.execute(db);
  await sql`CREATE INDEX audit_events_at_idx ON audit_events (at, id)`.execute(db);
  await sql`CREATE INDEX audit_events_kind_at_idx ON audit_events (kind, at, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS audit_events`.execute(db);
  await sql`DROP INDEX IF EXISTS people_directory_name_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS people_user_name_idx`.execute(db);
  await sql`DELETE FROM people WHERE seen_at IS NULL`.execute(db);
  await sql`ALTER TABLE people ALTER COLUMN seen_at SET NOT NULL`.execute(db);
  for (const c of [
    'in_directory',
    'language',
    'grants',
    'supervisor_id',
    'active',
    'user_name',
    'external_id',
    'created_at',
    'updated_at',
    'version',
  ])
    await sql`ALTER TABLE people DROP COLUMN IF EXISTS ${sql.ref(c)}`.execute(db);
}
