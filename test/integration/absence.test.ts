/**
 * Out of office (docs/administration.md, "Absence") on real Temporal and PostgreSQL: while a
 * person is away, what reaches them by name and by mail reaches their substitute, who acts on
 * it through the workflows' own validators; when the absence ends that stops; their held tasks
 * move to a colleague in one step. Tried like an attacker too: someone setting another
 * person's absence, a substitute of another department, an absence naming oneself.
 */
import { randomUUID } from 'node:crypto';
import { as, eventually, mailbox, startStack, truncateAll, type Person, type Stack } from '../support/stack';
import { admin, certifiedProgram, coordinatorOf, DEPT, employee, enrollmentBody, hr, today } from './fixtures';

const run = randomUUID().slice(0, 8);
const uid = (name: string) => `${name}-${run}`;
/** A department of this suite's own, whose HR mailbox is the absent officer's own address. */
const ABS_DEPT = `ABS${run.slice(0, 4)}`;
const person = (name: string, role: string, department: string): Person & { email: string } => ({
  sub: uid(name),
  roles: [role],
  department,
  name: `${name} ${run}`,
  email: `${uid(name)}@example.gov`,
});
const hrAway = person('hr-away', 'hr_officer', ABS_DEPT);
const hrSub = person('hr-sub', 'hr_officer', ABS_DEPT);
const hrOther = person('hr-other', 'hr_officer', 'DMV');
const supAway = person('sup-away', 'supervisor', DEPT);
const supSub = person('sup-sub', 'supervisor', DEPT);

let stack: Stack;
let programId: string;

beforeAll(async () => {
  stack = await startStack({ policy: { mailboxes: { [`hr_officer:${ABS_DEPT}`]: hrAway.email } } });
  await truncateAll(stack.db);
  programId = await certifiedProgram(stack);
  for (const p of [hrAway, hrSub, hrOther, supAway, supSub]) {
    const r = await as(stack, admin).post('/people', {
      id: p.sub,
      name: p.name,
      email: p.email,
      roles: [{ role: p.roles[0], department: p.department }],
    });
    expect(r.status).toBe(201);
  }
});
afterAll(async () => {
  await stack?.db.deleteFrom('absences').where('person_id', 'like', `%-${run}`).execute();
  await stack?.db.deleteFrom('people').where('id', 'like', `%-${run}`).execute();
  await stack?.stop();
});

const week = () => ({
  from: new Date(Date.now() - 60_000).toISOString(),
  to: new Date(Date.now() + 7 * 86_400_000).toISOString(),
});
const inbox = async (p: Person) => (await as(stack, p).get('/tasks?status=open')).body.items as { id: string }[];
const absenceRows = (id: string) => stack.db.selectFrom('absences').selectAll().where('person_id', '=', id).execute();
const auditKinds = async (id: string) =>
  (
    await stack.db
      .selectFrom('audit_events')
      .select('kind')
      .where('target', '=', `person:${id}`)
      .orderBy('id')
      .execute()
  ).map((e) => e.kind);

/** An employee of the department enrolled; returns the case and its eligibility review. */
async function enrolled(n: number, department: string, supervisor: Person & { email: string }) {
  const emp = { ...employee(n), sub: uid(`emp${n}`), department };
  const body = enrollmentBody(emp, programId, {
    employee: { department },
    supervisor: { id: supervisor.sub, name: supervisor.name, email: supervisor.email },
  });
  const created = await as(stack, emp).post('/mentoring-leave/enrollments', body);
  expect([created.status, created.status === 201 ? '' : created.text]).toEqual([201, '']);
  const review = created.body.openTasks.find((t: { type: string }) => t.type === 'eligibility_review');
  return { emp, caseId: created.body.id as string, reviewId: review.id as string };
}

/** The employee logs an hour, the coordinator verifies it, and a leave request awaits its supervisor. */
async function approvalRequested(emp: Person, caseId: string): Promise<string> {
  const logged = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/personal-time`, {
    date: today,
    hours: 1,
    kind: 'off_duty',
    description: 'Tutoring',
  });
  expect(logged.status).toBe(201);
  const c1 = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
  const verify = c1.openTasks.find((t: { type: string }) => t.type === 'verify_personal_hours');
  expect(
    (await as(stack, coordinatorOf(programId)).post(`/tasks/${verify.id}/complete`, { outcome: 'verify' })).status,
  ).toBe(200);
  const r = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/requests`, {
    date: today,
    hours: 1,
    attestNoTravel: true,
  });
  expect(r.status).toBe(201);
  const c = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
  return c.openTasks.find((t: { type: string }) => t.type === 'supervisor_approval').id as string;
}

describe('an absence with a substitute', () => {
  test("an absent HR officer's new task reaches the substitute, who completes it; the e-mail goes to them too", async () => {
    const set = await as(stack, hrAway).put(`/people/${hrAway.sub}/absence`, { ...week(), substituteId: hrSub.sub });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ substituteId: hrSub.sub, current: true, setBy: hrAway.sub });
    const shown = await as(stack, admin).get(`/people/${hrAway.sub}`);
    expect(shown.body.absence).toMatchObject({ substituteId: hrSub.sub, substituteName: hrSub.name });

    const { caseId, reviewId } = await enrolled(61, ABS_DEPT, supAway);
    expect((await inbox(hrSub)).map((t) => t.id)).toContain(reviewId);
    const mail = await eventually(async () => {
      const m = (await mailbox(hrSub.email)).filter((x) => x.text.includes(reviewId) || x.subject.includes('eligib'));
      return m.length ? m : undefined;
    }, 'the task e-mail at the substitute');
    expect(mail[0].to).toEqual(expect.arrayContaining([hrAway.email, hrSub.email]));
    const done = await as(stack, hrSub).post(`/tasks/${reviewId}/complete`, { outcome: 'approve' });
    expect(done.status).toBe(200);
    expect(done.body.case).toMatchObject({ id: caseId, stage: 'active' });
    expect(await auditKinds(hrAway.sub)).toContain('absence_set');
  });

  test('a task the absent person holds: their substitute completes it', async () => {
    const { reviewId } = await enrolled(66, ABS_DEPT, supAway);
    expect((await as(stack, hrAway).post(`/tasks/${reviewId}/claim`)).status).toBe(200);
    const done = await as(stack, hrSub).post(`/tasks/${reviewId}/complete`, { outcome: 'approve' });
    expect([done.status, done.body.task?.completedBy ?? done.body.code]).toEqual([200, hrSub.sub]);
  });

  test("a named supervisor's approval reaches the substitute while the absence runs, and not after it ends", async () => {
    const { emp, caseId, reviewId } = await enrolled(62, DEPT, supAway);
    expect((await as(stack, hr).post(`/tasks/${reviewId}/complete`, { outcome: 'approve' })).status).toBe(200);
    const requestApproval = () => approvalRequested(emp, caseId);

    // Before the absence the substitute neither sees nor may complete it.
    const first = await requestApproval();
    expect((await inbox(supSub)).map((t) => t.id)).not.toContain(first);
    expect([403, 404, 422]).toContain(
      (await as(stack, supSub).post(`/tasks/${first}/complete`, { outcome: 'approve' })).status,
    );

    expect(
      (await as(stack, admin).put(`/people/${supAway.sub}/absence`, { ...week(), substituteId: supSub.sub })).status,
    ).toBe(200);
    expect((await inbox(supSub)).map((t) => t.id)).toContain(first);
    const done = await as(stack, supSub).post(`/tasks/${first}/complete`, { outcome: 'approve' });
    expect(done.status).toBe(200);
    const timeline = await stack.db.selectFrom('timeline').selectAll().where('case_id', '=', caseId).execute();
    expect(
      timeline.find((e) => e.event === 'task_completed' && (e.detail as { taskId?: string }).taskId === first)
        ?.actor_id,
    ).toBe(supSub.sub);

    // The absence ends: the next approval is the absent supervisor's alone again.
    const ended = await as(stack, supAway).raw('DELETE', `/api/v1/people/${supAway.sub}/absence`);
    expect(ended.status).toBe(204);
    expect(await absenceRows(supAway.sub)).toEqual([]);
    expect(await auditKinds(supAway.sub)).toEqual(expect.arrayContaining(['absence_set', 'absence_ended']));
    const second = await requestApproval();
    expect((await inbox(supSub)).map((t) => t.id)).not.toContain(second);
    expect((await inbox(supAway)).map((t) => t.id)).toContain(second);
    const refused = await as(stack, supSub).post(`/tasks/${second}/complete`, { outcome: 'approve' });
    expect([403, 404, 422]).toContain(refused.status);
  });

  test('handover moves the tasks a person holds to a colleague, case by case', async () => {
    const a = await enrolled(63, ABS_DEPT, supAway);
    const b = await enrolled(64, ABS_DEPT, supAway);
    for (const t of [a.reviewId, b.reviewId])
      expect((await as(stack, hrAway).post(`/tasks/${t}/claim`)).status).toBe(200);
    const moved = await as(stack, hrAway).post(`/people/${hrAway.sub}/handover`, { toId: hrSub.sub });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ moved: 2, pending: 0, refused: 0 });
    expect(moved.body.items.map((i: { taskId: string; result: string }) => [i.taskId, i.result]).sort()).toEqual(
      [
        [a.reviewId, 'moved'],
        [b.reviewId, 'moved'],
      ].sort(),
    );
    const rows = await stack.db
      .selectFrom('tasks')
      .select(['id', 'assignee_id'])
      .where('id', 'in', [a.reviewId, b.reviewId])
      .execute();
    expect(rows.map((r) => r.assignee_id)).toEqual([hrSub.sub, hrSub.sub]);
    const events = await stack.db
      .selectFrom('timeline')
      .selectAll()
      .where('case_id', '=', a.caseId)
      .where('event', '=', 'task_assigned')
      .execute();
    expect(events[0]).toMatchObject({ actor_id: hrAway.sub, detail: { assigneeId: hrSub.sub, from: hrAway.sub } });
    expect((await as(stack, hrSub).post(`/tasks/${a.reviewId}/complete`, { outcome: 'approve' })).status).toBe(200);
    expect(await auditKinds(hrAway.sub)).toContain('tasks_handed_over');
  });

  test('a holder whose role supervises nothing hands over too: a coordinator to a colleague of the program', async () => {
    const coordinator = (name: string): Person => ({ sub: uid(name), roles: ['org_coordinator'], programId, name });
    const [away, colleague] = [coordinator('coord-away'), coordinator('coord-sub')];
    for (const p of [away, colleague])
      expect(
        (
          await as(stack, admin).post('/people', {
            id: p.sub,
            name: p.name,
            email: `${p.sub}@example.gov`,
            roles: [{ role: 'org_coordinator', programId }],
          })
        ).status,
      ).toBe(201);
    const { emp, caseId, reviewId } = await enrolled(65, DEPT, supAway);
    expect((await as(stack, hr).post(`/tasks/${reviewId}/complete`, { outcome: 'approve' })).status).toBe(200);
    const logged = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/personal-time`, {
      date: today,
      hours: 1,
      kind: 'off_duty',
      description: 'Tutoring',
    });
    expect(logged.status).toBe(201);
    const c = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
    const verify = c.openTasks.find((t: { type: string }) => t.type === 'verify_personal_hours').id as string;
    expect((await as(stack, away).post(`/tasks/${verify}/claim`)).status).toBe(200);
    const moved = await as(stack, away).post(`/people/${away.sub}/handover`, { toId: colleague.sub });
    expect(moved.body).toMatchObject({ moved: 1, refused: 0, items: [{ taskId: verify, result: 'moved' }] });
    const row = await stack.db.selectFrom('tasks').select('assignee_id').where('id', '=', verify).executeTakeFirst();
    expect(row?.assignee_id).toBe(colleague.sub);
  });
});

describe('refused', () => {
  test('a substitute moved to another department stops standing in at once', async () => {
    const { emp, caseId, reviewId } = await enrolled(67, DEPT, supAway);
    expect((await as(stack, hr).post(`/tasks/${reviewId}/complete`, { outcome: 'approve' })).status).toBe(200);
    const approval = await approvalRequested(emp, caseId);
    const set = await as(stack, admin).put(`/people/${supAway.sub}/absence`, { ...week(), substituteId: supSub.sub });
    expect(set.status).toBe(200);
    expect((await inbox(supSub)).map((t) => t.id)).toContain(approval);
    const roles = (department: string) => [{ role: 'supervisor', department }];
    expect((await as(stack, admin).patch(`/people/${supSub.sub}`, { roles: roles('DMV') })).status).toBe(200);
    try {
      expect((await inbox({ ...supSub, department: 'DMV' })).map((t) => t.id)).not.toContain(approval);
    } finally {
      await as(stack, admin).patch(`/people/${supSub.sub}`, { roles: roles(DEPT) });
      await as(stack, admin).raw('DELETE', `/api/v1/people/${supAway.sub}/absence`);
    }
  });

  test("a non-admin setting someone else's absence or handing over their tasks: 403, nothing changes", async () => {
    const before = await absenceRows(supSub.sub);
    const put = await as(stack, supAway).put(`/people/${supSub.sub}/absence`, { ...week(), substituteId: supAway.sub });
    expect(put.status).toBe(403);
    expect((await as(stack, supAway).raw('DELETE', `/api/v1/people/${hrAway.sub}/absence`)).status).toBe(403);
    expect((await as(stack, supAway).post(`/people/${hrAway.sub}/handover`, { toId: supAway.sub })).status).toBe(403);
    expect(await absenceRows(supSub.sub)).toEqual(before);
  });

  test('a substitute of another department, or oneself, or no one: 422 invalid_substitute, nothing changes', async () => {
    const audited = await auditKinds(supSub.sub);
    for (const substituteId of [hrOther.sub, supSub.sub, uid('nobody'), hrSub.sub]) {
      const r = await as(stack, supSub).put(`/people/${supSub.sub}/absence`, { ...week(), substituteId });
      expect({ substituteId, status: r.status, code: r.body.code }).toEqual({
        substituteId,
        status: 422,
        code: 'invalid_substitute',
      });
    }
    const other = await as(stack, admin).put(`/people/${hrAway.sub}/absence`, { ...week(), substituteId: hrOther.sub });
    expect(other.status).toBe(422);
    expect(await absenceRows(supSub.sub)).toEqual([]);
    expect(await auditKinds(supSub.sub)).toEqual(audited);
    const handover = await as(stack, hrAway).post(`/people/${hrAway.sub}/handover`, { toId: hrOther.sub });
    expect(handover.status).toBe(422);
    const backwards = await as(stack, supSub).put(`/people/${supSub.sub}/absence`, {
      from: new Date(Date.now() + 86_400_000).toISOString(),
      to: new Date().toISOString(),
      substituteId: supAway.sub,
    });
    expect(backwards.status).toBe(400);
  });
});
