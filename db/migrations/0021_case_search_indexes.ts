import { sql, type Kysely } from 'kysely';

/**
 * The Cases page's "my cases" (platform/api/case-search.ts) looks up the cases a person works
 * as their owner of record: an index of cases by owner keeps it a short range however many
 * cases the read model holds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS cases_owner_idx ON cases (owner_id) WHERE owner_id IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS cases_owner_idx`.execute(db);
}
