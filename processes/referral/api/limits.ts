/**
 * Per-address limits of the public volunteer form: the form sends an e-mail to whatever
 * address is typed, so one address may have only a few referrals waiting on confirmation
 * at once and only a few submissions a day (policy `referral.unconfirmedPerAddress` and
 * `submissionsPerAddressPerDay`), whatever client sends them. Counted in PostgreSQL, so
 * every API process sees the same counts; addresses compare trimmed and lower-cased, and
 * only their SHA-256 is kept. The per-client limit (rate-limit.ts) comes on top.
 */
import { sql } from 'kysely';
import type { Db } from '../../../db';
import { hashToken } from '../../../platform/activities/one-time-links';
import type { Policy } from '../../../platform/workflow/policy';
import { HttpProblem } from '../../../platform/api/errors';

/** How long a submission row is kept (well past the day and the confirmation window). */
const KEEP = '30 days';

/**
 * One mailbox, however it is spelled: trimmed and lower-cased, without a `+tag` after the
 * local part (most providers deliver `name+x@` to `name@`), and for Gmail without dots.
 * Used only for counting, so merging a few distinct mailboxes errs on the safe side.
 */
export function normaliseAddress(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 1) return address;
  let local = address.slice(0, at).replace(/\+.*$/, '');
  let domain = address.slice(at + 1);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.replace(/\./g, '');
  return `${local || address.slice(0, at)}@${domain}`;
}

const limited = () =>
  new HttpProblem(
    429,
    'Too Many Requests',
    'Too many referrals for this e-mail address: use the link in the e-mail we sent it, or try again tomorrow',
    'address_rate_limited',
  );

/**
 * Counts a new form for its address, or refuses it (429 `address_rate_limited`, nothing
 * recorded). The same request retried (its Idempotency-Key gives it the same case id)
 * counts once.
 */
export async function admitSubmission(db: Db, rules: Policy['referral'], email: string, caseId: string): Promise<void> {
  const addressHash = hashToken(normaliseAddress(email));
  await db.transaction().execute(async (trx) => {
    // One form per address at a time, so two sent together cannot both pass the count.
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${addressHash}, 0))`.execute(trx);
    const again = await trx
      .selectFrom('referral_submissions')
      .select('case_id')
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    if (again) return;
    const counts = await trx
      .selectFrom('referral_submissions as s')
      .leftJoin('cases as c', 'c.id', 's.case_id')
      .select([
        sql<number>`count(*) FILTER (WHERE s.submitted_at > now() - interval '24 hours')::int`.as('today'),
        // Waiting on confirmation: its case says so, or it is being started this moment.
        sql<number>`count(*) FILTER (WHERE (c.stage = 'unconfirmed' AND c.status = 'open')
          OR (c.id IS NULL AND s.submitted_at > now() - interval '10 minutes'))::int`.as('unconfirmed'),
      ])
      .where('s.address_hash', '=', addressHash)
      .executeTakeFirstOrThrow();
    if (counts.unconfirmed >= rules.unconfirmedPerAddress || counts.today >= rules.submissionsPerAddressPerDay) {
      throw limited();
    }
    await trx
      .deleteFrom('referral_submissions')
      .where('address_hash', '=', addressHash)
      .where('submitted_at', '<', sql<Date>`now() - ${KEEP}::interval`)
      .execute();
    await trx
      .insertInto('referral_submissions')
      .values({ case_id: caseId, address_hash: addressHash, submitted_at: sql<Date>`now()` })
      .execute();
  });
}

/** A form whose case could not be started does not count. */
export async function forgetSubmission(db: Db, caseId: string): Promise<void> {
  await db.deleteFrom('referral_submissions').where('case_id', '=', caseId).execute();
}
