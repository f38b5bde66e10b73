import { sql, type Kysely } from 'kysely';

/**
 * Early-childhood mentor placements (docs/processes/early-childhood.md): college roles are scoped by a
 * `collegeId` claim, which the people directory keeps like department and program (an
 * assignment checks the assignee's scope); placements are exported per college and term.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE people ADD COLUMN college_id text`.execute(db);
  await sql`CREATE INDEX cases_ece_placement_idx ON cases ((details->>'collegeId'), stage) WHERE type = 'ece_placement'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS cases_ece_placement_idx`.execute(db);
  await sql`ALTER TABLE people DROP COLUMN IF EXISTS college_id`.execute(db);
}
