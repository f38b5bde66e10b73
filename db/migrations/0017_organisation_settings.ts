import type { Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * The organisation's settings that running cases follow (mailboxes, public address,
 * holidays): the fingerprint of the last set every running case was told, so a worker that
 * starts with different ones tells them again, and one with the same ones does nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organisation_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('settings', 'jsonb', (c) => c.notNull())
    .addColumn('cases_told', 'integer', (c) => c.notNull())
    .addColumn('told_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('organisation_settings').execute();
}
