/**
 * Early-childhood mentor placements (docs/processes/early-childhood.md) through HTTP on real services: the
 * selection committee's votes (each member once, 3 at least, a majority of those cast, a
 * tie waits), college scope, placements of the right kind up to 2 per mentor, the mentee's
 * hours confirmed by the mentor, and who may do what.
 */
import { laDate } from '../../../../platform/workflow/calendar';
import { as, startStack, truncateAll, type Stack } from '../../../../test/support/stack';
import { admin } from '../../../../test/integration/fixtures';
import {
  certifiedMentor,
  coord,
  coordElsewhere,
  member,
  mentee,
  mentorApplication,
  mentorPerson,
} from '../../../../test/integration/ece-fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
});
afterAll(async () => stack?.stop());

type Task = { id: string; type: string };
const DAY = 86_400_000;
const voteTask = async (id: string) =>
  ((await as(stack, member(1)).get(`/ece/mentors/${id}`)).body.openTasks as Task[]).find(
    (t) => t.type === 'committee_vote',
  )!;
const vote = (n: number, taskId: string, outcome: string) =>
  as(stack, member(n)).post(`/tasks/${taskId}/complete`, { outcome });

test('the committee: each member votes once; at least 3 votes and a majority of those cast decide', async () => {
  const created = await as(stack, coord).post('/ece/mentors', mentorApplication(mentorPerson()));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect((await vote(1, (await voteTask(id)).id, 'approve')).status).toBe(200);
  const twice = await vote(1, (await voteTask(id)).id, 'approve');
  expect([twice.status, twice.body.code]).toEqual([403, 'self_approval']);
  // Another college's committee does not see the case at all.
  expect(
    (
      await as(stack, member(9, coordElsewhere.collegeId)).post(`/tasks/${(await voteTask(id)).id}/complete`, {
        outcome: 'approve',
      })
    ).status,
  ).toBe(404);
  await vote(2, (await voteTask(id)).id, 'decline');
  await vote(3, (await voteTask(id)).id, 'decline');
  expect((await as(stack, coord).get(`/ece/mentors/${id}`)).body.stage).toBe('declined');

  const approved = (await as(stack, coord).post('/ece/mentors', mentorApplication(mentorPerson(), 'director_mentor')))
    .body.id as string;
  await vote(1, (await voteTask(approved)).id, 'approve');
  await vote(2, (await voteTask(approved)).id, 'decline');
  await vote(3, (await voteTask(approved)).id, 'approve');
  // Three votes, 2 to 1: decided.
  const decided = (await as(stack, coord).get(`/ece/mentors/${approved}`)).body;
  expect(decided).toMatchObject({ stage: 'certified', role: 'director_mentor' });
  expect((Date.parse(decided.certifiedUntil) - Date.now()) / DAY).toBeGreaterThan(729);

  // Two votes, 1 to 1: no decision until the third.
  const even = (await as(stack, coord).post('/ece/mentors', mentorApplication(mentorPerson()))).body.id as string;
  await vote(1, (await voteTask(even)).id, 'approve');
  await vote(2, (await voteTask(even)).id, 'decline');
  expect((await as(stack, coord).get(`/ece/mentors/${even}`)).body.stage).toBe('committee_review');
  await vote(3, (await voteTask(even)).id, 'approve');
  expect((await as(stack, coord).get(`/ece/mentors/${even}`)).body.stage).toBe('certified');
  expect((await as(stack, coordElsewhere).get(`/ece/mentors/${even}`)).status).toBe(404);
  expect((await as(stack, admin).post('/ece/mentors', mentorApplication(mentorPerson()))).status).toBe(403);
});

test('placements: the right kind, at most two per mentor; the mentor accepts; the mentee logs hours, the mentor confirms them', async () => {
  const person = mentorPerson();
  const mentorId = await certifiedMentor(stack, person);
  const today = laDate(Date.now());
  const term = { start: laDate(Date.now() - 30 * DAY), end: laDate(Date.now() + 60 * DAY) };
  const place = (m: ReturnType<typeof mentee>, who = coord) =>
    as(stack, who).post('/ece/placements', {
      mentorCaseId: mentorId,
      mentee: { id: m.sub, name: m.name, email: m.email, kind: m.kind },
      term,
      course: 'CHDEV 140 Practicum',
    });
  const wrong = await place(mentee('administrator'));
  expect([wrong.status, wrong.body.code]).toEqual([422, 'mentor_kind_mismatch']);
  expect((await place(mentee(), coordElsewhere)).status).toBe(404);
  const student = mentee();
  const first = await place(student);
  expect(first.status).toBe(201);
  expect(first.body.stage).toBe('awaiting_acceptance');
  expect((await place(mentee())).status).toBe(201);
  const full = await place(mentee());
  expect([full.status, full.body.code]).toEqual([422, 'mentor_at_capacity']);
  const pending = (await as(stack, coord).post('/ece/mentors', mentorApplication(mentorPerson()))).body.id as string;
  const notYet = await as(stack, coord).post('/ece/placements', {
    mentorCaseId: pending,
    mentee: { id: 'x-1', name: 'X', email: 'x@example.org', kind: 'student' },
    term,
  });
  expect([notYet.status, notYet.body.code]).toEqual([422, 'mentor_not_certified']);

  const id = first.body.id as string;
  const mentorAsUser = { sub: person.sub, roles: ['ece_mentor'], name: person.name, email: person.email };
  const [accept] = first.body.openTasks as Task[];
  expect(
    (await as(stack, mentorAsUser).post(`/tasks/${accept.id}/complete`, { outcome: 'accept' })).body.case.stage,
  ).toBe('active');
  const early = await as(stack, student).post(`/ece/placements/${id}/hours`, {
    date: laDate(Date.now() - 40 * DAY),
    hours: 3,
    activity: 'Circle time',
  });
  expect(early.status).toBe(400);
  expect(
    (
      await as(stack, mentorAsUser).post(`/ece/placements/${id}/hours`, {
        date: today,
        hours: 3,
        activity: 'Circle time',
      })
    ).status,
  ).toBe(403);
  const logged = await as(stack, student).post(`/ece/placements/${id}/hours`, {
    date: today,
    hours: 3.5,
    activity: 'Circle time and outdoor play',
  });
  expect(logged.status).toBe(201);
  const placement = (await as(stack, mentorAsUser).get(`/ece/placements/${id}`)).body;
  const confirm = (placement.openTasks as Task[]).find((t) => t.type === 'confirm_hours')!;
  const noReason = await as(stack, mentorAsUser).post(`/tasks/${confirm.id}/complete`, { outcome: 'reject' });
  expect([noReason.status, noReason.body.code]).toEqual([422, 'reason_required']);
  expect(
    (await as(stack, mentorAsUser).post(`/tasks/${confirm.id}/complete`, { outcome: 'confirm' })).body.case
      .hoursConfirmed,
  ).toBe(3.5);
  // The mentor logs professional development on their own record; nobody else may.
  expect(
    (
      await as(stack, mentorAsUser).post(`/ece/mentors/${mentorId}/development`, {
        date: today,
        hours: 6,
        topic: 'Reflective supervision',
      })
    ).status,
  ).toBe(201);
  expect(
    (await as(stack, coord).post(`/ece/mentors/${mentorId}/development`, { date: today, hours: 6, topic: 'X' })).status,
  ).toBe(403);
  expect((await as(stack, coord).get(`/ece/mentors/${mentorId}`)).body.developmentHoursInPeriod).toBe(6);
  expect((await as(stack, admin).get(`/ece/placements/${id}`)).status).toBe(200);
});
