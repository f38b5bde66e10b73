import type { Kysely } from 'kysely';

/**
 * An outbox message is claimed (a lease) before it is handed to SMTP, and marked sent
 * after, outside any transaction: a database restart while the SMTP server is answering
 * no longer rolls back the record of a message that went out (the chaos run counted such
 * messages sent twice). A claim whose worker died lapses, and the sweep sends the message.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('email_outbox').addColumn('claimed_until', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('email_outbox').dropColumn('claimed_until').execute();
}
