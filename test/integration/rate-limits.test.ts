/**
 * Rate-limit keys as an attacker pushes on them, over HTTP against the real product
 * behind one proxy hop (TRUST_PROXY=1; the test's connections come from 127.0.0.1, the
 * proxy's address): rotating the left-most X-Forwarded-For entries does not escape the
 * limit; two clients the proxy names differently count apart; IPv6 addresses count per
 * /64; failed one-time-link look-ups hit their own, tighter limit without slowing anyone
 * opening a valid link. The counts live in PostgreSQL, as for every API process.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../platform/api/app';
import { loadConfig } from '../../lib/config';
import { as, JWT_SECRET, startStack, type Stack } from '../support/stack';
import { cw1, mentorApplication, referenceToken } from './foster-fixtures';
import { referralForm } from './referral-fixtures';

let stack: Stack;
let server: Server;
let site = '';
const PUBLIC_PER_MINUTE = 8;
const LINK_FAILURES = 3;
const FORMS_PER_HOUR = 2;
// Unique addresses per run (documentation ranges): counts are shared through the database.
const run = randomBytes(2).readUInt16BE() % 250;
const v4 = (n: number) => `198.51.${run}.${n}`;
const v6 = (net: number, host: string) => `2001:db8:${run.toString(16)}:${net.toString(16)}::${host}`;

beforeAll(async () => {
  stack = await startStack();
  const config = loadConfig({
    TRUST_PROXY: '1',
    RATE_LIMIT_PUBLIC_PER_MINUTE: String(PUBLIC_PER_MINUTE),
    RATE_LIMIT_LINK_FAILURES: String(LINK_FAILURES),
    RATE_LIMIT_FORMS_PER_HOUR: String(FORMS_PER_HOUR),
    AUTH_JWT_SECRET: JWT_SECRET,
    DATABASE_URL: 'postgres://u@127.0.0.1/db',
  });
  const app = createApp({
    db: stack.db,
    temporal: stack.client,
    policy: stack.policy,
    auth: { hsSecret: JWT_SECRET },
    taskQueue: stack.taskQueue,
    log: () => undefined,
    rateLimit: config.rateLimit,
    trustProxy: config.trustProxy,
  });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await stack?.stop();
});

/** A request as the proxy forwards it: whatever the client sent, then the address the proxy saw. */
const viaProxy = (path: string, client: string, sent?: string, init: RequestInit = {}) =>
  fetch(`${site}${path}`, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), 'x-forwarded-for': sent ? `${sent}, ${client}` : client },
  });

/** Statuses of n public requests (GET /ready, a public endpoint) from one client. */
async function publicStatuses(n: number, client: string, rotate = false): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++)
    statuses.push((await viaProxy('/ready', client, rotate ? `10.${i}.${i}.${i}, 203.0.113.${i}` : undefined)).status);
  return statuses;
}

const limited = (statuses: number[]) => statuses.filter((s) => s === 429).length;

test('a client rotating its own X-Forwarded-For entries does not escape the limit', async () => {
  const statuses = await publicStatuses(PUBLIC_PER_MINUTE + 3, v4(1), true);
  expect(statuses.slice(0, PUBLIC_PER_MINUTE)).toEqual(Array(PUBLIC_PER_MINUTE).fill(200));
  expect(statuses.slice(PUBLIC_PER_MINUTE)).toEqual([429, 429, 429]);
  const res = await viaProxy('/ready', v4(1), '192.0.2.99');
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(await res.json()).toMatchObject({ status: 429, code: 'rate_limited' });
});

test('two clients behind the proxy have their own buckets', async () => {
  expect(limited(await publicStatuses(PUBLIC_PER_MINUTE + 2, v4(2)))).toBe(2);
  expect(await publicStatuses(PUBLIC_PER_MINUTE, v4(3))).toEqual(Array(PUBLIC_PER_MINUTE).fill(200));
  // An IPv4-mapped IPv6 address is the IPv4 client it maps.
  expect((await viaProxy('/ready', `::ffff:${v4(2)}`)).status).toBe(429);
});

test('IPv6 addresses of one /64 share a bucket; the next /64 has its own', async () => {
  const hosts = ['1', '2', 'abcd:1', 'ffff:ffff:fffe', '9', '10', '11', '12', 'a', 'b'];
  const statuses: number[] = [];
  for (const h of hosts) statuses.push((await viaProxy('/ready', v6(1, h))).status);
  expect(statuses).toEqual([...Array(PUBLIC_PER_MINUTE).fill(200), 429, 429]);
  expect((await viaProxy('/ready', v6(2, '1'))).status).toBe(200);
});

test("failed one-time-link look-ups hit a tighter limit; valid links are unaffected by others' failures", async () => {
  // A real reference link: a mentor application e-mails its references.
  const application = mentorApplication();
  expect((await as(stack, cw1).post('/foster/mentors', application)).status).toBe(201);
  const valid = await referenceToken(application.references[0].email);

  const prober = v4(10);
  const guess = () => randomBytes(32).toString('base64url');
  const misses: number[] = [];
  for (let i = 0; i < LINK_FAILURES; i++) {
    // Pages and API alike count: the reference page, its API, the volunteer's withdraw link.
    const post = (body: unknown) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const [path, init] = (
      [
        [`/references/${guess()}`, {}],
        [`/api/v1/foster/references/${guess()}`, post({ recommendation: 'yes' })],
        [`/api/v1/referrals/withdraw/${guess()}`, post({})],
      ] as const
    )[i % 3];
    misses.push((await viaProxy(path, prober, undefined, init)).status);
  }
  expect(misses).toEqual(Array(LINK_FAILURES).fill(404));
  const blocked = await viaProxy(`/references/${guess()}`, prober);
  expect(blocked.status).toBe(429);
  expect(blocked.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(await blocked.json()).toMatchObject({ status: 429, code: 'rate_limited' });
  // The prober is not answered even for a real link now (it cannot test its guesses)...
  expect((await viaProxy(`/references/${valid}`, prober)).status).toBe(429);
  // ...while its other requests still go through, under the ordinary public limit.
  expect((await viaProxy('/ready', prober)).status).toBe(200);

  // Someone else opens their valid link, again and again: never slowed (successes do not count).
  const opened: number[] = [];
  for (let i = 0; i < LINK_FAILURES + 2; i++) opened.push((await viaProxy(`/references/${valid}`, v4(11))).status);
  expect(opened).toEqual(Array(LINK_FAILURES + 2).fill(200));
  expect((await viaProxy(`/references/${guess()}`, v4(11))).status).toBe(404);

  // Spelling the path in capitals reaches the same routes, and counts the same.
  const shouter = v4(12);
  const shouted: number[] = [];
  for (let i = 0; i < LINK_FAILURES + 1; i++) shouted.push((await viaProxy(`/REFERENCES/${guess()}`, shouter)).status);
  expect(shouted).toEqual([...Array(LINK_FAILURES).fill(404), 429]);
});

test('one client sends only a few volunteer forms an hour, whatever addresses it types', async () => {
  const client = v4(20);
  const statuses: number[] = [];
  for (let i = 0; i < FORMS_PER_HOUR + 2; i++) {
    const body = JSON.stringify({ ...referralForm('Yolo'), consentToContact: true });
    statuses.push(
      (
        await viaProxy(i % 2 ? '/API/V1/referrals' : '/api/v1/referrals', client, undefined, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        })
      ).status,
    );
  }
  expect(statuses).toEqual([...Array(FORMS_PER_HOUR).fill(201), 429, 429]);
});
