/**
 * The transactional e-mail outbox. A message is first written to `email_outbox` in the
 * same transaction as the state change that caused it (recordTransition), then delivered
 * by its own activity, `deliverEmails`: the row is claimed, sent over SMTP and marked
 * sent. A retry finds it marked and sends nothing; a permanent SMTP refusal (5xx) is
 * recorded on the message and never retried; anything still unsent (SMTP down, a worker
 * lost mid-send) is picked up by `sweepOutbox`, which the outbox sweeper workflow runs
 * every few seconds, so nothing unsent stays unsent. What remains is the at-least-once
 * window of any SMTP outbox: a process killed between the SMTP server's acceptance and
 * the write of the mark (about a millisecond) sends that one message again.
 */
import type { Transporter } from 'nodemailer';
import { sql } from 'kysely';
import type { Db } from '../../db';
import { withSubstitutes } from './absent-recipients';
import { oneTimeLinkAlternation } from '../workflow/registry';
import { languageKeys } from '../emails/recipients';

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

/** Links that carry a secret (the processes' one-time links): the stored copy never keeps them once handled. */
const SECRET_LINKS = new RegExp(`/(${oneTimeLinkAlternation()})/[A-Za-z0-9_-]{16,}`, 'g');
export const redactSecrets = (body: string): string => body.replace(SECRET_LINKS, '/$1/[one-time link]');

/** An SMTP answer that retrying will not change (a 5xx reply: unknown mailbox, policy refusal). */
function permanentRefusal(err: unknown): string | undefined {
  const e = err as { responseCode?: number; response?: string; message?: string; code?: string };
  // A refused login (535) is the server's refusal of us, not of the message: retried once fixed.
  if (e.code === 'EAUTH') return undefined;
  return typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600
    ? `${e.responseCode} ${e.response ?? e.message ?? ''}`.slice(0, 500)
    : undefined;
}

/** How long a worker holds a message while handing it to SMTP; a dead worker's claim lapses. */
const CLAIM_SECONDS = 60;
/**
 * A message SMTP did not take (a timeout, a 4xx, an address it cannot use) waits this long
 * before it is tried again, so it never stands at the head of the outbox in front of the rest.
 */
const RETRY_AFTER_SECONDS = 10;

/**
 * A write that must land once the SMTP server has answered: retried through a database
 * restart or failover (for up to a minute), since the message is out whatever happens here.
 */
async function recordAfterSmtp(write: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (let wait = 200; ; wait = Math.min(wait * 2, 5000)) {
    try {
      await write();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/**
 * Delivers the given outbox messages that are not sent (nor refused) yet; returns how
 * many it sent. Each is claimed first (so no other worker sends it meanwhile), handed to
 * SMTP outside any transaction, then marked sent. The one window left is a worker killed
 * between the SMTP server's acceptance and that mark (about a millisecond): its claim
 * lapses and the sweep sends the message again (at least once, never lost). A transient
 * SMTP failure frees the claim and is thrown (the caller retries, or the sweep).
 */
export async function deliverOutbox(db: Db, mailer: Mailer, keys: string[], hooks: OutboxHooks = {}): Promise<number> {
  let sent = 0;
  for (const key of keys) {
    // One connection held from claim to mark: the mark after SMTP's answer does not wait
    // for a free connection of a busy pool, keeping the at-least-once window small.
    if (await db.connection().execute((conn) => deliverOne(conn, db, mailer, key))) {
      sent++;
      await hooks.afterSmtpSend?.(key);
    }
  }
  return sent;
}

async function deliverOne(conn: Db, db: Db, mailer: Mailer, key: string): Promise<boolean> {
  const row = await conn
    .updateTable('email_outbox')
    .set({ claimed_until: sql<Date>`now() + make_interval(secs => ${CLAIM_SECONDS})` })
    .where('key', '=', key)
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', sql<Date>`now()`)]))
    .returningAll()
    .executeTakeFirst();
  if (!row || row.recipients.length === 0) return false;
  const messageId = `<${key.replace(/[^A-Za-z0-9.:-]/g, '_')}@mentorflow>`;
  try {
    // An absent person's substitute gets their mail too (absent-recipients.ts).
    const to = await withSubstitutes(conn, row.recipients);
    await mailer.send({ messageId, to, subject: row.subject, text: row.body });
  } catch (err) {
    const refusal = permanentRefusal(err);
    if (refusal) {
      await recordAfterSmtp(() =>
        db
          .updateTable('email_outbox')
          .set({ failed_at: new Date(), failure: refusal, body: redactSecrets(row.body), claimed_until: null })
          .where('key', '=', key)
          .execute(),
      );
      return false;
    }
    await db
      .updateTable('email_outbox')
      .set({ claimed_until: sql<Date>`now() + make_interval(secs => ${RETRY_AFTER_SECONDS})` })
      .where('key', '=', key)
      .execute()
      .catch(() => undefined);
    throw err;
  }
  const mark = (on: Db) =>
    on
      .updateTable('email_outbox')
      .set({ sent_at: new Date(), message_id: messageId, body: redactSecrets(row.body), claimed_until: null })
      .where('key', '=', key)
      .execute();
  // On the held connection first; if that one is gone (a restart), through the pool until it lands.
  await mark(conn).catch(() => recordAfterSmtp(() => mark(db)));
  return true;
}

/**
 * Keys of the messages waiting to be sent that nobody holds, oldest first; with
 * `olderThanSeconds`, only those written at least that long ago (the sweeper's).
 */
export async function waitingMessageKeys(db: Db, limit: number, olderThanSeconds = 0): Promise<string[]> {
  const rows = await db
    .selectFrom('email_outbox')
    .select('key')
    .where('sent_at', 'is', null)
    .where('failed_at', 'is', null)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', sql<Date>`now()`)]))
    .where(sql<boolean>`cardinality(recipients) > 0`)
    .$if(olderThanSeconds > 0, (q) =>
      q.where('created_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`),
    )
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.key);
}

export function createEmailActivities({ db, mailer, hooks }: { db: Db; mailer: Mailer; hooks?: OutboxHooks }) {
  return {
    /**
     * Sends the outbox messages of one transition (already written by recordTransition),
     * with their copies for recipients of another language (platform/emails/recipients.ts).
     */
    async deliverEmails({ keys }: { keys: string[] }): Promise<{ sent: number }> {
      const copyKeys = languageKeys(keys).filter((k) => !keys.includes(k));
      const copies = copyKeys.length
        ? await db.selectFrom('email_outbox').select('key').where('key', 'in', copyKeys).execute()
        : [];
      return { sent: await deliverOutbox(db, mailer, [...keys, ...copies.map((r) => r.key)], hooks) };
    },

    /** Sends every message left unsent for longer than `olderThanSeconds`, oldest first. */
    async sweepOutbox({
      olderThanSeconds,
      limit = 200,
    }: {
      olderThanSeconds: number;
      limit?: number;
    }): Promise<{ sent: number; pending: number }> {
      const keys = await waitingMessageKeys(db, limit, olderThanSeconds);
      let sent = 0;
      let failedInARow = 0;
      for (const key of keys) {
        try {
          sent += await deliverOutbox(db, mailer, [key], hooks);
          failedInARow = 0;
        } catch {
          // One message SMTP will not take is passed over; three in a row, SMTP is down: the next sweep tries.
          if (++failedInARow >= 3) break;
        }
      }
      return { sent, pending: keys.length - sent };
    },
  };
}

export type EmailActivities = ReturnType<typeof createEmailActivities>;
