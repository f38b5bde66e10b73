/**
 * What the chaos run checks once the dust settles, from the read model and the SMTP
 * catcher: every case in the state its story left it, its timeline holding each expected
 * event exactly as often as it happened, every e-mail delivered exactly once (by
 * Message-ID at the catcher), nothing left unsent, and no incident open.
 */
import { sql } from 'kysely';
import type { Db } from '../../db';
import type { CaughtMessage } from '../provision/smtp-catcher';
import type { Outcome } from './stories';

export interface Findings {
  cases: number;
  notInExpectedState: string[];
  lostEvents: number;
  duplicateEvents: number;
  /** Events missing, or present that the story did not cause, each with its story and case. */
  unexpectedEvents: string[];
  emailsSent: number;
  duplicateEmails: number;
  /** Of those, the ones whose first copy reached the catcher just as the worker was killed (RFC 1047's window). */
  duplicatesAtAKill: number;
  /** Subjects of the messages that arrived more than once, to find the path that sent them. */
  duplicated: string[];
  lostEmails: number;
  unsentEmails: number;
  openIncidents: number;
}

/** Waits (up to `ms`) for the outbox to empty: mail is its own step and may trail the cases. */
export async function settle(db: Db, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const r = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM email_outbox WHERE sent_at IS NULL AND failed_at IS NULL`
      .execute(db)
      .catch(() => undefined);
    if (r && r.rows[0].n === 0) return;
    await new Promise((res) => setTimeout(res, 1000));
  }
}

export async function check(
  db: Db,
  outcomes: Outcome[],
  messages: CaughtMessage[],
  killedAt: number[] = [],
): Promise<Findings> {
  const ids = outcomes.map((o) => o.caseId);
  const rows = ids.length
    ? await db.selectFrom('cases').select(['id', 'stage', 'status']).where('id', 'in', ids).execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const notInExpectedState = outcomes
    .filter((o) => byId.get(o.caseId)?.stage !== o.stage || byId.get(o.caseId)?.status !== o.status)
    .map((o) => `${o.story} ${o.caseId}: ${byId.get(o.caseId)?.stage ?? 'missing'}, expected ${o.stage}`);

  const counts = ids.length
    ? await db
        .selectFrom('timeline')
        .select(['case_id', 'event', (eb) => eb.fn.countAll<number>().as('n')])
        .where('case_id', 'in', ids)
        .groupBy(['case_id', 'event'])
        .execute()
    : [];
  const actual = new Map<string, Map<string, number>>();
  for (const c of counts) {
    if (!actual.has(c.case_id)) actual.set(c.case_id, new Map());
    actual.get(c.case_id)!.set(c.event, Number(c.n));
  }
  let lostEvents = 0;
  let duplicateEvents = 0;
  const unexpected = new Set<string>();
  const shown = new Set<string>();
  for (const o of outcomes) {
    const got = actual.get(o.caseId) ?? new Map<string, number>();
    if (process.env.CHAOS_SHOW_TIMELINES && !shown.has(o.story)) {
      shown.add(o.story);
      console.log(o.story, JSON.stringify(Object.fromEntries(got)));
    }
    for (const [event, n] of Object.entries(o.events)) {
      const has = got.get(event) ?? 0;
      if (has < n) {
        lostEvents += n - has;
        unexpected.add(`${o.story} ${o.caseId}: ${event} ${has} of ${n}`);
      }
      if (has > n) duplicateEvents += has - n;
    }
    for (const [event, n] of got) {
      if (!(event in o.events)) {
        duplicateEvents += n;
        unexpected.add(`${o.story}: ${event}`);
      }
    }
  }

  const received = new Map<string, number>();
  for (const m of messages)
    received.set(m.messageId ?? `no-id:${m.id}`, (received.get(m.messageId ?? `no-id:${m.id}`) ?? 0) + 1);
  const duplicateEmails = [...received.values()].reduce((a, n) => a + n - 1, 0);
  // A message the SMTP server accepted while its sender died before hearing so (the end of
  // DATA already on the wire) is sent again by the sweep: RFC 1047's duplicate window.
  const firstAt = (id: string) =>
    Math.min(...messages.filter((m) => m.messageId === id).map((m) => Date.parse(m.receivedAt)));
  const atAKill = (id: string) => killedAt.some((k) => firstAt(id) >= k - 100 && firstAt(id) <= k + 1000);
  const duplicatesAtAKill = [...received].filter(([id, n]) => n > 1 && atAKill(id)).reduce((a, [, n]) => a + n - 1, 0);
  const duplicated = [...received]
    .filter(([, n]) => n > 1)
    .map(
      ([id]) =>
        `e-mail twice: ${messages.find((m) => m.messageId === id)?.subject} ${id} at ${messages
          .filter((m) => m.messageId === id)
          .map((m) => m.receivedAt.slice(11, 23))
          .join(', ')}`,
    );
  const outbox = await db.selectFrom('email_outbox').select(['message_id', 'sent_at', 'failed_at']).execute();
  const sent = outbox.filter((m) => m.sent_at);
  const lostEmails = sent.filter((m) => !received.has(m.message_id!)).length + outbox.filter((m) => m.failed_at).length;
  const unsentEmails = outbox.filter((m) => !m.sent_at && !m.failed_at).length;
  const incidents = await db.selectFrom('incidents').select('case_id').execute();
  return {
    cases: outcomes.length,
    notInExpectedState,
    lostEvents,
    duplicateEvents,
    unexpectedEvents: [...unexpected],
    emailsSent: sent.length,
    duplicateEmails,
    duplicatesAtAKill,
    duplicated,
    lostEmails,
    unsentEmails,
    openIncidents: incidents.length,
  };
}
