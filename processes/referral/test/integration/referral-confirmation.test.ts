/**
 * The public volunteer form cannot be turned on others (docs/processes/mentor-referral.md), through HTTP on a real Temporal dev server and PostgreSQL: until the
 * volunteer opens the e-mailed one-time link and presses its button, no program hears of
 * the referral; the e-mail to the typed address repeats nothing the public typed; one
 * address may start only a few referrals. Each test uses a county of its own.
 */
import { as, eventually, mailbox, startStack, truncateAll, type Stack } from '../../../../test/support/stack';
import {
  confirmationMail,
  confirmToken,
  coordinator,
  referralForm,
  referralProgram,
  withdrawToken,
} from '../../../../test/integration/referral-fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
});
afterAll(async () => stack?.stop());

const county = (name: string) => `${name} ${Math.random().toString(36).slice(2, 6)}`;
const referral = async (id: string) => (await as(stack, coordinator).get(`/referrals/${id}`)).body;
const tasksOf = async (id: string) =>
  stack.db.selectFrom('tasks').select(['type', 'status']).where('case_id', '=', id).execute();
const caseCount = async () =>
  Number(
    (
      await stack.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
/** What programs were sent about referrals (their registration mail aside). */
const referralMail = async (to: string) =>
  (await mailbox(to)).filter((m) => /referral|volunteer/i.test(m.subject + m.text));
const page = (path: string, init?: RequestInit) => fetch(`${stack.baseUrl}${path}`, { redirect: 'manual', ...init });

test('until the address is confirmed no program hears of the referral; the e-mail repeats nothing typed; the link works once', async () => {
  const c = county('Napa');
  const p = await referralProgram(stack, { level: 'partner', county: c });
  const hostile = 'Urgent: verify at https://evil.example';
  const form = referralForm(c, {
    campaign: 'ClickHere_evil',
    volunteer: { name: hostile, interests: ['see https://evil.example/x'] },
  });
  const created = await as(stack).post('/referrals', form);
  expect([created.status, created.body.stage]).toEqual([201, 'unconfirmed']);
  const id = created.body.id as string;

  // The volunteer's e-mail: fixed wording, the links and the case reference only.
  const mail = await confirmationMail(form.volunteer.email);
  const all = `${mail.subject}\n${mail.text}`;
  for (const typed of [hostile, 'evil.example', 'ClickHere_evil', form.volunteer.phone, c])
    expect(all).not.toContain(typed);
  expect(all).toContain(id.slice(0, 8));
  const token = await confirmToken(form.volunteer.email);
  expect(mail.text).toContain(`${stack.policy.publicBaseUrl}/referrals/confirm/${token}`);
  expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  const stored = await stack.db
    .selectFrom('email_outbox')
    .select('body')
    .where('key', '=', `${id}:confirmation`)
    .executeTakeFirstOrThrow();
  expect(stored.body).not.toContain(token);
  expect(stored.body).toContain('/referrals/confirm/[one-time link]');
  const link = await stack.db
    .selectFrom('reference_links')
    .selectAll()
    .where('case_id', '=', id)
    .where('reference_id', '=', 'confirm')
    .executeTakeFirstOrThrow();
  expect(link.token_hash).not.toContain(token);
  expect(Date.parse(String(link.expires_at)) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
  expect(Date.parse(String(link.expires_at)) - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);

  // Nothing offered, no task, no program e-mail; a coordinator cannot offer it by hand either.
  expect(await referral(id)).toMatchObject({ status: 'open', stage: 'unconfirmed', offers: [], openTasks: [] });
  expect(await tasksOf(id)).toEqual([]);
  const byHand = await as(stack, coordinator).post(`/referrals/${id}/offers`, { programIds: [p.id] });
  expect([byHand.status, byHand.body.code]).toEqual([422, 'address_unconfirmed']);

  // Opening the link shows one button and changes nothing (a mail scanner may open it).
  const shown = await page(`/referrals/confirm/${token}`);
  const html = await shown.text();
  expect(shown.status).toBe(200);
  expect(html.match(/<main>/g)).toHaveLength(1);
  expect(html.match(/<button type="submit">/g)).toHaveLength(1);
  expect(html).not.toContain('<script');
  expect(await referral(id)).toMatchObject({ stage: 'unconfirmed', offers: [] });
  expect(await referralMail(p.contactEmail)).toEqual([]);

  // The button: the offers start and the program's task opens.
  const confirmed = await as(stack).post(`/referrals/confirm/${token}`);
  expect([confirmed.status, confirmed.body.status]).toEqual([200, 'confirmed']);
  const r = await referral(id);
  expect(r.stage).toBe('referring');
  expect(r.offers.map((o: { programId: string; status: string }) => [o.programId, o.status])).toEqual([
    [p.id, 'offered'],
  ]);
  expect(await tasksOf(id)).toEqual([{ type: 'contact_volunteer', status: 'open' }]);
  const offerMail = await eventually(
    async () => (await referralMail(p.contactEmail)).find((m) => m.subject.includes('Contact a volunteer')),
    'the offer e-mail',
  );
  expect(`${offerMail.subject}${offerMail.text}`).not.toContain('evil.example');

  // Used, unknown: 404 problem+json, and the page's own form answers with a friendly page.
  const again = await as(stack).post(`/referrals/confirm/${token}`);
  expect([again.status, again.headers.get('content-type')]).toEqual([404, expect.stringMatching(/problem\+json/)]);
  expect((await as(stack).post('/referrals/confirm/not-a-real-token-at-all')).status).toBe(404);
  const usedPage = await page(`/referrals/confirm/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
  expect(usedPage.status).toBe(404);
  expect(await usedPage.text()).toContain('<h1>Link not valid</h1>');
  expect((await page(`/referrals/confirm/${token}`)).status).toBe(404);
  expect((await tasksOf(id)).length).toBe(1);
});

test("the page's button confirms without JavaScript", async () => {
  const c = county('Sonoma');
  const p = await referralProgram(stack, { level: 'affiliate', county: c });
  const form = referralForm(c);
  const id = (await as(stack).post('/referrals', form)).body.id as string;
  const token = await confirmToken(form.volunteer.email);
  const posted = await page(`/referrals/confirm/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
  expect(posted.status).toBe(200);
  expect(await posted.text()).toContain('<h1>Thank you</h1>');
  expect((await referral(id)).offers.map((o: { programId: string }) => o.programId)).toEqual([p.id]);
});

test("a volunteer's links are never a reference's: used at the reference page they are simply not found", async () => {
  const form = referralForm(county('Napa'));
  const id = (await as(stack).post('/referrals', form)).body.id as string;
  for (const token of [await confirmToken(form.volunteer.email), await withdrawToken(form.volunteer.email)]) {
    expect((await page(`/references/${token}`)).status).toBe(404);
    expect((await as(stack).post(`/foster/references/${token}`, { recommendation: 'yes' })).status).toBe(404);
  }
  expect(await referral(id)).toMatchObject({ stage: 'unconfirmed' });
});

test('a volunteer may withdraw before confirming: nothing reaches a program, the confirm link is dead', async () => {
  const c = county('Marin');
  const p = await referralProgram(stack, { level: 'partner', county: c });
  const form = referralForm(c);
  const id = (await as(stack).post('/referrals', form)).body.id as string;
  const w = await as(stack).post(`/referrals/withdraw/${await withdrawToken(form.volunteer.email)}`);
  expect([w.status, w.body.status]).toEqual([200, 'withdrawn']);
  expect(await referral(id)).toMatchObject({ status: 'closed', stage: 'withdrawn', offers: [] });
  expect((await as(stack).post(`/referrals/confirm/${await confirmToken(form.volunteer.email)}`)).status).toBe(404);
  expect(await tasksOf(id)).toEqual([]);
  expect(await referralMail(p.contactEmail)).toEqual([]);
});

test('one address: one referral waiting on confirmation, three a day; 429 creates nothing; compared trimmed and lower-case', async () => {
  const c = county('Lake');
  await referralProgram(stack, { level: 'affiliate', county: c });
  const base = referralForm(c);
  const address = base.volunteer.email as string;
  const as429 = async (email: string) => {
    const before = await caseCount();
    const r = await as(stack).post('/referrals', referralForm(c, { volunteer: { email } }));
    expect([r.status, r.body.code, r.headers.get('content-type')]).toEqual([
      429,
      'address_rate_limited',
      expect.stringMatching(/problem\+json/),
    ]);
    expect(await caseCount()).toBe(before);
  };
  // Mail to the address however it was written.
  const mine = async () => (await mailbox()).filter((m) => m.to.some((t) => t.toLowerCase() === address));
  const confirmLatest = async () => {
    const mails = (await mine()).filter((m) => m.subject.includes('confirm your e-mail address'));
    const token = /\/referrals\/confirm\/([A-Za-z0-9_-]+)/.exec(mails.at(-1)!.text)![1];
    expect((await as(stack).post(`/referrals/confirm/${token}`)).status).toBe(200);
  };
  const mailsTo = async () => (await mine()).length;

  expect((await as(stack).post('/referrals', base)).status).toBe(201);
  await confirmationMail(address);
  // A second while the first waits on confirmation: refused, however the address is written; no e-mail.
  await as429(`  ${address.toUpperCase()}`);
  expect(await mailsTo()).toBe(1);
  await confirmLatest();
  for (let n = 2; n <= 3; n++) {
    const r = await as(stack).post('/referrals', referralForm(c, { volunteer: { email: address.toUpperCase() } }));
    expect([n, r.status]).toEqual([n, 201]);
    await eventually(async () => (await mailsTo()) === n, `e-mail ${n}`);
    await confirmLatest();
  }
  // The fourth in 24 hours: refused although none waits on confirmation.
  await as429(address);
  expect(await mailsTo()).toBe(3);
  // Another address is not held up.
  expect((await as(stack).post('/referrals', referralForm(c))).status).toBe(201);
});
