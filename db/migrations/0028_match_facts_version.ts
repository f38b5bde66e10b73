import { sql, type Kysely } from 'kysely';

/**
 * The match facts row keeps the version of the case snapshot it was written with
 * (docs/processes/foster.md, "Match support"): a match's transitions can be recorded out of
 * order (a timer's commit beside an Update's), and only the case version orders them
 * strictly — two transitions in one workflow activation share their time. A row written with
 * an older version than the stored one is ignored, as the cases row itself does.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE match_facts ADD COLUMN case_version integer NOT NULL DEFAULT 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE match_facts DROP COLUMN case_version`.execute(db);
}
