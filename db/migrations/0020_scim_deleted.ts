import { sql, type Kysely } from 'kysely';

/**
 * A person the identity provider deleted through SCIM. The row stays (deactivated, so the
 * cases they worked on keep their name and their work went back), but SCIM answers 404 for it
 * from then on, as RFC 7644 §3.6 asks, and the provider may create the same person again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE people ADD COLUMN scim_deleted_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE people DROP COLUMN IF EXISTS scim_deleted_at`.execute(db);
}
