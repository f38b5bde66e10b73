import { sql, type Kysely } from 'kysely';

/**
 * E-mails in English and Spanish (docs/emails.md, "Languages"): each outbox row records the
 * language its words are in, so an operator sees at a glance who got which. Rows written
 * before were all English.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE email_outbox ADD COLUMN language text NOT NULL DEFAULT 'en'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE email_outbox DROP COLUMN language`.execute(db);
}
