/**
 * One-time links for mentor references. The token is made here, outside the workflow, so
 * it never enters workflow history; the database keeps only its SHA-256 hash, and the
 * e-mail's stored copy loses the token once sent. A retried activity finds its outbox
 * row and re-sends that message rather than minting a second link.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { BusinessCalendar, addDuration, type PolicyDuration } from '../workflows/shared/calendar';
import { mentorScreeningWorkflowId } from '../workflows/foster/mentor-screening';
import { deliverOutbox, type Mailer, type OutboxHooks } from './email';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface IssueReferenceLinkInput {
  caseId: string;
  referenceId: string;
  referenceName: string;
  email: string;
  applicantName: string;
  kind: 'request' | 'reminder';
  validFor: PolicyDuration;
  publicBaseUrl: string;
}

export function createReferenceActivities({ db, mailer, clock = () => new Date(), hooks }: { db: Db; mailer: Mailer; clock?: () => Date; hooks?: OutboxHooks }) {
  return {
    async issueReferenceLink(input: IssueReferenceLinkInput): Promise<{ sent: boolean }> {
      const key = `${input.caseId}:${input.referenceId}:${input.kind}`;
      const existing = await db.selectFrom('email_outbox').select('sent_at').where('key', '=', key).executeTakeFirst();
      if (existing) {
        if (!existing.sent_at) await deliverOutbox(db, mailer, [key], hooks);
        return { sent: true };
      }
      const token = randomBytes(32).toString('base64url');
      const now = clock();
      const expiresAt = new Date(addDuration(now.getTime(), input.validFor, new BusinessCalendar([])));
      const link = `${input.publicBaseUrl}/references/${token}`;
      const first = input.applicantName.split(' ')[0];
      const text = [
        `Dear ${input.referenceName},`,
        '',
        `${input.applicantName} has applied to mentor a young person in foster care and named you as a reference.`,
        `Please tell us whether you recommend ${first}: ${link}`,
        '',
        `The link works once, until ${expiresAt.toISOString().slice(0, 10)}. You do not need an account.`,
      ].join('\n');
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('reference_links').values({
          token_hash: hashToken(token), case_id: input.caseId, reference_id: input.referenceId,
          workflow_id: mentorScreeningWorkflowId(input.caseId), outbox_key: key, created_at: now, expires_at: expiresAt,
        }).execute();
        await trx.insertInto('email_outbox').values({
          key, recipients: [input.email], subject: `[mentorflow] ${input.kind === 'reminder' ? 'Reminder: ' : ''}a reference for ${input.applicantName}`,
          body: text, case_id: input.caseId, created_at: now,
        }).execute();
      });
      // The stored copy loses the token once the message is handled (email.ts redacts it).
      await deliverOutbox(db, mailer, [key], hooks);
      return { sent: true };
    },
  };
}

export type ReferenceActivities = ReturnType<typeof createReferenceActivities>;
