import { sql, type Kysely } from 'kysely';

/**
 * The public volunteer form's per-address limits, counted here so every API process sees
 * the same counts: one row per submission, keyed by the case, with the SHA-256 of the
 * normalised e-mail address (trimmed, lower-case), never the address itself. And a
 * volunteer's first e-mail carries two one-time links (confirm the address, withdraw), so
 * one outbox message may now have more than one link.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('referral_submissions')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('address_hash', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX referral_submissions_address_idx ON referral_submissions (address_hash, submitted_at)`.execute(
    db,
  );
  await sql`ALTER TABLE reference_links DROP CONSTRAINT IF EXISTS reference_links_outbox_key_key`.execute(db);
  await sql`CREATE INDEX reference_links_outbox_key_idx ON reference_links (outbox_key)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS reference_links_outbox_key_idx`.execute(db);
  await sql`ALTER TABLE reference_links ADD CONSTRAINT reference_links_outbox_key_key UNIQUE (outbox_key)`.execute(db);
  await db.schema.dropTable('referral_submissions').ifExists().execute();
}
