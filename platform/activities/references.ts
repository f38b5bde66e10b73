/**
 * One-time links sent by e-mail to people without an account: a mentor reference's answer
 * link, and a referred volunteer's links to confirm the address and to withdraw. Each token
 * is made here, outside the workflow, so it never enters workflow history; the database
 * keeps only its SHA-256 hash, and the e-mail's stored copy loses the token once sent. A
 * retried activity finds its outbox row and re-sends that message rather than minting
 * another link.
 *
 * A volunteer's address is whatever the public typed: the e-mails to it carry fixed
 * wording, the links and the case reference only, never the name or anything else typed
 * (the form must not become a way to send someone a message in the agency's name).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db';
import { BusinessCalendar, addDuration, type PolicyDuration } from '../workflow/calendar';
import { mentorScreeningWorkflowId } from '../../processes/foster/ids';
import { mentorReferralWorkflowId } from '../../processes/referral/ids';
import { deliverOutbox, type Mailer, type OutboxHooks } from './email';
import type { EmailTemplateRef } from '../emails/messages';
import { renderEmail } from '../emails/render';
import { fosterEmail } from '../../processes/foster/email-messages';
import { referralEmail } from '../../processes/referral/email-messages';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The `reference_id` of a referral's withdraw link in `reference_links`. */
export const WITHDRAW_LINK = 'withdraw';
/** The `reference_id` of a referral's address-confirmation link in `reference_links`. */
export const CONFIRM_LINK = 'confirm';

export interface IssueReferenceLinkInput {
  caseId: string;
  referenceId: string;
  referenceName: string;
  email: string;
  applicantName: string;
  kind: 'request' | 'reminder';
  validFor: PolicyDuration;
  publicBaseUrl: string;
  /** A wellness caller's screening: its workflow and wording (absent: a mentor's). */
  workflowId?: string;
  role?: 'caller';
}

export interface SendReferralConfirmationInput {
  caseId: string;
  email: string;
  /** How long the withdraw link works. */
  validFor: PolicyDuration;
  /** How long the address-confirmation link works (absent: a case from before confirmation existed). */
  confirmValidFor?: PolicyDuration;
  publicBaseUrl: string;
  /** Sent by cases started before the e-mail stopped naming anyone; never used. */
  name?: string;
}

interface LinkSpec {
  referenceId: string;
  /** The page the link opens, before the token. */
  path: string;
  validFor: PolicyDuration;
}

interface OneTimeLinks {
  key: string;
  caseId: string;
  workflowId: string;
  email: string;
  links: LinkSpec[];
  /** The message's template and variables, given each link's address and last day (in the order of `links`). */
  message: (links: { url: string; until: string }[]) => EmailTemplateRef;
}

export function createReferenceActivities({
  db,
  mailer,
  clock = () => new Date(),
  hooks,
}: {
  db: Db;
  mailer: Mailer;
  clock?: () => Date;
  hooks?: OutboxHooks;
}) {
  async function issue(l: OneTimeLinks, publicBaseUrl: string): Promise<{ sent: boolean }> {
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
    const urls = minted.map((m) => ({
      url: `${publicBaseUrl}${m.spec.path}${m.token}`,
      until: m.expiresAt.toISOString().slice(0, 10),
    }));
    // The first link is the message's {{link}}; the text ends where its last line does.
    const rendered = renderEmail({ key: l.key, to: [l.email], ...l.message(urls), link: urls[0].url });
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
        })
        .execute();
    });
    // The stored copy loses the tokens once the message is handled (email.ts redacts them).
    await deliverOutbox(db, mailer, [l.key], hooks);
    return { sent: true };
  }

  return {
    async issueReferenceLink(input: IssueReferenceLinkInput): Promise<{ sent: boolean }> {
      const role = input.role === 'caller' ? 'caller' : 'mentor';
      return issue(
        {
          key: `${input.caseId}:${input.referenceId}:${input.kind}`,
          caseId: input.caseId,
          workflowId: input.workflowId ?? mentorScreeningWorkflowId(input.caseId),
          email: input.email,
          links: [{ referenceId: input.referenceId, path: '/references/', validFor: input.validFor }],
          message: ([{ until }]) =>
            fosterEmail(`reference-${input.kind}-${role}`, {
              referenceName: input.referenceName,
              applicantName: input.applicantName,
              applicantFirstName: input.applicantName.split(' ')[0],
              until,
            }),
        },
        input.publicBaseUrl,
      );
    },

    /**
     * The volunteer's first e-mail: a one-time link to confirm the address (nothing reaches
     * a program before it is used) and one to withdraw at any time. Cases started before
     * confirmation existed send the withdraw link alone. Only fixed wording and the case
     * reference: the address is whatever the public typed.
     */
    async sendReferralConfirmation(input: SendReferralConfirmationInput): Promise<{ sent: boolean }> {
      const reference = input.caseId.slice(0, 8);
      const withdraw: LinkSpec = { referenceId: WITHDRAW_LINK, path: '/referrals/withdraw/', validFor: input.validFor };
      const common = {
        key: `${input.caseId}:confirmation`,
        caseId: input.caseId,
        workflowId: mentorReferralWorkflowId(input.caseId),
        email: input.email,
      };
      if (!input.confirmValidFor) {
        return issue(
          {
            ...common,
            links: [withdraw],
            message: ([w]) =>
              referralEmail('volunteer-withdraw-link', { reference, withdrawLink: w.url, withdrawUntil: w.until }),
          },
          input.publicBaseUrl,
        );
      }
      return issue(
        {
          ...common,
          links: [
            { referenceId: CONFIRM_LINK, path: '/referrals/confirm/', validFor: input.confirmValidFor },
            withdraw,
          ],
          message: ([c, w]) =>
            referralEmail('volunteer-confirm-address', {
              reference,
              confirmLink: c.url,
              confirmUntil: c.until,
              withdrawLink: w.url,
              withdrawUntil: w.until,
            }),
        },
        input.publicBaseUrl,
      );
    },
  };
}

export type ReferenceActivities = ReturnType<typeof createReferenceActivities>;
