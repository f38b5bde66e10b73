/**
 * The mail worker's outbox relay (platform/activities/outbox-relay.ts) on the real database
 * and a real SMTP server: what a transition wrote to the outbox is sent without any delivery
 * step asked by a workflow; two mail workers relaying the same outbox send each message once;
 * a message SMTP will not take does not hold up the ones behind it; with SMTP down nothing is
 * lost, and each message arrives once after it is back.
 */
import { randomUUID } from 'node:crypto';
import { createDb, type Db } from '../../db';
import { smtpMailer } from '../../lib/worker';
import { startOutboxRelay, type OutboxRelay } from '../../platform/activities/outbox-relay';
import { startSmtpCatcher, type SmtpCatcher } from '../../scripts/provision/smtp-catcher';
import { eventually } from '../support/stack';

let db: Db;
const relays: OutboxRelay[] = [];
const catchers: SmtpCatcher[] = [];

beforeAll(() => {
  db = createDb(process.env.TEST_DATABASE_URL!, 8);
});
afterEach(async () => {
  await Promise.all(relays.splice(0).map((r) => r.stop()));
  await Promise.all(catchers.splice(0).map((c) => c.close()));
});
afterAll(async () => db?.destroy());

/** Writes `n` messages to the outbox as a transition would; returns their keys. */
async function written(n: number): Promise<string[]> {
  const prefix = `relay-${randomUUID()}`;
  const keys = Array.from({ length: n }, (_, i) => `${prefix}:${i}`);
  await db
    .insertInto('email_outbox')
    .values(
      keys.map((key) => ({
        key,
        recipients: ['person@example.org'],
        subject: key,
        body: `Body of ${key}`,
        created_at: new Date(),
      })),
    )
    .execute();
  return keys;
}

const caughtTimes = (catcher: SmtpCatcher, key: string) => catcher.messages.filter((m) => m.subject === key).length;

test('two mail workers relay one outbox: every message arrives exactly once and is marked sent', async () => {
  const catcher = await startSmtpCatcher({ smtpPort: 0, webPort: 0 });
  catchers.push(catcher);
  const mailer = smtpMailer(`smtp://127.0.0.1:${catcher.smtpPort}`, 'mentorflow@example.org');
  relays.push(startOutboxRelay({ db, mailer, batch: 7 }), startOutboxRelay({ db, mailer, batch: 5 }));
  const keys = await written(60);
  await eventually(
    async () => keys.every((k) => caughtTimes(catcher, k) >= 1),
    'every message at the SMTP server',
    30_000,
  );
  // A moment for a second copy, were two workers to send one message.
  await new Promise((r) => setTimeout(r, 1_000));
  expect(keys.filter((k) => caughtTimes(catcher, k) !== 1)).toEqual([]);
  const unsent = await db
    .selectFrom('email_outbox')
    .select('key')
    .where('key', 'in', keys)
    .where('sent_at', 'is', null);
  expect(await unsent.execute()).toEqual([]);
});

test('a message SMTP will not take stands first in line: the messages behind it still go out', async () => {
  const catcher = await startSmtpCatcher({ smtpPort: 0, webPort: 0 });
  catchers.push(catcher);
  const mailer = smtpMailer(`smtp://127.0.0.1:${catcher.smtpPort}`, 'mentorflow@example.org');
  const bad = `relay-bad-${randomUUID()}`;
  // An address SMTP cannot be given (no domain): the send fails without a permanent refusal.
  await db
    .insertInto('email_outbox')
    .values({ key: bad, recipients: ['not-an-address'], subject: bad, body: 'x', created_at: new Date(0) })
    .execute();
  const keys = await written(12);
  relays.push(startOutboxRelay({ db, mailer, batch: 4, parallel: 1 }));
  await eventually(async () => keys.every((k) => caughtTimes(catcher, k) >= 1), 'the messages behind it', 20_000);
  const row = await db.selectFrom('email_outbox').selectAll().where('key', '=', bad).executeTakeFirstOrThrow();
  // Not sent, not given up: held a while, then tried again.
  expect(row).toMatchObject({ sent_at: null, failed_at: null });
  await db.deleteFrom('email_outbox').where('key', '=', bad).execute();
});

test('with SMTP down nothing is lost: each message arrives once after it is back', async () => {
  const first = await startSmtpCatcher({ smtpPort: 0, webPort: 0 });
  const port = first.smtpPort;
  await first.close();
  const mailer = smtpMailer(`smtp://127.0.0.1:${port}`, 'mentorflow@example.org');
  relays.push(startOutboxRelay({ db, mailer }));
  const keys = await written(5);
  // Down for a while: the relay tries, fails, and backs off; nothing is marked sent.
  await new Promise((r) => setTimeout(r, 2_500));
  const sent = await db
    .selectFrom('email_outbox')
    .select('key')
    .where('key', 'in', keys)
    .where('sent_at', 'is not', null);
  expect(await sent.execute()).toEqual([]);
  const back = await startSmtpCatcher({ smtpPort: port, webPort: 0 });
  catchers.push(back);
  await eventually(
    async () => keys.every((k) => caughtTimes(back, k) >= 1),
    'every message after SMTP is back',
    40_000,
  );
  await new Promise((r) => setTimeout(r, 1_000));
  expect(keys.map((k) => caughtTimes(back, k))).toEqual(keys.map(() => 1));
});
