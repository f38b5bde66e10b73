/**
 * Out of office at delivery (docs/administration.md, "Absence"): an e-mail to a person who
 * is away right now goes to their substitute as well. Decided when the message is handed to
 * SMTP, never in workflow code: cases keep addressing people as they always did, and an
 * absence set, moved or ended after a message was written still counts when it is sent.
 */
import { sql } from 'kysely';
import type { Db } from '../../db';

/**
 * The recipients, plus the substitute of each one whose address is an absent person's (case
 * does not matter), each address once.
 */
export async function withSubstitutes(db: Db, recipients: string[]): Promise<string[]> {
  if (!recipients.length) return recipients;
  const lowered = recipients.map((r) => r.trim().toLowerCase());
  const rows = await db
    .selectFrom('absences as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .innerJoin('people as s', 's.id', 'a.substitute_id')
    .select('s.email')
    .where(sql<boolean>`lower(p.email) = ANY(${sql.val(lowered)}::text[])`)
    .where('a.starts_at', '<=', sql<Date>`now()`)
    .where('a.ends_at', '>', sql<Date>`now()`)
    .where('s.active', '=', true)
    .where('s.email', 'is not', null)
    .execute();
  const out = [...recipients];
  const seen = new Set(lowered);
  for (const { email } of rows) {
    if (email && !seen.has(email.toLowerCase())) {
      seen.add(email.toLowerCase());
      out.push(email);
    }
  }
  return out;
}
