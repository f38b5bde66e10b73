import type { Kysely } from 'kysely';

/**
 * One mentoring-leave enrollment per employee and year, held by the read model's key too:
 * Temporal's workflow-ID check forgets a closed case once retention purges it, this does not.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('leave_ledgers_employee_year_key')
    .on('leave_ledgers')
    .columns(['employee_id', 'year'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('leave_ledgers_employee_year_key').ifExists().execute();
}
