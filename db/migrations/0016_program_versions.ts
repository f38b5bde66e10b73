import type { Kysely } from 'kysely';

/**
 * A program's row is written by its record's workflow, change after change; a write retried
 * late (a database that answered slowly) must not undo a newer one, e.g. an expiry landing
 * after a renewal. Each write carries the record's version; the row keeps the highest.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('programs')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('programs').dropColumn('version').execute();
}
