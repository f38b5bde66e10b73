/**
 * Early-childhood placements' clocks with their real policy durations, on the
 * time-skipping server: at the term's end both evaluate and the coordinator closes the
 * placement (the stipend, and the CSV export); a certification is reminded 60 and 30 days
 * before it ends, renewed by 12 development hours in the period, and otherwise lapses —
 * no new placements, and the coordinator is told of the ones still open.
 */
import { laDate } from '../../../../platform/workflow/calendar';
import { as, eventually, mailbox, type Person, type Stack } from '../../../../test/support/stack';
import { useTimeSkipping, type TimeSkipping } from '../../../../test/support/time-skipping';
import { certifiedMentor, coord, mentee, mentorPerson } from '../../../../test/integration/ece-fixtures';

let ts: TimeSkipping;
let stack: Stack;
useTimeSkipping((t) => {
  ts = t;
  stack = t.stack;
});

type Task = { id: string; type: string };
const DAY = 86_400_000;
const userOf = (p: { sub: string; name?: string; email?: string }, role: string): Person => ({
  sub: p.sub,
  roles: [role],
  name: p.name,
  email: p.email,
});

test('at the term end both evaluate, the coordinator closes it, and the export carries the stipend', async () => {
  const person = mentorPerson();
  const mentorId = await certifiedMentor(stack, person);
  const now = await ts.now();
  const term = { start: laDate(now), end: laDate(now + 20 * DAY) };
  const student = mentee();
  const placed = await as(stack, coord).post('/ece/placements', {
    mentorCaseId: mentorId,
    mentee: { id: student.sub, name: student.name, email: student.email, kind: 'student' },
    term,
    course: 'CHDEV 140',
  });
  const id = placed.body.id as string;
  const mentor = userOf(person, 'ece_mentor');
  await as(stack, mentor).post(`/tasks/${placed.body.openTasks[0].id}/complete`, { outcome: 'accept' });
  await as(stack, student).post(`/ece/placements/${id}/hours`, { date: term.start, hours: 4, activity: 'Observation' });
  const confirm = ((await as(stack, mentor).get(`/ece/placements/${id}`)).body.openTasks as Task[]).find(
    (t) => t.type === 'confirm_hours',
  )!;
  await as(stack, mentor).post(`/tasks/${confirm.id}/complete`, { outcome: 'confirm' });

  // The term ends at the close of its last day in Los Angeles, and the work due then is done
  // within the policy's spread after it (up to two hours): a day past it, whatever the hour now.
  await ts.skipTo(now + 22 * DAY);
  const evaluating = (await as(stack, coord).get(`/ece/placements/${id}`)).body;
  expect(evaluating.stage).toBe('evaluation');
  const evals = (evaluating.openTasks as (Task & { candidateRoles: string[] })[]).filter(
    (t) => t.type === 'evaluation',
  );
  expect(evals).toHaveLength(2);
  const mine = async (who: Person) =>
    ((await as(stack, who).get(`/ece/placements/${id}`)).body.openTasks as (Task & { mayComplete: boolean })[]).find(
      (t) => t.type === 'evaluation' && t.mayComplete,
    )!;
  const bad = await as(stack, mentor).post(`/tasks/${(await mine(mentor)).id}/complete`, {
    outcome: 'done',
    data: { rating: 9 },
  });
  expect(bad.status).toBe(400);
  await as(stack, mentor).post(`/tasks/${(await mine(mentor)).id}/complete`, {
    outcome: 'done',
    data: { rating: 5, comments: 'Ready to lead a group' },
  });
  const last = await as(stack, student).post(`/tasks/${(await mine(student)).id}/complete`, {
    outcome: 'done',
    data: { rating: 4 },
  });
  const close = (last.body.case.openTasks as Task[]).find((t) => t.type === 'close_placement')!;
  const closed = await as(stack, coord).post(`/tasks/${close.id}/complete`, { outcome: 'closed' });
  expect(closed.body.case).toMatchObject({ stage: 'closed', stipend: 500, hoursConfirmed: 4 });

  const csv = await as(stack, coord).get(`/ece/placements/export?from=${term.end}&to=${term.end}`);
  expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
  expect(csv.text).toContain(
    `${person.sub},${person.name},mentor_teacher,${student.sub},${student.name},student,CHDEV 140,${term.start},${term.end},4,500`,
  );
  expect(
    (
      await as(stack, coord).get(`/ece/placements/export?from=${laDate(now - 400 * DAY)}&to=${laDate(now - 300 * DAY)}`)
    ).text
      .trim()
      .split('\n'),
  ).toHaveLength(1);
});

test('reminded 60 and 30 days before the end; renewed with 12 development hours, lapsed without (open placements reported)', async () => {
  const renewing = mentorPerson();
  const lapsing = mentorPerson();
  const renewId = await certifiedMentor(stack, renewing);
  const lapseId = await certifiedMentor(stack, lapsing);
  const until = (await as(stack, coord).get(`/ece/mentors/${renewId}`)).body.certifiedUntil as string;
  const start = await ts.now();
  await as(stack, userOf(renewing, 'ece_mentor')).post(`/ece/mentors/${renewId}/development`, {
    date: laDate(start),
    hours: 12,
    topic: 'Infant-toddler care',
  });
  const student = mentee();
  const term = { start: laDate(start), end: laDate(start + 900 * DAY) };
  expect(
    (
      await as(stack, coord).post('/ece/placements', {
        mentorCaseId: lapseId,
        mentee: { id: student.sub, name: student.name, email: student.email, kind: 'student' },
        term,
      })
    ).status,
  ).toBe(201);

  const ends = Date.parse(`${until}T08:00:00Z`) + DAY;
  await ts.skipTo(ends - 59 * DAY);
  await eventually(
    async () => (await mailbox(lapsing.email)).some((m) => m.subject.includes('certification ends')),
    'the 60-day reminder',
  );
  await ts.skipTo(ends + DAY);
  const renewed = (await as(stack, coord).get(`/ece/mentors/${renewId}`)).body;
  expect(renewed).toMatchObject({ stage: 'certified' });
  expect(renewed.certifiedUntil > until).toBe(true);
  const lapsed = (await as(stack, coord).get(`/ece/mentors/${lapseId}`)).body;
  expect(lapsed.stage).toBe('lapsed');
  const told = await eventually(
    async () => (await mailbox(lapsing.email)).find((m) => m.subject.includes('lapsed')),
    'the lapse e-mail',
  );
  expect(told.text).toContain('Open placements to review: 1');
  const refused = await as(stack, coord).post('/ece/placements', {
    mentorCaseId: lapseId,
    mentee: { id: 'x-2', name: 'X', email: 'x2@example.org', kind: 'student' },
    term,
  });
  expect([refused.status, refused.body.code]).toEqual([422, 'mentor_not_certified']);
  expect((await mailbox(lapsing.email)).filter((m) => m.subject.includes('certification ends'))).toHaveLength(2);
});
