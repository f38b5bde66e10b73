/**
 * The online mentor referral (docs/processes/mentor-referral.md) through HTTP on a real Temporal dev server and
 * PostgreSQL: the directory's referral settings and filters, the public form, ranking and
 * offers, who may read the volunteer, and the report. What happens to the offers afterwards
 * (declines, enrolment, withdrawal, a program dropping out, hand placement) is in
 * referral-offers.test.ts. Each test uses a county of its own, so only its programs can
 * receive its volunteers.
 */
import { admin, staffOf } from '../../../../test/integration/fixtures';
import { as, eventually, mailbox, startStack, truncateAll, type Stack } from '../../../../test/support/stack';
import {
  confirmAddress,
  coordinator,
  referralForm,
  referralProgram,
  submitConfirmed,
  withdrawToken,
} from '../../../../test/integration/referral-fixtures';
import { county, offerTask, referralOf, type Offer, type Task } from './referral-suite';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
});
afterAll(async () => stack?.stop());

const referral = (id: string) => referralOf(stack, id);
/** A form sent and its address confirmed by the volunteer (the address-confirmation suite covers before). */
const submit = (form: ReturnType<typeof referralForm>) => submitConfirmed(stack, form);

test("settings and filters: the directory shows what volunteers look for; only the program's staff set it", async () => {
  const c = county('Alpine');
  const p = await referralProgram(stack, {
    level: 'partner',
    county: c,
    languages: ['Spanish', 'English'],
    virtual: true,
    youthAges: { min: 12, max: 18 },
  });
  const q = await referralProgram(stack, {
    level: 'affiliate',
    county: c,
    languages: ['English'],
    youthAges: { min: 6, max: 11 },
    accepting: false,
  });
  const ids = async (query: string) =>
    ((await as(stack).get(`/programs?limit=200&${query}`)).body.items as { id: string }[]).map((i) => i.id);
  expect(await ids(`county=${encodeURIComponent(c.toUpperCase())}`)).toEqual(expect.arrayContaining([p.id, q.id]));
  expect(await ids(`county=${encodeURIComponent(c)}&language=spanish`)).toEqual([p.id]);
  expect(await ids(`county=${encodeURIComponent(c)}&youthAge=8`)).toEqual([q.id]);
  expect(await ids(`county=${encodeURIComponent(c)}&accepting=true`)).toEqual([p.id]);
  expect(await ids(`county=${encodeURIComponent(c)}&virtual=true`)).toEqual([p.id]);
  const shown = (await as(stack).get(`/programs/${p.id}`)).body;
  expect(shown.referrals).toEqual({
    accepting: true,
    counties: [c],
    virtual: true,
    languages: ['Spanish', 'English'],
    youthAges: { min: 12, max: 18 },
  });

  const bad = await as(stack, p.staff).put(`/programs/${p.id}/referrals`, {
    accepting: true,
    counties: [c],
    virtual: false,
    languages: [],
    youthAges: { min: 15, max: 9 },
  });
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('body.youthAges.max');
  expect(
    (
      await as(stack, staffOf(q.id)).put(`/programs/${p.id}/referrals`, {
        accepting: false,
        counties: [],
        virtual: false,
        languages: [],
        youthAges: { min: 8, max: 9 },
      })
    ).status,
  ).toBe(404);
  expect((await as(stack).get(`/programs/${p.id}`)).body.referrals.accepting).toBe(true);
  const timeline = (await as(stack, p.staff).get(`/programs/${p.id}/timeline`)).body.items.map(
    (e: { event: string }) => e.event,
  );
  expect(timeline).toContain('referral_settings_changed');
});

test('the public form: consent required, bad input refused with nothing created; offers go to the three best-fitting eligible programs', async () => {
  const c = county('Modoc');
  const affiliate = await referralProgram(stack, { level: 'affiliate', county: c });
  const partner = await referralProgram(stack, { level: 'partner', county: c });
  const spanish = await referralProgram(stack, { level: 'affiliate', county: c, languages: ['Spanish'] });
  const associate = await referralProgram(stack, { level: 'associate_partner', county: c });
  const notMember = await referralProgram(stack, { level: 'none', county: c, languages: ['Spanish'] });
  const closed = await referralProgram(stack, {
    level: 'partner',
    county: c,
    languages: ['Spanish'],
    accepting: false,
  });
  const before = Number(
    (
      await stack.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

  const noConsent = await as(stack).post('/referrals', referralForm(c, { consentToContact: false }));
  expect(noConsent.status).toBe(422);
  expect(noConsent.body.code).toBe('no_consent');
  expect(noConsent.headers.get('content-type')).toMatch(/problem\+json/);
  const bad = await as(stack).post(
    '/referrals',
    referralForm(c, { volunteer: { ageBand: '17', email: 'nope', youthAges: { min: 3, max: 40 } } }),
  );
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
    expect.arrayContaining(['body.volunteer.ageBand', 'body.volunteer.email', 'body.volunteer.youthAges.min']),
  );
  expect(
    Number(
      (
        await stack.db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  ).toBe(before);

  const form = referralForm(c, { campaign: 'MentorsOfColor', volunteer: { languages: ['Spanish'] } });
  const created = await as(stack).post('/referrals', form, { 'Idempotency-Key': `form-${form.volunteer.email}` });
  expect(created.status).toBe(201);
  expect(Object.keys(created.body).sort()).toEqual(['id', 'stage', 'status']);
  const again = await as(stack).post('/referrals', form, { 'Idempotency-Key': `form-${form.volunteer.email}` });
  expect(again.body.id).toBe(created.body.id);
  await confirmAddress(stack, form.volunteer.email);

  const r = await referral(created.body.id);
  expect(r.volunteer.email).toBe(form.volunteer.email);
  // Language first (Spanish), then Partner before Associate Partner before Affiliate.
  expect(r.offers.map((o: Offer) => o.programId)).toEqual([spanish.id, partner.id, associate.id]);
  expect(r.offers.every((o: Offer) => o.round === 1 && o.status === 'offered')).toBe(true);
  expect(r.offers[0].reasons).toEqual(
    expect.arrayContaining([`serves ${c} County`, 'mentors in Spanish', 'Affiliate level']),
  );
  const offered = r.offers.map((o: Offer) => o.programId);
  for (const p of [affiliate, notMember, closed]) expect(offered).not.toContain(p.id);
  // The volunteer's confirmation carries the withdraw link; programs' e-mails carry no personal data.
  await withdrawToken(form.volunteer.email);
  const toProgram = await eventually(
    async () => (await mailbox(spanish.contactEmail)).find((m) => m.subject.includes('Contact a volunteer')),
    'the offer e-mail',
  );
  expect(`${toProgram.subject}${toProgram.text}`).not.toContain(form.volunteer.name);
  expect(`${toProgram.subject}${toProgram.text}`).not.toContain(form.volunteer.email);

  // Who reads the volunteer: coordinators and the referred programs' staff; an admin sees the case without them.
  expect((await as(stack, partner.staff).get(`/referrals/${r.id}`)).body.volunteer.name).toBe(form.volunteer.name);
  expect((await as(stack, affiliate.staff).get(`/referrals/${r.id}`)).status).toBe(404);
  const asAdmin = await as(stack, admin).get(`/referrals/${r.id}`);
  expect(asAdmin.status).toBe(200);
  expect(asAdmin.body.volunteer).toBeUndefined();
  expect((await as(stack, admin).get(`/cases/${r.id}`)).body.volunteer).toBeUndefined();
  expect((await as(stack).get(`/referrals/${r.id}`)).status).toBe(401);
});

test('report per campaign and county: volunteers, referred, contacted, enrolled, median days to contact; CSV too', async () => {
  const c = county('Mono');
  const p = await referralProgram(stack, { level: 'partner', county: c });
  const campaign = `Kings${Math.random().toString(36).slice(2, 6)}`;
  const first = await submit(referralForm(c, { campaign }));
  await submit(referralForm(c, { campaign }));
  await submit(referralForm(county('Nowhere'), { campaign }));
  // Sent but never confirmed: not a volunteer of the campaign.
  expect((await as(stack).post('/referrals', referralForm(c, { campaign }))).status).toBe(201);
  const t = await offerTask(stack, first, p.id);
  const contacted = await as(stack, p.staff).post(`/tasks/${t}/complete`, { outcome: 'contacted' });
  const report = contacted.body.case.openTasks.find((x: Task) => x.type === 'report_outcome');
  await as(stack, p.staff).post(`/tasks/${report.id}/complete`, { outcome: 'enrolled' });

  const byCampaign = (await as(stack, coordinator).get('/referrals/reports?groupBy=campaign')).body.items.find(
    (i: { key: string }) => i.key === campaign,
  );
  expect(byCampaign).toMatchObject({ volunteers: 3, referred: 2, contacted: 1, enrolled: 1 });
  expect(byCampaign.medianDaysToContact).toBeGreaterThanOrEqual(0);
  expect(byCampaign.medianDaysToContact).toBeLessThan(1);
  const byCounty = (await as(stack, coordinator).get('/referrals/reports?groupBy=county')).body.items.find(
    (i: { key: string }) => i.key === c,
  );
  expect(byCounty).toMatchObject({ volunteers: 2, referred: 2, contacted: 1, enrolled: 1 });
  const csv = await as(stack, admin).get('/referrals/reports?groupBy=campaign', { accept: 'text/csv' });
  expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
  expect(csv.text.split('\n')[0]).toBe('campaign,volunteers,referred,contacted,enrolled,median_days_to_contact');
  expect(csv.text).toContain(`${campaign},3,2,1,1,`);
  expect((await as(stack, p.staff).get('/referrals/reports')).status).toBe(403);
  expect((await as(stack, coordinator).get('/referrals/reports?from=2026-13-01')).status).toBe(400);
});
