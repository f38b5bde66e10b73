/**
 * The online referral's clocks with their real policy durations, on the time-skipping
 * server: a program has 5 business days to contact the volunteer (a reminder the day
 * before), then the offer passes to the next ranked program — for at most 3 rounds, after
 * which a partnership coordinator places the referral by hand; a program that made contact
 * reports the outcome within 60 days, or the task escalates to the coordinators. A
 * referral whose address is never confirmed lapses after 7 days, with nothing sent to programs.
 */
import { as, eventually, mailbox, type Stack } from '../../../../test/support/stack';
import { useTimeSkipping, type TimeSkipping } from '../../../../test/support/time-skipping';
import {
  confirmToken,
  coordinator,
  referralForm,
  referralProgram,
  submitConfirmed,
  type TestProgram,
} from '../../../../test/integration/referral-fixtures';
import { actedBy } from '../../../../test/support/deadlines';

let ts: TimeSkipping;
let stack: Stack;
useTimeSkipping((t) => {
  ts = t;
  stack = t.stack;
});

type Offer = { programId: string; round: number; status: string; dueAt: string };
const HOUR = 3_600_000;
const referral = async (id: string) => (await as(stack, coordinator).get(`/referrals/${id}`)).body;

test('not contacted in 5 business days the offer passes on, for 3 rounds; then a coordinator places it', async () => {
  const county = `Trinity ${Math.random().toString(36).slice(2, 6)}`;
  const programs: TestProgram[] = [];
  for (let i = 0; i < 10; i++) programs.push(await referralProgram(stack, { level: 'affiliate', county }));
  const id = await submitConfirmed(stack, referralForm(county));

  const first = (await referral(id)).offers as Offer[];
  expect(first).toHaveLength(3);
  const due = Date.parse(first[0].dueAt);
  // Five business days (weekends and state holidays skipped): never less than 5 calendar days.
  expect(due - (await ts.now())).toBeGreaterThanOrEqual(5 * 24 * HOUR - HOUR);
  await ts.skipTo(due - 2 * HOUR);
  expect(((await referral(id)).offers as Offer[]).every((o) => o.status === 'offered')).toBe(true);
  await eventually(
    async () =>
      (await mailbox(programs.find((p) => p.id === first[0].programId)!.contactEmail)).some((m) =>
        m.subject.includes('Reminder'),
      ),
    'the reminder the day before',
  );

  await ts.skipTo(actedBy(due));
  const second = await eventually(async () => {
    const offers = (await referral(id)).offers as Offer[];
    return offers.filter((o) => o.round === 2).length === 3 && offers;
  }, 'round 2');
  expect(second.filter((o) => o.round === 1).map((o) => o.status)).toEqual(['expired', 'expired', 'expired']);
  await eventually(
    async () =>
      (await mailbox(programs.find((p) => p.id === first[0].programId)!.contactEmail)).some((m) =>
        m.text.includes('passed to another program'),
      ),
    'the expired program is told',
  );

  await ts.skipTo(actedBy(Math.max(...second.filter((o) => o.round === 2).map((o) => Date.parse(o.dueAt)))));
  const third = await eventually(async () => {
    const offers = (await referral(id)).offers as Offer[];
    return offers.filter((o) => o.round === 3).length === 3 && offers;
  }, 'round 3');
  await ts.skipTo(actedBy(Math.max(...third.filter((o) => o.round === 3).map((o) => Date.parse(o.dueAt)))));
  const placing = await eventually(async () => {
    const r = await referral(id);
    return r.stage === 'awaiting_placement' && r;
  }, 'the coordinator task');
  // Nine programs had their three rounds; the tenth was never offered, and is the coordinator's to pick.
  expect((placing.offers as Offer[]).filter((o) => o.status === 'expired')).toHaveLength(9);
  const never = programs.find((p) => !(placing.offers as Offer[]).some((o) => o.programId === p.id))!;
  expect(placing.placeable.map((p: { programId: string }) => p.programId)).toContain(never.id);
  const task = placing.openTasks.find((t: { type: string }) => t.type === 'place_referral');
  const placed = await as(stack, coordinator).post(`/tasks/${task.id}/complete`, {
    outcome: 'referred',
    data: { programIds: [never.id] },
  });
  expect(placed.status).toBe(200);
  expect(placed.body.case.offers.at(-1)).toMatchObject({
    programId: never.id,
    status: 'offered',
    manual: true,
    round: 4,
  });
});

test('an outcome not reported within 60 days escalates to the partnership coordinators', async () => {
  const county = `Colusa ${Math.random().toString(36).slice(2, 6)}`;
  const p = await referralProgram(stack, { level: 'partner', county });
  const id = await submitConfirmed(stack, referralForm(county));
  const contact = (await referral(id)).openTasks.find((t: { type: string }) => t.type === 'contact_volunteer');
  const contacted = await as(stack, p.staff).post(`/tasks/${contact.id}/complete`, { outcome: 'contacted' });
  const report = contacted.body.case.openTasks.find((t: { type: string }) => t.type === 'report_outcome');
  expect(Date.parse(report.dueAt) - (await ts.now())).toBeGreaterThan(59 * 24 * HOUR);
  await ts.skipTo(actedBy(Date.parse(report.dueAt)));
  expect((await as(stack, coordinator).get(`/tasks/${report.id}`)).body.escalated).toBe(true);
  await eventually(
    async () =>
      (await mailbox('partnership@mentorflow.local')).some(
        (m) => m.subject.includes('Overdue') && m.text.includes(report.id),
      ),
    'the escalation e-mail',
  );
  // Still the program's to report; the referral stays open meanwhile.
  const late = await as(stack, p.staff).post(`/tasks/${report.id}/complete`, {
    outcome: 'not_a_fit',
    comment: 'Schedules never lined up',
  });
  expect(late.status).toBe(200);
  expect(late.body.case.stage).toBe('awaiting_placement');
});

test('a referral whose address is never confirmed lapses after 7 days: no program hears of it', async () => {
  const county = `Glenn ${Math.random().toString(36).slice(2, 6)}`;
  const p = await referralProgram(stack, { level: 'partner', county });
  const form = referralForm(county);
  const created = await as(stack).post('/referrals', form);
  expect([created.status, created.body.stage]).toEqual([201, 'unconfirmed']);
  const token = await confirmToken(form.volunteer.email);
  const start = await ts.now();
  await ts.skipTo(start + 6 * 24 * HOUR);
  expect(await referral(created.body.id)).toMatchObject({ status: 'open', stage: 'unconfirmed', offers: [] });
  await ts.skipTo(start + 7 * 24 * HOUR);
  const lapsed = await eventually(async () => {
    const r = await referral(created.body.id);
    return r.stage === 'lapsed' && r;
  }, 'the referral to lapse');
  expect(lapsed).toMatchObject({ status: 'closed', stage: 'lapsed', offers: [], openTasks: [] });
  const timeline = (await as(stack, coordinator).get(`/cases/${created.body.id}/timeline`)).body.items.map(
    (e: { event: string }) => e.event,
  );
  expect(timeline).toContain('referral_lapsed');
  // Nothing was sent to programs, and the link no longer confirms anything.
  expect(await stack.db.selectFrom('tasks').select('id').where('case_id', '=', created.body.id).execute()).toEqual([]);
  expect((await mailbox(p.contactEmail)).filter((m) => /referral|volunteer/i.test(m.subject + m.text))).toEqual([]);
  const late = await as(stack).post(`/referrals/confirm/${token}`);
  expect([late.status, late.headers.get('content-type')]).toEqual([404, expect.stringMatching(/problem\+json/)]);
  expect((await referral(created.body.id)).offers).toEqual([]);
});
