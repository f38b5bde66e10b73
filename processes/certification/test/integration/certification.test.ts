/** Quality-based certification of programs through HTTP, on the dev server and PostgreSQL. */
import { QUIET_TASKS, as, eventually, mailbox, startStack, type Stack } from '../../../../test/support/stack';
import {
  admin,
  employee,
  enrollmentBody,
  registerProgram,
  reviewer,
  reviewer2,
  reviewLead,
  staffOf,
  year,
} from '../../../../test/integration/fixtures';
import { allYesOfCase } from './case-questions';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    policy: {
      tasks: {
        ...QUIET_TASKS,
        assessment_review: { due: 'PT4S', reminderBefore: 'PT2S', escalateTo: 'review_lead' },
      },
    },
  });
});
afterAll(async () => stack?.stop());

type Task = { id: string; type: string; escalated: boolean };

async function apply(programId: string, level: 'affiliate' | 'partner') {
  const r = await as(stack, staffOf(programId)).post(`/programs/${programId}/certifications`, { level });
  return r;
}
async function approveApplication(caseBody: { openTasks: Task[] }) {
  const t = caseBody.openTasks.find((x) => x.type === 'application_review')!;
  return as(stack, reviewer).post(`/tasks/${t.id}/complete`, { outcome: 'approve' });
}
async function submitAllYes(caseId: string, programId: string) {
  const allYes = await allYesOfCase(stack, staffOf(programId), caseId);
  expect(
    (await as(stack, staffOf(programId)).put(`/certifications/${caseId}/self-assessment`, { answers: allYes })).status,
  ).toBe(200);
  return as(stack, staffOf(programId)).post(`/certifications/${caseId}/self-assessment/submit`);
}

test('the question bank has at least 3 questions for each of the six standards', async () => {
  const r = await as(stack).get('/certifications/questions');
  expect(r.status).toBe(200);
  for (const s of [
    'recruitment',
    'screening',
    'training',
    'matching_and_initiating',
    'monitoring_and_support',
    'closure',
  ]) {
    expect(r.body.items.filter((q: { standard: string }) => q.standard === s).length).toBeGreaterThanOrEqual(3);
  }
});

test('the whole path to Partner: application, Associate Partner, self-assessment, work plan with a rejected item, Partner', async () => {
  const { id: programId, contactEmail } = await registerProgram(stack);
  const staff = staffOf(programId);
  const created = await apply(programId, 'partner');
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    type: 'certification',
    stage: 'application_review',
    programId,
    levelSought: 'partner',
  });
  const caseId = created.body.id;

  const approved = await approveApplication(created.body);
  expect(approved.status).toBe(200);
  expect(approved.body.case.stage).toBe('self_assessment');
  expect(Date.parse(approved.body.case.deadline) - Date.now()).toBeGreaterThan(110 * 86_400_000);
  expect((await as(stack).get(`/programs/${programId}`)).body.level).toBe('associate_partner');

  // Drafts may be saved many times; an incomplete assessment cannot be submitted.
  const allYes = await allYesOfCase(stack, staff, caseId);
  await as(stack, staff).put(`/certifications/${caseId}/self-assessment`, { answers: allYes.slice(0, 5) });
  await as(stack, staff).put(`/certifications/${caseId}/self-assessment`, {
    answers: [{ ...allYes[0], response: 'partially' }],
  });
  const incomplete = await as(stack, staff).post(`/certifications/${caseId}/self-assessment/submit`);
  expect(incomplete.status).toBe(422);
  expect(incomplete.body.code).toBe('assessment_incomplete');
  let c = (await as(stack, staff).get(`/certifications/${caseId}`)).body;
  expect(c.selfAssessment.answers).toHaveLength(5);
  expect(c.selfAssessment.answers[0].response).toBe('partially');

  const submitted = await submitAllYes(caseId, programId);
  expect(submitted.status).toBe(200);
  expect(submitted.body.stage).toBe('review');
  expect(submitted.body.selfAssessment.submittedAt).toBeDefined();

  // Reviewers claim the review; staff cannot review.
  const review = submitted.body.openTasks.find((t: Task) => t.type === 'assessment_review');
  expect((await as(stack, staff).post(`/tasks/${review.id}/complete`, { outcome: 'partner' })).status).toBe(403);
  expect((await as(stack, reviewer).post(`/tasks/${review.id}/claim`)).status).toBe(200);
  expect((await as(stack, reviewer2).post(`/tasks/${review.id}/claim`)).status).toBe(409);
  const badPlan = await as(stack, reviewer).post(`/tasks/${review.id}/complete`, {
    outcome: 'work_plan',
    data: { items: [{ standard: 'cooking', description: 'x', dueDate: '2027-01-01' }] },
  });
  expect(badPlan.status).toBe(400);
  expect(badPlan.body.errors).toEqual(
    expect.arrayContaining([expect.objectContaining({ path: 'data.items.0.standard' })]),
  );
  const plan = await as(stack, reviewer).post(`/tasks/${review.id}/complete`, {
    outcome: 'work_plan',
    data: {
      findings: { screening: 'References are not recorded' },
      items: [
        {
          standard: 'screening',
          description: 'Record reference answers in the mentor file',
          dueDate: `${year + 1}-01-31`,
        },
        { standard: 'closure', description: 'Write a closure procedure', dueDate: `${year + 1}-02-28` },
      ],
    },
  });
  expect(plan.status).toBe(200);
  expect(plan.body.case.stage).toBe('work_plan');
  const [first, second] = plan.body.case.workPlan;
  expect(first).toMatchObject({ standard: 'screening', status: 'open' });

  const done1 = await as(stack, staff).post(`/certifications/${caseId}/work-plan/${first.id}/complete`, {
    evidence: 'Template attached',
  });
  expect(done1.body.status).toBe('submitted');
  c = (await as(stack, staff).get(`/certifications/${caseId}`)).body;
  const verify1 = c.openTasks.find((t: Task) => t.type === 'work_plan_verification');
  // Whoever wrote the plan does not verify it: the second reviewer does.
  expect((await as(stack, reviewer).post(`/tasks/${verify1.id}/complete`, { outcome: 'verified' })).body.code).toBe(
    'self_approval',
  );
  const rejected = await as(stack, reviewer2).post(`/tasks/${verify1.id}/complete`, {
    outcome: 'rejected',
    comment: 'The template has no date field',
  });
  expect(rejected.body.case.workPlan.find((i: { id: string }) => i.id === first.id).status).toBe('rejected');
  await eventually(
    async () => (await mailbox(contactEmail)).some((m) => m.text.includes('The template has no date field')),
    'the e-mail',
  );

  // The rejected item reopens and is completed again.
  await as(stack, staff).post(`/certifications/${caseId}/work-plan/${first.id}/complete`, {
    evidence: 'Template with dates',
  });
  await as(stack, staff).post(`/certifications/${caseId}/work-plan/${second.id}/complete`, {
    evidence: 'Procedure v1',
  });
  c = (await as(stack, staff).get(`/certifications/${caseId}`)).body;
  const verifies = c.openTasks.filter((t: Task) => t.type === 'work_plan_verification');
  expect(verifies).toHaveLength(2);
  expect(
    (await as(stack, reviewer2).post(`/tasks/${verifies[0].id}/complete`, { outcome: 'verified' })).body.case.stage,
  ).toBe('work_plan');
  const last = await as(stack, reviewer2).post(`/tasks/${verifies[1].id}/complete`, { outcome: 'verified' });
  expect(last.body.case.stage).toBe('partner');
  expect(last.body.case.certifiedUntil).toMatch(new RegExp(`^${year + 3}-`));

  const dir = (await as(stack).get('/programs?level=partner')).body.items.find(
    (p: { id: string }) => p.id === programId,
  );
  expect(dir).toMatchObject({ level: 'partner', certifiedUntil: last.body.case.certifiedUntil });
  // The same source of truth lets its mentors enroll for mentoring leave.
  const emp = employee(90);
  expect((await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId))).status).toBe(201);
  const tl = (await as(stack, reviewer).get(`/cases/${caseId}/timeline`)).body.items.map(
    (e: { event: string }) => e.event,
  );
  expect(tl).toEqual(
    expect.arrayContaining([
      'applied',
      'application_approved',
      'self_assessment_submitted',
      'work_plan_set',
      'work_plan_item_rejected',
      'partner_awarded',
    ]),
  );
  const programTimeline = await eventually(async () => {
    const items = (await as(stack, admin).get(`/programs/${programId}/timeline`)).body.items.map(
      (e: { event: string }) => e.event,
    );
    return items.filter((e: string) => e === 'level_changed').length === 2 ? items : undefined;
  }, 'the program timeline');
  expect(programTimeline).toEqual(['program_registered', 'level_changed', 'level_changed']);
});

test('the Affiliate path, and a denial whose reason is e-mailed to the contact', async () => {
  const { id: programId, contactEmail } = await registerProgram(stack);
  const affiliate = await apply(programId, 'affiliate');
  const approved = await approveApplication(affiliate.body);
  expect(approved.body.case).toMatchObject({ stage: 'affiliate', status: 'closed' });
  expect((await as(stack).get(`/programs/${programId}`)).body.level).toBe('affiliate');

  const second = await registerProgram(stack);
  const applied = await apply(second.id, 'partner');
  const t = applied.body.openTasks[0];
  expect((await as(stack, reviewer).post(`/tasks/${t.id}/complete`, { outcome: 'deny' })).body.code).toBe(
    'reason_required',
  );
  const denied = await as(stack, reviewer).post(`/tasks/${t.id}/complete`, {
    outcome: 'deny',
    comment: 'No written screening policy yet',
  });
  expect(denied.body.case.stage).toBe('denied');
  await eventually(
    async () => (await mailbox(second.contactEmail)).some((m) => m.text.includes('No written screening policy yet')),
    'the e-mail',
  );
  expect((await as(stack).get(`/programs/${second.id}`)).body.level).toBe('none');
  expect(contactEmail).toBeTruthy();
});

test('422 not_eligible_for_partner before 12 months of operation; 409 for a second open case', async () => {
  const young = await registerProgram(stack, { startedOn: `${year}-01-01`, minimumMatchMonths: 12 });
  const r = await apply(young.id, 'partner');
  expect(r.status).toBe(422);
  expect(r.body.code).toBe('not_eligible_for_partner');
  expect((await apply(young.id, 'affiliate')).status).toBe(201);
  const again = await apply(young.id, 'affiliate');
  expect(again.status).toBe(409);
});

test("scope: one program's staff cannot see another's case; only reviewers review", async () => {
  const a = await registerProgram(stack);
  const b = await registerProgram(stack);
  const created = await apply(a.id, 'partner');
  expect((await as(stack, staffOf(b.id)).get(`/certifications/${created.body.id}`)).status).toBe(404);
  expect((await as(stack, staffOf(b.id)).post(`/programs/${a.id}/certifications`, { level: 'affiliate' })).status).toBe(
    403,
  );
  expect(
    (await as(stack, staffOf(b.id)).get('/cases?type=certification')).body.items.map((c: { id: string }) => c.id),
  ).not.toContain(created.body.id);
  expect((await as(stack, employee(91)).get(`/certifications/${created.body.id}`)).status).toBe(404);
  const t = created.body.openTasks[0];
  expect((await as(stack, staffOf(a.id)).post(`/tasks/${t.id}/complete`, { outcome: 'approve' })).status).toBe(403);
  expect((await as(stack, reviewer).get('/tasks?type=application_review')).body.items.map((x: Task) => x.id)).toContain(
    t.id,
  );
});

test('an assessment review not done in time escalates to the review lead', async () => {
  const { id: programId } = await registerProgram(stack);
  const created = await apply(programId, 'partner');
  await approveApplication(created.body);
  const submitted = await submitAllYes(created.body.id, programId);
  const review = submitted.body.openTasks.find((t: Task) => t.type === 'assessment_review');
  await eventually(
    async () => (await as(stack, reviewer).get(`/tasks/${review.id}`)).body.escalated,
    'the escalation',
    20_000,
  );
  expect((await as(stack, reviewLead).get('/tasks?view=escalated')).body.items.map((t: Task) => t.id)).toContain(
    review.id,
  );
  await eventually(
    async () => (await mailbox('review-lead@mentorflow.local')).some((m) => m.text.includes(review.id)),
    'the e-mail to the review lead',
  );
  // The lead hands it to another reviewer.
  expect((await as(stack, reviewLead).post(`/tasks/${review.id}/assign`, { assigneeId: reviewer2.sub })).status).toBe(
    200,
  );
  expect(
    (await as(stack, reviewer2).post(`/tasks/${review.id}/complete`, { outcome: 'partner' })).body.case.stage,
  ).toBe('partner');
});
