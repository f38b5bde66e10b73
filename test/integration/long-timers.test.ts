/**
 * Timers of weeks and months with the real policy durations, on Temporal's time-skipping
 * test server: year-end close, task escalation after business days, certificate expiry.
 * Activities are the real ones, writing to PostgreSQL and sending through SMTP.
 */
import { laDate, laYearEnd } from '../../platform/workflow/calendar';
import { as, eventually, mailbox, type Stack } from '../support/stack';
import { useTimeSkipping, type TimeSkipping } from '../support/time-skipping';
import {
  activeEnrollment,
  admin,
  certifiedProgram,
  employee,
  enrollmentBody,
  hr,
  sup,
  verifiedHours,
  year,
} from './fixtures';
import { actedBy } from '../support/deadlines';

let ts: TimeSkipping;
let stack: Stack;
useTimeSkipping((t) => {
  ts = t;
  stack = t.stack;
});

const serverNow = () => ts.now();
const skipTo = (ms: number) => ts.skipTo(ms);

type Task = { id: string; type: string; escalated: boolean; status: string; dueAt: string };

test('an eligibility review is escalated after 10 business days, not before', async () => {
  const programId = await certifiedProgram(stack);
  const emp = employee(61);
  // Next year's enrollment, so that the year end never comes first, whatever today's date.
  const created = await as(stack, emp).post(
    '/mentoring-leave/enrollments',
    enrollmentBody(emp, programId, { year: year + 1 }),
  );
  const task: Task = created.body.openTasks[0];
  // Ten business days from today in Los Angeles, skipping weekends and state holidays: due on a
  // weekday, with ten to thirteen weekdays (up to three holidays) after today up to the due date.
  // Counted, not assumed: from a Sunday ten business days are twelve calendar days, from a Monday fourteen.
  const due = Date.parse(task.dueAt);
  const lastDay = due - 1; // due at the end of the tenth business day (midnight after it)
  const weekday = (ms: number) =>
    new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', weekday: 'short' }).format(ms);
  const weekdays = (from: number, to: number) => {
    let n = 0;
    for (let d = laDate(from); d < laDate(to); ) {
      d = laDate(Date.parse(`${d}T12:00:00Z`) + 86_400_000);
      if (!['Sat', 'Sun'].includes(weekday(Date.parse(`${d}T20:00:00Z`)))) n += 1;
    }
    return n;
  };
  expect(['Sat', 'Sun']).not.toContain(weekday(lastDay));
  expect(weekdays(await serverNow(), lastDay)).toBeGreaterThanOrEqual(10);
  expect(weekdays(await serverNow(), lastDay)).toBeLessThanOrEqual(13);
  await skipTo(Date.parse(task.dueAt) - 2 * 3_600_000);
  expect((await as(stack, hr).get(`/tasks/${task.id}`)).body.escalated).toBe(false);
  await skipTo(actedBy(Date.parse(task.dueAt)));
  expect((await as(stack, hr).get(`/tasks/${task.id}`)).body.escalated).toBe(true);
  await eventually(
    async () => (await mailbox('mentorflow-admin@mentorflow.local')).some((m) => m.text.includes(task.id)),
    'the e-mail',
  );
});

test('an expired Partner certificate drops the program to Affiliate and stops new enrollments', async () => {
  const programId = await certifiedProgram(stack, 'none');
  const until = laDate((await serverNow()) + 5 * 86_400_000);
  await as(stack, admin).put(`/programs/${programId}/level`, {
    level: 'partner',
    certifiedUntil: until,
    note: 'imported',
  });
  await skipTo(Date.parse(`${until}T12:00:00Z`) + 86_400_000);
  const p = (await as(stack).get(`/programs/${programId}`)).body;
  expect(p.level).toBe('affiliate');
  expect(p.certifiedUntil).toBeUndefined();
  const tl = (await as(stack, admin).get(`/programs/${programId}/timeline`)).body.items.map(
    (e: { event: string }) => e.event,
  );
  // Imported 5 days before expiry: the latest renewal reminder that was due goes out at once.
  expect(tl).toEqual(['program_registered', 'level_changed', 'renewal_reminder_sent', 'certificate_expired']);
  const emp = employee(62);
  const refused = await as(stack, emp).post(
    '/mentoring-leave/enrollments',
    enrollmentBody(emp, programId, { year: Number(laDate(await serverNow()).slice(0, 4)) }),
  );
  expect(refused.status).toBe(422);
  expect(refused.body.code).toBe('program_not_certified');
});

test('at year end open requests expire, unused hours lapse and the employee gets a summary', async () => {
  const programId = await certifiedProgram(stack);
  const emp = employee(60);
  const caseId = await activeEnrollment(stack, emp, programId);
  await verifiedHours(stack, emp, caseId, programId, 5);
  const req = (hours: number) =>
    as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/requests`, {
      date: laDate(Date.now()),
      hours,
      attestNoTravel: true,
    });
  const approved = await req(2);
  let c = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
  const supTask = c.openTasks.find((t: Task) => t.type === 'supervisor_approval');
  const afterSup = await as(stack, sup).post(`/tasks/${supTask.id}/complete`, { outcome: 'approve' });
  if (afterSup.status !== 200) throw new Error(`supervisor: ${afterSup.status} ${afterSup.text}`);
  const hrTask = afterSup.body.case.openTasks.find((t: Task) => t.type === 'hr_approval');
  expect((await as(stack, hr).post(`/tasks/${hrTask.id}/complete`, { outcome: 'approve' })).status).toBe(200);
  const pending = await req(1);
  expect(pending.body.status).toBe('pending_supervisor');

  await skipTo(actedBy(laYearEnd(year)));

  c = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
  expect(c).toMatchObject({ stage: 'closed', status: 'closed', lapsedHours: 3, openTasks: [] });
  expect(c.requests.find((r: { id: string }) => r.id === approved.body.id).status).toBe('approved');
  expect(c.requests.find((r: { id: string }) => r.id === pending.body.id).status).toBe('expired');
  const summary = await eventually(
    async () => (await mailbox(emp.email)).find((m) => m.subject.includes(`${year}: year-end summary`)),
    'the year-end summary',
  );
  expect(summary?.text).toContain('Unused hours that lapsed: 3 h');
  const events = (await as(stack, emp).get(`/cases/${caseId}/timeline`)).body.items.map(
    (e: { event: string }) => e.event,
  );
  expect(events).toEqual(expect.arrayContaining(['year_closed', 'task_expired']));
  // A closed year takes no more requests.
  expect((await req(1)).status).toBe(409);
});
