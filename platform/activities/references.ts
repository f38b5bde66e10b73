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
  subject: string;
  links: LinkSpec[];
  /** The message, given each link's address and last day (in the order of `links`). */
  body: (links: { url: string; until: string }[]) => string;
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
    const text = l.body(
      minted.map((m) => ({
        url: `${publicBaseUrl}${m.spec.path}${m.token}`,
        until: m.expiresAt.toISOString().slice(0, 10),
      })),
    );
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
          subject: l.subject,
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
      const first = input.applicantName.split(' ')[0];
      return issue(
        {
          key: `${input.caseId}:${input.referenceId}:${input.kind}`,
          caseId: input.caseId,
          workflowId: input.workflowId ?? mentorScreeningWorkflowId(input.caseId),
          email: input.email,
          links: [{ referenceId: input.referenceId, path: '/references/', validFor: input.validFor }],
          subject: `[mentorflow] ${input.kind === 'reminder' ? 'Reminder: ' : ''}a reference for ${input.applicantName}`,
          body: ([{ url: link, until }]) =>
            [
              `Dear ${input.referenceName},`,
              '',
              input.role === 'caller'
                ? `${input.applicantName} has applied to make wellness check-in calls to young people and named you as a reference.`
                : `${input.applicantName} has applied to mentor a young person in foster care and named you as a reference.`,
              `Please tell us whether you recommend ${first}: ${link}`,
              '',
              `The link works once, until ${until}. You do not need an account.`,
            ].join('\n'),
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
      const closing = [
        '',
        `Referral reference: ${reference}. You do not need an account. This message was sent automatically; replies are not read.`,
      ];
      if (!input.confirmValidFor) {
        return issue(
          {
            ...common,
            links: [withdraw],
            subject: `[mentorflow] Your mentor referral ${reference}`,
            body: ([w]) =>
              [
                'Thank you for offering to mentor a young person. Your details are going to up to three mentoring programs',
                'near you; each will contact you within about a week.',
                '',
                `If you change your mind, withdraw here (the link works once, until ${w.until}): ${w.url}`,
                ...closing,
              ].join('\n'),
          },
          input.publicBaseUrl,
        );
      }
      return issue(
        {
          ...common,
          subject: `[mentorflow] Please confirm your e-mail address (mentor referral ${reference})`,
          links: [
            { referenceId: CONFIRM_LINK, path: '/referrals/confirm/', validFor: input.confirmValidFor },
            withdraw,
          ],
          body: ([c, w]) =>
            [
              'Someone offered to mentor a young person through the statewide mentor referral form and gave this e-mail',
              'address. Nothing has been passed to any mentoring program yet.',
              '',
              `If it was you, confirm your address here (the link works once, until ${c.until}): ${c.url}`,
              'Up to three mentoring programs near you will then contact you.',
              '',
              'If it was not you, ignore this message: nothing more happens, and nothing is sent to any program.',
              '',
              `To withdraw at any time (the link works once, until ${w.until}): ${w.url}`,
              ...closing,
            ].join('\n'),
        },
        input.publicBaseUrl,
      );
    },
  };
}

export type ReferenceActivities = ReturnType<typeof createReferenceActivities>;
