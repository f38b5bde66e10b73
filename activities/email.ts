/**
 * The transactional e-mail outbox. A message is first written to `email_outbox` in the
 * same transaction as the state change that caused it (recordTransition), then delivered
 * by its own activity, `deliverEmails`: the row is locked, sent over SMTP and marked sent.
 * A retry finds it marked and sends nothing; a permanent SMTP refusal (5xx) is recorded
 * on the message and never retried; anything still unsent (SMTP down, a worker lost
 * mid-send) is picked up by `sweepOutbox`, which the outbox sweeper workflow runs every
 * few seconds, so nothing unsent stays unsent. What remains is the at-least-once window
 * of any SMTP outbox: a process that dies between the SMTP server's acceptance and the
 * commit of the mark sends that one message again.
 */
import type { Transporter } from 'nodemailer';
import { sql } from 'kysely';
import type { Db } from '../db';

export interface Mailer {
  /** Sends one message; resolves once the SMTP server has accepted it. */
  send(message: { messageId: string; to: string[]; subject: string; text: string }): Promise<void>;
}

export function nodemailerMailer(transport: Transporter, from: string): Mailer {
  return {
    async send({ messageId, to, subject, text }) {
      await transport.sendMail({ from, to, subject, text, messageId });
    },
  };
}

export interface OutboxHooks {
  /** Called after a message was accepted by SMTP and marked sent (tests inject faults here). */
  afterSmtpSend?: (key: string) => void | Promise<void>;
}

/** Links that carry a secret (one-time reference links): the stored copy never keeps them once handled. */
const SECRET_LINKS = /\/references\/[A-Za-z0-9_-]{16,}/g;
export const redactSecrets = (body: string): string => body.replace(SECRET_LINKS, '/references/[one-time link]');

/** An SMTP answer that retrying will not change (a 5xx reply: unknown mailbox, policy refusal). */
function permanentRefusal(err: unknown): string | undefined {
  const e = err as { responseCode?: number; response?: string; message?: string };
  return typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600
    ? `${e.responseCode} ${e.response ?? e.message ?? ''}`.slice(0, 500)
    : undefined;
}

/**
 * Delivers the given outbox messages that are not sent (nor refused) yet; returns how
 * many it sent. A transient SMTP failure is thrown (the caller retries, or the sweep).
 */
export async function deliverOutbox(db: Db, mailer: Mailer, keys: string[], hooks: OutboxHooks = {}): Promise<number> {
  let sent = 0;
  for (const key of keys) {
    const delivered = await db.transaction().execute(async (trx) => {
      // SKIP LOCKED: another worker delivering the same row right now will finish it (or,
      // if it dies, its lock goes with its connection and the sweep sends the message).
      const row = await trx
        .selectFrom('email_outbox')
        .selectAll()
        .where('key', '=', key)
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row || row.recipients.length === 0) return false;
      const messageId = `<${key.replace(/[^A-Za-z0-9.:-]/g, '_')}@mentorflow>`;
      try {
        await mailer.send({ messageId, to: row.recipients, subject: row.subject, text: row.body });
      } catch (err) {
        const refusal = permanentRefusal(err);
        if (!refusal) throw err;
        await trx.updateTable('email_outbox').set({ failed_at: new Date(), failure: refusal, body: redactSecrets(row.body) }).where('key', '=', key).execute();
        return false;
      }
      await trx
        .updateTable('email_outbox')
        .set({ sent_at: new Date(), message_id: messageId, body: redactSecrets(row.body) })
        .where('key', '=', key)
        .execute();
      return true;
    });
    if (delivered) {
      sent++;
      await hooks.afterSmtpSend?.(key);
    }
  }
  return sent;
}

export function createEmailActivities({ db, mailer, hooks }: { db: Db; mailer: Mailer; hooks?: OutboxHooks }) {
  return {
    /** Sends the outbox messages of one transition (already written by recordTransition). */
    async deliverEmails({ keys }: { keys: string[] }): Promise<{ sent: number }> {
      return { sent: await deliverOutbox(db, mailer, keys, hooks) };
    },

    /** Sends every message left unsent for longer than `olderThanSeconds`, oldest first. */
    async sweepOutbox({ olderThanSeconds, limit = 200 }: { olderThanSeconds: number; limit?: number }): Promise<{ sent: number; pending: number }> {
      const rows = await db
        .selectFrom('email_outbox')
        .select('key')
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
        .orderBy('created_at')
        .limit(limit)
        .execute();
      let sent = 0;
      for (const { key } of rows) {
        try {
          sent += await deliverOutbox(db, mailer, [key], hooks);
        } catch {
          // SMTP still unavailable: the next sweep tries again.
          break;
        }
      }
      return { sent, pending: rows.length - sent };
    },
  };
}

export type EmailActivities = ReturnType<typeof createEmailActivities>;
