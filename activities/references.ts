/**
 * One-time links sent by e-mail to people without an account: a mentor reference's answer
 * link, and a referred volunteer's withdraw link. The token is made here, outside the
 * workflow, so it never enters workflow history; the database keeps only its SHA-256
 * hash, and the e-mail's stored copy loses the token once sent. A retried activity finds
 * its outbox row and re-sends that message rather than minting a second link.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { BusinessCalendar, addDuration, type PolicyDuration } from '../workflows/shared/calendar';
import { mentorScreeningWorkflowId } from '../workflows/foster/mentor-screening';
import { mentorReferralWorkflowId } from '../workflows/referral/ids';
import { deliverOutbox, type Mailer, type OutboxHooks } from './email';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The `reference_id` of a referral's withdraw link in `reference_links`. */
export const WITHDRAW_LINK = 'withdraw';

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
  name: string;
  email: string;
  validFor: PolicyDuration;
  publicBaseUrl: string;
}

interface OneTimeLink {
  key: string;
  caseId: string;
  referenceId: string;
  workflowId: string;
  email: string;
  subject: string;
  /** The page the link opens, before the token. */
  path: string;
  validFor: PolicyDuration;
  body: (link: string, until: string) => string;
}

export function createReferenceActivities({ db, mailer, clock = () => new Date(), hooks }: { db: Db; mailer: Mailer; clock?: () => Date; hooks?: OutboxHooks }) {
  async function issue(l: OneTimeLink, publicBaseUrl: string): Promise<{ sent: boolean }> {
    const existing = await db.selectFrom('email_outbox').select('sent_at').where('key', '=', l.key).executeTakeFirst();
    if (existing) {
      if (!existing.sent_at) await deliverOutbox(db, mailer, [l.key], hooks);
      return { sent: true };
    }
    const token = randomBytes(32).toString('base64url');
    const now = clock();
    const expiresAt = new Date(addDuration(now.getTime(), l.validFor, new BusinessCalendar([])));
    const text = l.body(`${publicBaseUrl}${l.path}${token}`, expiresAt.toISOString().slice(0, 10));
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('reference_links').values({
        token_hash: hashToken(token), case_id: l.caseId, reference_id: l.referenceId,
        workflow_id: l.workflowId, outbox_key: l.key, created_at: now, expires_at: expiresAt,
      }).execute();
      await trx.insertInto('email_outbox').values({ key: l.key, recipients: [l.email], subject: l.subject, body: text, case_id: l.caseId, created_at: now }).execute();
    });
    // The stored copy loses the token once the message is handled (email.ts redacts it).
    await deliverOutbox(db, mailer, [l.key], hooks);
    return { sent: true };
  }

  return {
    async issueReferenceLink(input: IssueReferenceLinkInput): Promise<{ sent: boolean }> {
      const first = input.applicantName.split(' ')[0];
      return issue({
        key: `${input.caseId}:${input.referenceId}:${input.kind}`, caseId: input.caseId, referenceId: input.referenceId,
        workflowId: input.workflowId ?? mentorScreeningWorkflowId(input.caseId), email: input.email, path: '/references/', validFor: input.validFor,
        subject: `[mentorflow] ${input.kind === 'reminder' ? 'Reminder: ' : ''}a reference for ${input.applicantName}`,
        body: (link, until) => [
          `Dear ${input.referenceName},`,
          '',
          input.role === 'caller'
            ? `${input.applicantName} has applied to make wellness check-in calls to young people and named you as a reference.`
            : `${input.applicantName} has applied to mentor a young person in foster care and named you as a reference.`,
          `Please tell us whether you recommend ${first}: ${link}`,
          '',
          `The link works once, until ${until}. You do not need an account.`,
        ].join('\n'),
      }, input.publicBaseUrl);
    },

    /** The volunteer's confirmation, with the one-time link to withdraw (domain.md §4). */
    async sendReferralConfirmation(input: SendReferralConfirmationInput): Promise<{ sent: boolean }> {
      return issue({
        key: `${input.caseId}:confirmation`, caseId: input.caseId, referenceId: WITHDRAW_LINK,
        workflowId: mentorReferralWorkflowId(input.caseId), email: input.email, path: '/referrals/withdraw/', validFor: input.validFor,
        subject: '[mentorflow] Thank you for offering to mentor',
        body: (link, until) => [
          `Dear ${input.name},`,
          '',
          'Thank you for offering to mentor a young person. We are passing your details to up to three mentoring',
          'programs near you; each will contact you within about a week. You do not need an account.',
          '',
          `If you change your mind, withdraw here (the link works once, until ${until}): ${link}`,
        ].join('\n'),
      }, input.publicBaseUrl);
    },
  };
}

export type ReferenceActivities = ReturnType<typeof createReferenceActivities>;
