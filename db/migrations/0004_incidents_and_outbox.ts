import { sql, type Kysely } from 'kysely';

/**
 * Incidents (a case whose transition cannot be written waits here for an admin's retry)
 * and the outbox's record of a message the SMTP server refused for good.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('incidents')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('case_type', 'text', (c) => c.notNull())
    .addColumn('since', 'timestamptz', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('email_outbox').addColumn('failed_at', 'timestamptz').execute();
  await db.schema.alterTable('email_outbox').addColumn('failure', 'text').execute();
  await sql`CREATE INDEX email_outbox_unsent_idx ON email_outbox (created_at) WHERE sent_at IS NULL AND failed_at IS NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('incidents').ifExists().execute();
  await db.schema.alterTable('email_outbox').dropColumn('failed_at').dropColumn('failure').execute();
}
