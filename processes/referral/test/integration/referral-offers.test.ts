/**
 * A referral's offers after they are made (docs/processes/mentor-referral.md), through HTTP on
 * a real Temporal dev server and PostgreSQL: declines passing on, enrolment ending the other
 * offers, the volunteer's withdraw link, a program dropping below Affiliate, and placement by
 * hand. Each test uses a county of its own, so only its programs can receive its volunteers.
 */
import { admin } from '../../../../test/integration/fixtures';
import { as, eventually, mailbox, startStack, truncateAll, type Stack } from '../../../../test/support/stack';
import {
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

test('a decline passes the offer to the next ranked program; the first enrolment ends the other offers and tells their programs', async () => {
  const c = county('Sierra');
  const [a, b, d, e] = [
    await referralProgram(stack, { level: 'partner', county: c }),
    await referralProgram(stack, { level: 'associate_partner', county: c }),
    await referralProgram(stack, { level: 'affiliate', county: c }),
    await referralProgram(stack, { level: 'affiliate', county: c, youthAges: { min: 16, max: 21 } }),
  ];
  const id = await submit(referralForm(c));
  expect((await referral(id)).offers.map((o: Offer) => o.programId)).toEqual([a.id, b.id, d.id]);

  const bTask = await offerTask(stack, id, b.id);
  // Another referred program sees the case but may not act on this program's offer.
  const other = await as(stack, a.staff).post(`/tasks/${bTask}/complete`, { outcome: 'contacted' });
  expect([other.status, other.body.code]).toEqual([403, 'not_a_candidate']);
  const noReason = await as(stack, b.staff).post(`/tasks/${bTask}/complete`, { outcome: 'declined' });
  expect([noReason.status, noReason.body.code]).toEqual([422, 'reason_required']);
  const declined = await as(stack, b.staff).post(`/tasks/${bTask}/complete`, {
    outcome: 'declined',
    comment: 'No openings this term',
  });
  expect(declined.status).toBe(200);
  const afterDecline = (await referral(id)).offers as Offer[];
  expect(afterDecline.find((o) => o.programId === b.id)!.status).toBe('declined');
  expect(afterDecline.find((o) => o.programId === e.id)).toMatchObject({ round: 2, status: 'offered' });

  const aTask = await offerTask(stack, id, a.id);
  const contacted = await as(stack, a.staff).post(`/tasks/${aTask}/complete`, { outcome: 'contacted' });
  expect(contacted.body.case.stage).toBe('contacted');
  const report = contacted.body.case.openTasks.find((t: Task) => t.type === 'report_outcome');
  expect(report).toBeDefined();
  const enrolled = await as(stack, a.staff).post(`/tasks/${report.id}/complete`, { outcome: 'enrolled' });
  expect(enrolled.body.case).toMatchObject({ status: 'closed', stage: 'enrolled', openTasks: [] });
  const offers = (await referral(id)).offers as Offer[];
  expect(
    offers
      .filter((o) => o.status === 'cancelled')
      .map((o) => o.programId)
      .sort(),
  ).toEqual([d.id, e.id].sort());
  await eventually(
    async () => (await mailbox(d.contactEmail)).some((m) => m.text.includes('has ended')),
    'the other programs are told',
  );
});

test('the volunteer withdraws through the one-time link; used and unknown links are not found', async () => {
  const c = county('Inyo');
  const p = await referralProgram(stack, { level: 'affiliate', county: c });
  const form = referralForm(c);
  const id = await submit(form);
  const token = await withdrawToken(form.volunteer.email);
  const w = await as(stack).post(`/referrals/withdraw/${token}`);
  expect([w.status, w.body.status]).toEqual([200, 'withdrawn']);
  expect(await referral(id)).toMatchObject({ status: 'closed', stage: 'withdrawn', openTasks: [] });
  expect((await as(stack).post(`/referrals/withdraw/${token}`)).status).toBe(404);
  expect((await as(stack).post('/referrals/withdraw/not-a-real-token-at-all')).status).toBe(404);
  await eventually(
    async () => (await mailbox(p.contactEmail)).some((m) => m.text.includes('the volunteer withdrew')),
    'the program is told',
  );
  // The stored copy of the confirmation no longer holds the token.
  const stored = await stack.db
    .selectFrom('email_outbox')
    .select('body')
    .where('key', '=', `${id}:confirmation`)
    .executeTakeFirstOrThrow();
  expect(stored.body).not.toContain(token);
});

test('a program dropping below Affiliate loses its open offer at once; with no program left a coordinator places by hand', async () => {
  const c = county('Lassen');
  const only = await referralProgram(stack, { level: 'affiliate', county: c });
  const elsewhere = await referralProgram(stack, { level: 'partner', county: county('Plumas') });
  const form = referralForm(c);
  const id = await submit(form);
  expect((await referral(id)).offers.map((o: Offer) => o.programId)).toEqual([only.id]);

  expect(
    (await as(stack, admin).put(`/programs/${only.id}/level`, { level: 'none', note: 'Membership lapsed' })).status,
  ).toBe(200);
  const placing = await eventually(async () => {
    const r = await referral(id);
    return r.stage === 'awaiting_placement' && r;
  }, 'the referral to wait on a coordinator');
  expect(placing.offers[0]).toMatchObject({ programId: only.id, status: 'expired' });
  const place = placing.openTasks.find((t: Task) => t.type === 'place_referral');
  expect(place.candidateRoles).toEqual(['partnership_coordinator']);
  expect(placing.placeable.map((p: { programId: string }) => p.programId)).toContain(elsewhere.id);

  // The volunteer, were they staff, may not place their own referral.
  const self = await as(stack, { ...coordinator, sub: 'pc-self', email: form.volunteer.email }).post(
    `/tasks/${place.id}/complete`,
    { outcome: 'referred', data: { programIds: [elsewhere.id] } },
  );
  expect([self.status, self.body.code]).toEqual([403, 'self_approval']);
  const ineligible = await as(stack, coordinator).post(`/tasks/${place.id}/complete`, {
    outcome: 'referred',
    data: { programIds: [only.id] },
  });
  expect([ineligible.status, ineligible.body.code, ineligible.body.detail]).toEqual([
    422,
    'program_not_eligible',
    expect.stringContaining(only.id),
  ]);
  const placed = await as(stack, coordinator).post(`/tasks/${place.id}/complete`, {
    outcome: 'referred',
    data: { programIds: [elsewhere.id] },
  });
  expect(placed.status).toBe(200);
  expect(placed.body.case.stage).toBe('referring');
  expect(placed.body.case.offers.at(-1)).toMatchObject({ programId: elsewhere.id, manual: true, status: 'offered' });
});

test('a partnership coordinator picks programs by hand at any time: members that take referrals, not offered before', async () => {
  const c = county('Siskiyou');
  const offered = await referralProgram(stack, { level: 'affiliate', county: c });
  const farAway = await referralProgram(stack, { level: 'partner', county: county('Shasta') });
  const notMember = await referralProgram(stack, { level: 'none', county: c });
  const id = await submit(referralForm(c));
  const path = `/referrals/${id}/offers`;
  expect((await as(stack, offered.staff).post(path, { programIds: [farAway.id] })).status).toBe(403);
  const ineligible = await as(stack, coordinator).post(path, { programIds: [notMember.id] });
  expect([ineligible.status, ineligible.body.code]).toEqual([422, 'program_not_eligible']);
  const again = await as(stack, coordinator).post(path, { programIds: [offered.id] });
  expect([again.status, again.body.code]).toEqual([422, 'program_not_eligible']);
  const picked = await as(stack, coordinator).post(path, { programIds: [farAway.id] });
  expect(picked.status).toBe(200);
  expect(picked.body.offers.map((o: Offer) => [o.programId, o.round, o.manual ?? false])).toEqual([
    [offered.id, 1, false],
    [farAway.id, 2, true],
  ]);
  expect((await as(stack, farAway.staff).get(`/referrals/${id}`)).body.volunteer).toBeDefined();
});
