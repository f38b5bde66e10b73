import { sql, type Kysely } from 'kysely';

/**
 * A match names the youth's social worker as a party, and the read model's rules read the
 * named parties from the case's details. Matches recorded before the details carried the
 * social worker get it from their youth's referral once; the workflow writes it from then on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE cases m
       SET details = m.details || jsonb_build_object('socialWorkerId', y.details -> 'socialWorker' ->> 'id')
      FROM cases y
     WHERE m.type = 'match' AND y.type = 'youth_referral'
       AND y.id = m.details ->> 'youthCaseId'
       AND NOT (m.details ? 'socialWorkerId')
       AND y.details -> 'socialWorker' ? 'id'`.execute(db);
}

export async function down(): Promise<void> {
  // The key is harmless to keep.
}
