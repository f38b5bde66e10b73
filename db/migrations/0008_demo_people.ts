import type { Kysely } from 'kysely';

/**
 * Demo people (`npm run seed`): the development sign-in page lists them as buttons
 * ("Pat Lee — employee, CDT"). A label marks a demo person; real people have none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('people').addColumn('demo_label', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('people').dropColumn('demo_label').execute();
}
