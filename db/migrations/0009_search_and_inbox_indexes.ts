import { sql, type Kysely } from 'kysely';

/**
 * Reads that stay fast at 100,000 rows (`npm run bench` P3): case search by
 * words of the subject through a trigram index (pg_trgm: in every PostgreSQL's contrib,
 * trusted since 13, so a database owner may create it; where it cannot be created the
 * search still works, only slower), and the inbox's open tasks in due order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DO $$ BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
  EXCEPTION WHEN others THEN
    RAISE NOTICE 'pg_trgm not available (%): case search will scan', SQLERRM;
  END $$`.execute(db);
  await sql`DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
      CREATE INDEX IF NOT EXISTS cases_subject_trgm_idx ON cases USING gin (subject gin_trgm_ops);
    END IF;
  END $$`.execute(db);
  await sql`CREATE INDEX tasks_open_due_idx ON tasks (due_at, id) WHERE status = 'open'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS tasks_open_due_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS cases_subject_trgm_idx`.execute(db);
}
