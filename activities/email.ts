/**
 * The transactional e-mail outbox. A message is first written to `email_outbox` in the
 * same transaction as the state change that caused it (keyed, so a retried activity
 * writes it once), then delivered: the row is locked, sent over SMTP and marked sent.
 * A retry finds it marked and sends nothing. What remains is the unavoidable
 * at-least-once window of any SMTP outbox: a process that dies between the SMTP server's
 * acceptance and the commit of the mark sends that one message again on retry.
 */
import type { Transporter } from 'nodemailer';
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

/**
 * Delivers the given outbox messages that are not sent yet; returns how many it sent.
 * `redact` maps a key to a secret (a one-time link's token) removed from the stored body
 * in the same transaction that marks the message sent.
 */
export async function deliverOutbox(db: Db, mailer: Mailer, keys: string[], hooks: OutboxHooks = {}, redact: Record<string, string> = {}): Promise<number> {
  let sent = 0;
  for (const key of keys) {
    const delivered = await db.transaction().execute(async (trx) => {
      // SKIP LOCKED: another worker delivering the same row right now will finish it.
      const row = await trx
        .selectFrom('email_outbox')
        .selectAll()
        .where('key', '=', key)
        .where('sent_at', 'is', null)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!row || row.recipients.length === 0) return false;
      const messageId = `<${key.replace(/[^A-Za-z0-9.:-]/g, '_')}@mentorflow>`;
      await mailer.send({ messageId, to: row.recipients, subject: row.subject, text: row.body });
      const secret = redact[key];
      await trx
        .updateTable('email_outbox')
        .set({ sent_at: new Date(), message_id: messageId, ...(secret ? { body: row.body.split(secret).join('[one-time link]') } : {}) })
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
