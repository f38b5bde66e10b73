/**
 * One-time links sent by e-mail to people without an account (a process decides what they
 * open: a reference's answer form, a volunteer's confirmation). Each token is minted here,
 * outside the workflow, so it never enters workflow history; the database keeps only its
 * SHA-256 hash in `reference_links`, and the e-mail's stored copy loses the token once sent
 * (email.ts redacts the paths processes declare as `oneTimeLinkPaths`). A retried activity
 * finds its outbox row and re-sends that message rather than minting another link.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db';
import { BusinessCalendar, addDuration, type PolicyDuration } from '../workflow/calendar';
import { deliverOutbox, type Mailer, type OutboxHooks } from './email';
import { DEFAULT_LANGUAGE, type EmailLanguage, type EmailTemplateRef } from '../emails/messages';
import { renderWithSavedWords } from '../emails/overrides';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface LinkSpec {
  /** The link's `reference_id` in `reference_links` (what it answers within its case). */
  referenceId: string;
  /** The page the link opens, before the token. */
  path: string;
  validFor: PolicyDuration;
}

export interface OneTimeLinks {
  /** The outbox key of the message (a retry finds it). */
  key: string;
  caseId: string;
  /** The workflow the link's answer is sent to. */
  workflowId: string;
  email: string;
  links: LinkSpec[];
  /** The recipient's language as the case knows it (absent: English). */
  language?: EmailLanguage;
  /** The message's template and variables, given each link's address and last day (in the order of `links`). */
  message: (links: { url: string; until: string }[]) => EmailTemplateRef;
}

export interface OneTimeLinkDeps {
  db: Db;
  mailer: Mailer;
  clock?: () => Date;
  hooks?: OutboxHooks;
}

/** Mints the links, stores their hashes and the message in one transaction, then sends it. */
export async function issueOneTimeLinks(
  { db, mailer, clock = () => new Date(), hooks }: OneTimeLinkDeps,
  l: OneTimeLinks,
  publicBaseUrl: string,
): Promise<{ sent: boolean }> {
  const existing = await db.selectFrom('email_outbox').select('sent_at').where('key', '=', l.key).executeTakeFirst();
  if (existing) {
    if (!existing.sent_at) await deliverOutbox(db, mailer, [l.key], hooks);
    return { sent: true };
  }
  const now = clock();
  const minted = l.links.map((spec) => ({
    spec,
    token: randomBytes(32).toString('base64url'),
    expiresAt: new Date(addDuration(now.getTime(), spec.validFor, new BusinessCalendar([]))),
  }));
  const langQuery = l.language && l.language !== DEFAULT_LANGUAGE ? `?lang=${l.language}` : '';
  const urls = minted.map((m) => ({
    // A page opened from a Spanish e-mail is in Spanish whatever the browser says.
    url: `${publicBaseUrl}${m.spec.path}${m.token}${langQuery}`,
    until: m.expiresAt.toISOString().slice(0, 10),
  }));
  // The first link is the message's {{link}}; the text ends where its last line does.
  const [rendered] = await renderWithSavedWords(db, [
    { key: l.key, to: [l.email], ...l.message(urls), link: urls[0].url, language: l.language ?? DEFAULT_LANGUAGE },
  ]);
  const text = rendered.text.replace(/\n+$/, '');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('reference_links')
      .values(
        minted.map((m) => ({
          token_hash: hashToken(m.token),
          case_id: l.caseId,
          reference_id: m.spec.referenceId,
          workflow_id: l.workflowId,
          outbox_key: l.key,
          created_at: now,
          expires_at: m.expiresAt,
        })),
      )
      .execute();
    await trx
      .insertInto('email_outbox')
      .values({
        key: l.key,
        recipients: [l.email],
        subject: rendered.subject,
        body: text,
        case_id: l.caseId,
        created_at: now,
        language: rendered.language ?? DEFAULT_LANGUAGE,
      })
      .execute();
  });
  // The stored copy loses the tokens once the message is handled (email.ts redacts them).
  await deliverOutbox(db, mailer, [l.key], hooks);
  return { sent: true };
}
