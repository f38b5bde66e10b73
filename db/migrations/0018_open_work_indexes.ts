import { sql, type Kysely } from 'kysely';

/**
 * The doctor (lib/doctor) walks the open part of the read model page by page: open cases
 * by id, and open tasks by case. Partial indexes keep each page a short index range
 * however many closed cases and finished tasks lie beside them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS cases_open_id_idx ON cases (id) WHERE status = 'open'`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS tasks_open_case_idx ON tasks (case_id) WHERE status = 'open'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS tasks_open_case_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS cases_open_id_idx`.execute(db);
}
