/**
 * The foster pipeline's clocks with their real policy durations, on the time-skipping
 * server: check-ins 2 weeks after the first meeting then monthly, lateness escalation after
 * 7 days, the safety path, the 12-month anniversary; reference reminders after 7 days and
 * phone follow-up after 14; the 30-day screening target.
 */
import { as, eventually, mailbox, type Stack } from '../../../../test/support/stack';
import { useTimeSkipping, type TimeSkipping } from '../../../../test/support/time-skipping';
import {
  activeMatch,
  approvedMentor,
  caseSup,
  cw1,
  mentorApplication,
  readyYouth,
} from '../../../../test/integration/foster-fixtures';
import { actedBy } from '../../../../test/support/deadlines';

let ts: TimeSkipping;
let stack: Stack;
useTimeSkipping((t) => {
  ts = t;
  stack = t.stack;
});

const DAY = 86_400_000;
type Task = { id: string; type: string; status: string; escalated: boolean; dueAt: string };
const openOf = async (matchId: string, type: string): Promise<Task[]> =>
  (await as(stack, cw1).get(`/foster/matches/${matchId}`)).body.openTasks.filter((t: Task) => t.type === type);
const contact = (safetyConcern = false) => ({
  outcome: 'done',
  data: { reached: ['mentor', 'youth'], how: 'phone', satisfaction: 4, safetyConcern, concerns: 'Went to the museum' },
});

test('contacts within 48 hours of the first meeting, at a month and monthly; late escalates; a safety concern is urgent; the anniversary at 12 months', async () => {
  const match = await activeMatch(stack, await approvedMentor(stack), await readyYouth(stack));
  const met = Date.parse(match.firstMeetingAt);
  const [first] = await openOf(match.id, 'match_contact');
  expect(Date.parse(first.dueAt) - met).toBe(2 * DAY);
  expect(match.nextContactDue).toBe(first.dueAt);
  expect(await openOf(match.id, 'check_in')).toHaveLength(0);
  const bad = await as(stack, cw1).post(`/tasks/${first.id}/complete`, { outcome: 'done', data: { satisfaction: 9 } });
  expect(bad.status).toBe(400);
  expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(
    expect.arrayContaining(['data.satisfaction', 'data.reached', 'data.how']),
  );
  expect((await as(stack, cw1).post(`/tasks/${first.id}/complete`, contact())).status).toBe(200);

  const second = (await as(stack, cw1).get(`/foster/matches/${match.id}`)).body.nextContactDue as string;
  // A calendar month after the first meeting (28 to 31 days, give or take an hour of daylight saving).
  expect((Date.parse(second) - met) / DAY).toBeGreaterThan(27.9);
  expect((Date.parse(second) - met) / DAY).toBeLessThan(31.1);
  // The second contact opens when the first falls due, and reaches the caregiver too.
  await ts.skipTo(actedBy(Date.parse(first.dueAt)));
  const [late] = await openOf(match.id, 'match_contact');
  expect(late.dueAt).toBe(second);
  expect((late as Task & { title: string }).title).toMatch(/mentor, youth and caregiver/);
  await ts.skipTo(Date.parse(second) - DAY);
  expect((await as(stack, cw1).get(`/tasks/${late.id}`)).body.escalated).toBe(false);
  await ts.skipTo(Date.parse(second) + 3_600_000);
  expect((await as(stack, cw1).get(`/tasks/${late.id}`)).body.escalated).toBe(true);
  expect((await as(stack, caseSup).get('/tasks?view=escalated')).body.items.map((t: Task) => t.id)).toContain(late.id);
  await eventually(
    async () =>
      (await mailbox('case-supervisors@mentorflow.local')).some(
        (m) => m.text.includes(late.id) && m.subject.includes('Overdue'),
      ),
    'the lateness e-mail',
  );
  // The missed contact weighs on the match's health.
  const missed = (await as(stack, cw1).get(`/foster/matches/${match.id}`)).body;
  expect(missed.health.reasons).toEqual(expect.arrayContaining(['overdue_contact:15']));

  // A safety concern raises an urgent task for the case supervisors at once.
  const withConcern = await as(stack, cw1).post(`/tasks/${late.id}/complete`, contact(true));
  const [safety] = withConcern.body.case.openTasks.filter((t: Task) => t.type === 'safety_review');
  expect(safety).toBeDefined();
  expect(Date.parse(safety.dueAt) - (await ts.now())).toBeLessThanOrEqual(DAY);
  expect((await as(stack, caseSup).get('/tasks?type=safety_review')).body.items.map((t: Task) => t.id)).toContain(
    safety.id,
  );
  await eventually(
    async () =>
      (await mailbox('case-supervisors@mentorflow.local')).some((m) => m.subject.includes('URGENT: safety concern')),
    'the safety e-mail',
  );
  expect(
    (
      await as(stack, caseSup).post(`/tasks/${safety.id}/complete`, {
        outcome: 'done',
        comment: 'Spoke with caregiver; plan in place',
      })
    ).status,
  ).toBe(200);

  const anniversary = (await as(stack, cw1).get(`/foster/matches/${match.id}`)).body.anniversaryAt as string;
  expect(Date.parse(anniversary) - Date.parse(match.firstMeetingAt)).toBeGreaterThan(364 * DAY);
  await ts.skipTo(actedBy(Date.parse(anniversary)));
  const m = (await as(stack, cw1).get(`/foster/matches/${match.id}`)).body;
  expect(m.contacts).toHaveLength(2);
  expect(m.openTasks.filter((t: Task) => t.type === 'match_contact').length).toBeGreaterThanOrEqual(9);
  const [ann] = m.openTasks.filter((t: Task) => t.type === 'anniversary');
  const recommitted = await as(stack, cw1).post(`/tasks/${ann.id}/complete`, { outcome: 'recommit' });
  expect(recommitted.body.case.stage).toBe('active');
  expect(recommitted.body.case.anniversaryAt > anniversary).toBe(true);
});

test('references are reminded after 7 days and followed up by phone after 14; the 30-day screening target escalates', async () => {
  const app = mentorApplication();
  const created = await as(stack, cw1).post('/foster/mentors', app);
  const id = created.body.id;
  const applied = await ts.now();
  const toRef = async () => (await mailbox(app.references[0].email)).map((m) => m.subject);

  await ts.skipTo(applied + 6 * DAY);
  expect((await toRef()).filter((s) => s.includes('Reminder'))).toHaveLength(0);
  await ts.skipTo(applied + 7 * DAY + 3_600_000);
  await eventually(
    async () => (await toRef()).filter((s) => s.includes('Reminder')).length === 1,
    'the reminder with a fresh link',
  );
  expect(
    (await as(stack, cw1).get(`/foster/mentors/${id}`)).body.openTasks.filter(
      (t: Task) => t.type === 'reference_followup',
    ),
  ).toHaveLength(0);

  await ts.skipTo(applied + 14 * DAY + 3_600_000);
  const followups = (await as(stack, cw1).get(`/foster/mentors/${id}`)).body.openTasks.filter(
    (t: Task) => t.type === 'reference_followup',
  );
  expect(followups).toHaveLength(2);
  const done = await as(stack, cw1).post(`/tasks/${followups[0].id}/complete`, {
    outcome: 'done',
    comment: 'Called; glowing',
    data: { recommendation: 'yes' },
  });
  expect(done.body.case.references.filter((r: { answeredVia?: string }) => r.answeredVia === 'phone')).toHaveLength(1);

  expect((await as(stack, cw1).get(`/foster/mentors/${id}`)).body.screeningOverdue).toBe(false);
  await ts.skipTo(applied + 30 * DAY + 3_600_000);
  const c = (await as(stack, caseSup).get(`/foster/mentors/${id}`)).body;
  expect(c).toMatchObject({ screeningOverdue: true, stage: 'screening' });
  const events = (await as(stack, caseSup).get(`/cases/${id}/timeline`)).body.items.map(
    (e: { event: string }) => e.event,
  );
  expect(events).toContain('screening_target_missed');
  await eventually(
    async () => (await mailbox('case-supervisors@mentorflow.local')).some((m) => m.subject.includes('30-day target')),
    'the target e-mail',
  );
});
