/**
 * "Who may act" (docs/security.md) in certification and the foster pipeline, tried the way
 * someone with a second account and a bit of bad intent would (the leave's and the
 * workflow-level tests are in who-may-act.test.ts). Real Temporal dev server and PostgreSQL.
 */
import {
  as,
  eventually,
  mailbox,
  QUIET_TASKS,
  startStack,
  truncateAll,
  type Person,
  type Stack,
} from '../support/stack';
import { certifiedProgram, registerProgram, reviewer, reviewer2, staffOf, today } from './fixtures';
import { laDate } from '../../platform/workflow/calendar';
import { approvedMentor, activeMatch, caseSup, cw1, cw2, mentorApplication, readyYouth, sw1 } from './foster-fixtures';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
  await certifiedProgram(stack);
});
afterAll(async () => stack?.stop());

type Task = { id: string; type: string; assigneeId?: string; candidateRoles: string[] };
const taskOf = (c: { openTasks: Task[] }, type: string) => c.openTasks.find((t) => t.type === type)!;
const inbox = async (p: Person) => (await as(stack, p).get('/tasks')).body.items.map((t: Task) => t.id);

describe('certification', () => {
  test("a quality reviewer cannot certify their own program (403 conflict_of_interest); the program's staff cannot act on its review", async () => {
    const { id } = await registerProgram(stack);
    const created = await as(stack, staffOf(id)).post(`/programs/${id}/certifications`, { level: 'affiliate' });
    expect(created.status).toBe(201);
    const review = taskOf(created.body, 'application_review');
    const insider: Person = { sub: 'rev-insider', roles: ['quality_reviewer'], programId: id, name: 'Ines Insider' };
    expect(await inbox(insider)).not.toContain(review.id);
    const own = await as(stack, insider).post(`/tasks/${review.id}/complete`, { outcome: 'approve' });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('conflict_of_interest');
    const staffReviewer: Person = {
      sub: 'staff-rev',
      roles: ['program_staff', 'quality_reviewer'],
      programId: id,
      name: 'Sam Staff',
    };
    expect(
      (await as(stack, staffReviewer).post(`/tasks/${review.id}/complete`, { outcome: 'approve' })).body.code,
    ).toBe('self_approval');
    expect((await as(stack, reviewer).post(`/tasks/${review.id}/complete`, { outcome: 'approve' })).status).toBe(200);
  });

  test('whoever wrote the work plan does not verify its items', async () => {
    const { id } = await registerProgram(stack);
    const staff = staffOf(id);
    const created = await as(stack, staff).post(`/programs/${id}/certifications`, { level: 'partner' });
    await as(stack, reviewer).post(`/tasks/${taskOf(created.body, 'application_review').id}/complete`, {
      outcome: 'approve',
    });
    const version = created.body.questionBankVersion as number;
    const q = (await as(stack).get(`/certifications/questions?version=${version}`)).body.items as { id: string }[];
    await as(stack, staff).put(`/certifications/${created.body.id}/self-assessment`, {
      answers: q.map((x) => ({ questionId: x.id, response: 'yes' })),
    });
    const submitted = await as(stack, staff).post(`/certifications/${created.body.id}/self-assessment/submit`);
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const plan = await as(stack, reviewer).post(`/tasks/${taskOf(submitted.body, 'assessment_review').id}/complete`, {
      outcome: 'work_plan',
      data: { items: [{ standard: 'closure', description: 'Closure procedure', dueDate: due }] },
    });
    expect(plan.status).toBe(200);
    const item = plan.body.case.workPlan[0];
    const done = await as(stack, staff).post(`/certifications/${created.body.id}/work-plan/${item.id}/complete`, {
      evidence: 'procedure.pdf',
    });
    expect(done.status).toBe(200);
    const c = (await as(stack, staff).get(`/certifications/${created.body.id}`)).body;
    const verify = taskOf(c, 'work_plan_verification');
    const byAuthor = await as(stack, reviewer).post(`/tasks/${verify.id}/complete`, { outcome: 'verified' });
    expect(byAuthor.status).toBe(403);
    expect(byAuthor.body.code).toBe('self_approval');
    expect(
      (await as(stack, reviewer2).post(`/tasks/${verify.id}/complete`, { outcome: 'verified' })).body.case.stage,
    ).toBe('partner');
  });
});

describe('foster', () => {
  test("another case worker cannot log training on, or withdraw, a case worker's mentor", async () => {
    const created = await as(stack, cw1).post('/foster/mentors', mentorApplication());
    const id = created.body.id;
    // A screening in progress is not another case worker's to see at all (need to know): 404.
    const training = await as(stack, cw2).post(`/foster/mentors/${id}/training`, {
      date: today,
      hours: 2,
      module: 'x',
    });
    expect(training.status).toBe(404);
    expect((await as(stack, cw2).post(`/foster/mentors/${id}/withdraw`, { reason: 'mine now' })).status).toBe(404);
    expect(
      (await as(stack, cw1).post(`/foster/mentors/${id}/training`, { date: today, hours: 2, module: 'Orientation' }))
        .status,
    ).toBe(201);
    expect(
      (await as(stack, caseSup).post(`/foster/mentors/${id}/training`, { date: today, hours: 1, module: 'Safety' }))
        .status,
    ).toBe(201);
    const c = (await as(stack, cw1).get(`/foster/mentors/${id}`)).body;
    expect(c.trainingHours).toBe(3);
  });

  test('a case worker may not enter their own mentor application (422 invalid_party); nothing starts', async () => {
    const app = mentorApplication();
    const applicantWorker: Person = {
      sub: 'cw-applicant',
      roles: ['case_worker'],
      name: 'Al Applicant',
      email: app.applicant.email.toUpperCase(),
    };
    const created = await as(stack, applicantWorker).post('/foster/mentors', app);
    expect(created.status).toBe(422);
    expect(created.body.code).toBe('invalid_party');
    const screenings = (await as(stack, applicantWorker).get('/cases?type=mentor_screening&limit=200')).body.items;
    expect(screenings.filter((c: { subject: string }) => c.subject.includes(app.applicant.name))).toEqual([]);
  });

  test('a bad date in task data is 400 and the match still moves', async () => {
    const created = await as(stack, cw1).post('/foster/matches', {
      mentorCaseId: await approvedMentor(stack),
      youthCaseId: await readyYouth(stack),
      rationale: 'Both love chess',
    });
    for (const t of created.body.openTasks.filter((x: Task) => x.type === 'consent')) {
      const bySocialWorker = t.candidateRoles.includes('social_worker');
      const r = await as(stack, bySocialWorker ? sw1 : cw1).post(`/tasks/${t.id}/complete`, {
        outcome: 'accept',
        ...(bySocialWorker ? {} : { data: { how: 'phone' } }),
      });
      expect(r.status).toBe(200);
    }
    const meeting = taskOf((await as(stack, cw1).get(`/foster/matches/${created.body.id}`)).body, 'first_meeting');
    for (const meetingDate of ['2024-13-45', 'yesterday', '1900-01-01', '2999-01-01']) {
      const bad = await as(stack, cw1).post(`/tasks/${meeting.id}/complete`, {
        outcome: 'done',
        data: { meetingDate },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].path).toBe('data.meetingDate');
    }
    // Today as it is now: a suite that crosses midnight in Los Angeles has accepted the match on
    // the new day, and a first meeting dated before the acceptance is refused.
    const ok = await as(stack, cw1).post(`/tasks/${meeting.id}/complete`, {
      outcome: 'done',
      data: { meetingDate: laDate(Date.now()) },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.case.stage).toBe('active');
  });

  test('a case supervisor hands a match task to another case supervisor, who is e-mailed; a plain case worker may not be given it', async () => {
    const match = await activeMatch(stack, await approvedMentor(stack), await readyYouth(stack));
    const close = await as(stack, cw1).post(`/foster/matches/${match.id}/close`, {
      reason: 'planned',
      notes: 'Commitment met',
    });
    expect(close.status).toBe(200);
    const interview = taskOf(close.body, 'closure_meeting');
    const sup2: Person = {
      sub: 'csup-2',
      roles: ['case_supervisor'],
      name: 'Cleo Supervisor',
      email: 'cleo@county.example',
    };
    await as(stack, sup2).get('/tasks');
    await as(stack, cw2).get('/tasks');
    expect((await as(stack, caseSup).post(`/tasks/${interview.id}/assign`, { assigneeId: cw2.sub })).body.code).toBe(
      'invalid_assignee',
    );
    const handed = await as(stack, caseSup).post(`/tasks/${interview.id}/assign`, { assigneeId: sup2.sub });
    expect(handed.status).toBe(200);
    await eventually(
      async () => (await mailbox(sup2.email)).some((m) => m.subject.includes('Assigned to you')),
      'the assignment e-mail',
    );
    // An admin never acts on youth and match tasks.
    const admin: Person = { sub: 'admin-9', roles: ['admin'], name: 'Ada' };
    expect((await as(stack, admin).post(`/tasks/${interview.id}/assign`, { assigneeId: sup2.sub })).status).toBe(404);
  });
});

test('a late safety review escalates to the case supervisors, even when the policy names admin', async () => {
  const own = await startStack({
    policy: {
      tasks: { ...QUIET_TASKS, safety_review: { due: 'PT3S', reminderBefore: 'PT1S', escalateTo: 'admin' } },
      foster: { firstCheckInAfter: 'PT2S' },
    },
  });
  try {
    const match = await activeMatch(own, await approvedMentor(own), await readyYouth(own));
    const contact = await eventually(
      async () => taskOf((await as(own, cw1).get(`/foster/matches/${match.id}`)).body, 'match_contact'),
      'the first contact',
    );
    const done = await as(own, cw1).post(`/tasks/${contact.id}/complete`, {
      outcome: 'done',
      data: { reached: ['mentor', 'youth'], how: 'phone', satisfaction: 2, safetyConcern: true },
    });
    const safety = taskOf(done.body.case, 'safety_review');
    await eventually(
      async () => (await as(own, caseSup).get(`/tasks/${safety.id}`)).body.escalated,
      'the escalation',
      20_000,
    );
    expect((await as(own, caseSup).get('/tasks?view=escalated')).body.items.map((t: Task) => t.id)).toContain(
      safety.id,
    );
    const admin: Person = { sub: 'admin-7', roles: ['admin'], name: 'Ada' };
    expect((await as(own, admin).get(`/tasks/${safety.id}`)).status).toBe(404);
    expect((await as(own, admin).get('/tasks?view=escalated')).body.items.map((t: Task) => t.id)).not.toContain(
      safety.id,
    );
  } finally {
    await own.stop();
  }
});
