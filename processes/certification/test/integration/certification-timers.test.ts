/**
 * The certification clocks with their real policy durations on the time-skipping server:
 * the 4-month Associate Partner window (reminders 30 and 7 days before), and a 3-year
 * certificate (renewal reminders 90 and 30 days before expiry, expiry, renewal).
 */
import { addDays, laStartOfDay } from '../../../../platform/workflow/calendar';
import { allYesOfCase } from './case-questions';
import { as, eventually, mailbox, type Stack } from '../../../../test/support/stack';
import { useTimeSkipping, type TimeSkipping } from '../../../../test/support/time-skipping';
import { admin, registerProgram, reviewer, staffOf } from '../../../../test/integration/fixtures';

let ts: TimeSkipping;
let stack: Stack;
useTimeSkipping((t) => {
  ts = t;
  stack = t.stack;
});

const DAY = 86_400_000;
// Reminders are whole calendar days before a deadline in Los Angeles: across a daylight-saving
// switch that is an hour off 24-hour days, so checks after a reminder leave two hours.
const AFTER = 2 * 3_600_000;
type Task = { id: string; type: string };
const subjects = async (to: string) => (await mailbox(to)).map((m) => m.subject);
// E-mail leaves after the commit, in its own step: wait until exactly `n` such mails arrived.
const mailCount = async (to: string, part: string, n: number) => {
  await eventually(
    async () => (await subjects(to)).filter((s) => s.includes(part)).length >= n,
    `${n} e-mail(s) "${part}"`,
  );
  expect((await subjects(to)).filter((s) => s.includes(part))).toHaveLength(n);
};

async function associatePartner(programId: string) {
  const created = await as(stack, staffOf(programId)).post(`/programs/${programId}/certifications`, {
    level: 'partner',
  });
  const t = created.body.openTasks.find((x: Task) => x.type === 'application_review');
  const approved = await as(stack, reviewer).post(`/tasks/${t.id}/complete`, { outcome: 'approve' });
  return approved.body.case;
}

async function becomePartner(programId: string) {
  const c = await associatePartner(programId);
  const staff = staffOf(programId);
  await as(stack, staff).put(`/certifications/${c.id}/self-assessment`, {
    answers: await allYesOfCase(stack, staff, c.id),
  });
  const submitted = await as(stack, staff).post(`/certifications/${c.id}/self-assessment/submit`);
  const review = submitted.body.openTasks.find((x: Task) => x.type === 'assessment_review');
  const done = await as(stack, reviewer).post(`/tasks/${review.id}/complete`, { outcome: 'partner' });
  expect(done.body.case.stage).toBe('partner');
  return done.body.case;
}

const programTimeline = async (programId: string) =>
  (await as(stack, admin).get(`/programs/${programId}/timeline`)).body.items.map((e: { event: string }) => e.event);

test('not Partner within 4 months of becoming Associate Partner: reminders at 30 and 7 days, then back to Affiliate', async () => {
  const { id: programId, contactEmail } = await registerProgram(stack);
  const c = await associatePartner(programId);
  const deadline = Date.parse(c.deadline);
  const months = (deadline - (await ts.now())) / DAY;
  expect(months).toBeGreaterThan(119);
  expect(months).toBeLessThan(124);

  await ts.skipTo(deadline - 31 * DAY);
  expect((await subjects(contactEmail)).filter((s) => s.includes('Partner deadline'))).toHaveLength(0);
  await ts.skipTo(deadline - 30 * DAY + AFTER);
  await mailCount(contactEmail, 'Partner deadline', 1);
  await ts.skipTo(deadline - 7 * DAY + AFTER);
  await mailCount(contactEmail, 'Partner deadline', 2);
  expect((await as(stack, staffOf(programId)).get(`/certifications/${c.id}`)).body.stage).toBe('self_assessment');

  await ts.skipTo(deadline);
  const after = (await as(stack, staffOf(programId)).get(`/certifications/${c.id}`)).body;
  expect(after).toMatchObject({ stage: 'affiliate', status: 'closed' });
  expect((await as(stack).get(`/programs/${programId}`)).body.level).toBe('affiliate');
  const tl = (await as(stack, reviewer).get(`/cases/${c.id}/timeline`)).body.items;
  expect(tl.find((e: { event: string }) => e.event === 'returned_to_affiliate').detail.reason).toMatch(/4 months/);
  await mailCount(contactEmail, 'returned to Affiliate', 1);
  // Its staff may apply again.
  expect(
    (await as(stack, staffOf(programId)).post(`/programs/${programId}/certifications`, { level: 'partner' })).status,
  ).toBe(201);
});

test('a Partner certificate lasts 3 years: renewal reminders 90 and 30 days before, then Affiliate', async () => {
  const { id: programId, contactEmail } = await registerProgram(stack);
  const c = await becomePartner(programId);
  const ends = laStartOfDay(addDays(c.certifiedUntil, 1));
  expect((ends - (await ts.now())) / DAY).toBeGreaterThan(3 * 365 - 2);

  await ts.skipTo(ends - 91 * DAY);
  expect((await subjects(contactEmail)).filter((s) => s.includes('certificate expires'))).toHaveLength(0);
  await ts.skipTo(ends - 90 * DAY + AFTER);
  await mailCount(contactEmail, 'certificate expires', 1);
  await ts.skipTo(ends - 30 * DAY + AFTER);
  await mailCount(contactEmail, 'certificate expires', 2);
  expect((await as(stack).get(`/programs/${programId}`)).body.level).toBe('partner');

  await ts.skipTo(ends);
  const p = (await as(stack).get(`/programs/${programId}`)).body;
  expect(p.level).toBe('affiliate');
  expect(p.certifiedUntil).toBeUndefined();
  expect(await programTimeline(programId)).toEqual(
    expect.arrayContaining(['renewal_reminder_sent', 'certificate_expired']),
  );
  await mailCount(contactEmail, 'certificate expired', 1);
});

test('renewing opens a new case while the old certificate counts, and extends it by 3 years', async () => {
  const { id: programId } = await registerProgram(stack);
  const first = await becomePartner(programId);
  const ends = laStartOfDay(addDays(first.certifiedUntil, 1));
  await ts.skipTo(ends - 80 * DAY);

  const renewalCase = await associatePartner(programId);
  expect(renewalCase.renewal).toBe(true);
  // The old certificate still counts while the renewal is under way.
  expect((await as(stack).get(`/programs/${programId}`)).body).toMatchObject({
    level: 'partner',
    certifiedUntil: first.certifiedUntil,
  });
  const staff = staffOf(programId);
  await as(stack, staff).put(`/certifications/${renewalCase.id}/self-assessment`, {
    answers: await allYesOfCase(stack, staff, renewalCase.id),
  });
  const submitted = await as(stack, staff).post(`/certifications/${renewalCase.id}/self-assessment/submit`);
  const review = submitted.body.openTasks.find((x: Task) => x.type === 'assessment_review');
  const renewed = (await as(stack, reviewer).post(`/tasks/${review.id}/complete`, { outcome: 'partner' })).body.case;
  expect(renewed.certifiedUntil > first.certifiedUntil).toBe(true);

  await ts.skipTo(ends + DAY);
  expect((await as(stack).get(`/programs/${programId}`)).body).toMatchObject({
    level: 'partner',
    certifiedUntil: renewed.certifiedUntil,
  });
  expect(await programTimeline(programId)).not.toContain('certificate_expired');
});
