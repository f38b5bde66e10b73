/**
 * What a second attacker's review found after need-to-know reads were in: a match read by
 * someone named as its social worker who no longer is one; coordinator notices of a youth's
 * needs sent to every coordinator after one of them assigned the caller; the team view
 * listing those tasks to every coordinator; one inbox flooded under sub-addresses. Each is
 * what a person would see, on real services.
 */
import { as, eventually, mailbox, startStack, type Person, type Stack } from '../support/stack';
import { approvedMentor, cw1 } from './foster-fixtures';
import { normaliseAddress } from '../../processes/referral/api/limits';
import { approvedCaller, counselor, pc, wellnessReferral } from './wellness-fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

type Task = { id: string; type: string; ref?: string };
const run = Math.random().toString(36).slice(2, 7);

test('a match is not read by the person named its social worker once they no longer hold the role', async () => {
  const sw: Person = {
    sub: `sw-np-${run}`,
    roles: ['social_worker'],
    name: 'Named Social',
    email: `sw-np-${run}@county.example`,
  };
  const created = await as(stack, sw).post('/foster/youth', {
    youth: {
      name: `Youth ${run}`,
      dateOfBirth: '2012-03-04',
      county: 'Los Angeles',
      languages: ['English'],
      interests: ['art'],
      needs: 'School',
    },
    socialWorker: { id: sw.sub, name: sw.name, email: sw.email },
    caregiver: { name: 'Carer', email: 'carer@mail.example' },
    caseWorkerId: cw1.sub,
  });
  expect(created.status).toBe(201);
  const consent = (who: Person, t: Task, data?: Record<string, unknown>) =>
    as(stack, who).post(`/tasks/${t.id}/complete`, { outcome: 'accept', ...(data ? { data } : {}) });
  for (const t of created.body.openTasks as Task[]) {
    const bySocialWorker = /\(social worker\)/.test((t as Task & { title: string }).title);
    const r = bySocialWorker ? await consent(sw, t) : await consent(cw1, t, { how: 'signed form' });
    expect(r.status).toBe(200);
  }
  const intake = ((await as(stack, cw1).get(`/foster/youth/${created.body.id}`)).body.openTasks as Task[]).find(
    (t) => t.type === 'intake',
  )!;
  expect((await as(stack, cw1).post(`/tasks/${intake.id}/complete`, { outcome: 'done' })).status).toBe(200);
  const match = await as(stack, cw1).post('/foster/matches', {
    mentorCaseId: await approvedMentor(stack),
    youthCaseId: created.body.id,
    rationale: 'Both draw',
  });
  expect(match.status).toBe(201);

  expect((await as(stack, sw).get(`/foster/matches/${match.body.id}`)).status).toBe(200);
  const moved: Person = { ...sw, roles: ['case_worker'] };
  expect((await as(stack, moved).get(`/foster/matches/${match.body.id}`)).status).toBe(404);
  expect((await as(stack, moved).get(`/cases/${match.body.id}/timeline`)).status).toBe(404);
  const swConsent = (match.body.openTasks as (Task & { candidateRoles: string[] })[]).find((t) =>
    t.candidateRoles.includes('social_worker'),
  )!;
  expect((await as(stack, moved).get(`/tasks/${swConsent.id}`)).status).toBe(404);
});

test("after the assignment a youth's needs reach neither every coordinator's mailbox nor their team view", async () => {
  const other: Person = {
    sub: `pc-other-${run}`,
    roles: ['partnership_coordinator'],
    name: 'Other Coordinator',
    email: `other-${run}@partnership.example`,
  };
  const { caseId, caller } = await approvedCaller(stack, ['English']);
  const referred = await as(stack, counselor).post('/wellness/youth', wellnessReferral(['English']));
  const id = referred.body.id as string;
  const [assign] = referred.body.openTasks as Task[];
  expect(
    (await as(stack, pc).post(`/tasks/${assign.id}/complete`, { outcome: 'assigned', data: { callerCaseId: caseId } }))
      .status,
  ).toBe(200);
  const [call] = ((await as(stack, caller).get(`/wellness/youth/${id}`)).body.openTasks as Task[]).filter(
    (t) => t.type === 'wellness_call',
  );
  const logged = await as(stack, caller).post(`/tasks/${call.id}/complete`, {
    outcome: 'logged',
    data: { reached: true, minutes: 20, mood: 2, needs: ['housing', 'safety'], notes: 'Talked about home' },
  });
  expect(logged.status).toBe(200);
  const resource = (
    (await as(stack, pc).get(`/wellness/youth/${id}`)).body.openTasks as (Task & { title: string })[]
  ).find((t) => t.type === 'resource_referral')!;
  expect(resource.title).not.toMatch(/housing/);
  // The assigning coordinator hears of it; the shared mailbox of every coordinator does not.
  const toAssigner = await eventually(async () => {
    const mails = await mailbox(pc.email!);
    return mails.some((m) => m.subject.includes('Resources for wellness') && m.text.includes(resource.id))
      ? mails
      : undefined;
  }, "the resource task's notice to the assigning coordinator");
  // (Before the assignment every coordinator is told a caller is needed: that notice is theirs.)
  const shared = (await mailbox('partnership@mentorflow.local')).filter((m) => !m.subject.includes('Assign a caller'));
  expect(shared.filter((m) => m.text.includes(id.slice(0, 8)) || m.subject.includes(id.slice(0, 8)))).toEqual([]);
  expect([...toAssigner, ...shared].some((m) => /housing/i.test(m.subject + m.text))).toBe(false);
  // Another coordinator supervises wellness tasks by role, but does not read this case: not in their team view.
  const team = await as(stack, other).get('/tasks?view=team&limit=200');
  expect(team.status).toBe(200);
  expect(team.body.items.filter((t: { caseId: string }) => t.caseId === id)).toEqual([]);
});

test('one mailbox under many spellings counts as one address', () => {
  expect(normaliseAddress(' Victim+1@Example.org ')).toBe('victim@example.org');
  expect(normaliseAddress('v.i.c.tim+x@googlemail.com')).toBe('victim@gmail.com');
  expect(normaliseAddress('first.last@agency.ca.gov')).toBe('first.last@agency.ca.gov');
  expect(normaliseAddress('+only@example.org')).toBe('+only@example.org');
});
