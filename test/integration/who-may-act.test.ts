/**
 * "Who may act" (docs/security.md) tried the way someone with a second account and a bit of bad
 * intent would: each bypass below worked before the rules moved into the workflows. Real
 * Temporal dev server and PostgreSQL; the last tests go around the API to the workflow.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { completeTaskUpdate } from '../../platform/workflow/messages';
import { logPersonalTimeUpdate } from '../../processes/mentoring-leave/messages';
import { as, eventually, mailbox, startStack, truncateAll, type Person, type Stack } from '../support/stack';
import {
  activeEnrollment,
  certifiedProgram,
  coordinatorOf,
  DEPT,
  employee,
  enrollmentBody,
  hr,
  hr2,
  sup,
  today,
} from './fixtures';

let stack: Stack;
let programId: string;

beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
  programId = await certifiedProgram(stack);
});
afterAll(async () => stack?.stop());

type Task = { id: string; type: string; assigneeId?: string; candidateRoles: string[] };
const taskOf = (c: { openTasks: Task[] }, type: string) => c.openTasks.find((t) => t.type === type)!;
const inbox = async (p: Person) => (await as(stack, p).get('/tasks')).body.items.map((t: Task) => t.id);

/** An active enrollment with one pending leave request; returns the case and its supervisor task. */
async function pendingRequest(emp: Person & { email: string }) {
  const caseId = await activeEnrollment(stack, emp, programId);
  const logged = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/personal-time`, {
    date: today,
    hours: 2,
    kind: 'off_duty',
    description: 'Tutoring',
  });
  const c1 = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
  expect(
    (
      await as(stack, coordinatorOf(programId)).post(`/tasks/${taskOf(c1, 'verify_personal_hours').id}/complete`, {
        outcome: 'verify',
      })
    ).status,
  ).toBe(200);
  expect(logged.status).toBe(201);
  const r = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/requests`, {
    date: today,
    hours: 1,
    attestNoTravel: true,
  });
  expect(r.status).toBe(201);
  const c = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
  return { caseId, supTask: taskOf(c, 'supervisor_approval') };
}

describe('mentoring leave', () => {
  test("HR cannot hand a supervisor's approval to the employee who asked (403 self_approval) or to themselves (422 invalid_assignee)", async () => {
    const emp = employee(101);
    const { supTask } = await pendingRequest(emp);
    const toEmployee = await as(stack, hr).post(`/tasks/${supTask.id}/assign`, { assigneeId: emp.sub });
    expect(toEmployee.status).toBe(403);
    expect(toEmployee.body.code).toBe('self_approval');
    const toSelf = await as(stack, hr).post(`/tasks/${supTask.id}/assign`, { assigneeId: hr.sub });
    expect(toSelf.status).toBe(422);
    expect(toSelf.body.code).toBe('invalid_assignee');
    expect((await as(stack, hr).post(`/tasks/${supTask.id}/complete`, { outcome: 'approve' })).body.code).toBe(
      'not_a_candidate',
    );
    const unknown = await as(stack, hr).post(`/tasks/${supTask.id}/assign`, { assigneeId: 'nobody-ever-signed-in' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('invalid_assignee');
    // Nothing changed: the named supervisor still approves.
    expect((await as(stack, sup).post(`/tasks/${supTask.id}/complete`, { outcome: 'approve' })).status).toBe(200);
  });

  test('an employee cannot name themselves as their own supervisor (422 invalid_supervisor)', async () => {
    const emp = employee(102);
    const self = await as(stack, emp).post(
      '/mentoring-leave/enrollments',
      enrollmentBody(emp, programId, { supervisor: { id: emp.sub, name: emp.name, email: emp.email } }),
    );
    expect(self.status).toBe(422);
    expect(self.body.code).toBe('invalid_supervisor');
    const sameEmail = await as(stack, emp).post(
      '/mentoring-leave/enrollments',
      enrollmentBody(emp, programId, { supervisor: { id: 'alias-1', name: 'Me', email: emp.email.toUpperCase() } }),
    );
    expect(sameEmail.body.code).toBe('invalid_supervisor');
  });

  test('HR confirms or corrects the supervisor in the eligibility review; the corrected one gets the approvals', async () => {
    const emp = employee(103);
    const created = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
    const review = taskOf(created.body, 'eligibility_review');
    const toEmployee = await as(stack, hr).post(`/tasks/${review.id}/complete`, {
      outcome: 'approve',
      data: { supervisor: { id: emp.sub, name: 'x', email: emp.email } },
    });
    expect(toEmployee.status).toBe(422);
    expect(toEmployee.body.code).toBe('invalid_supervisor');
    const newSup: Person = {
      sub: 'sup-9',
      roles: ['supervisor'],
      department: DEPT,
      name: 'Nia New',
      email: 'nia@example.gov',
    };
    const ok = await as(stack, hr).post(`/tasks/${review.id}/complete`, {
      outcome: 'approve',
      data: { supervisor: { id: newSup.sub, name: newSup.name, email: newSup.email } },
    });
    expect(ok.status).toBe(200);
    const events = (await as(stack, emp).get(`/cases/${created.body.id}/timeline`)).body.items.map(
      (e: { event: string }) => e.event,
    );
    expect(events).toContain('supervisor_corrected');
    await as(stack, emp).post(`/mentoring-leave/enrollments/${created.body.id}/personal-time`, {
      date: today,
      hours: 1,
      kind: 'off_duty',
      description: 'Tutoring',
    });
    const v = taskOf(
      (await as(stack, emp).get(`/mentoring-leave/enrollments/${created.body.id}`)).body,
      'verify_personal_hours',
    );
    await as(stack, coordinatorOf(programId)).post(`/tasks/${v.id}/complete`, { outcome: 'verify' });
    await as(stack, emp).post(`/mentoring-leave/enrollments/${created.body.id}/requests`, {
      date: today,
      hours: 1,
      attestNoTravel: true,
    });
    const st = taskOf(
      (await as(stack, emp).get(`/mentoring-leave/enrollments/${created.body.id}`)).body,
      'supervisor_approval',
    );
    expect(await inbox(newSup)).toContain(st.id);
    expect(await inbox(sup)).not.toContain(st.id);
    await eventually(
      async () => (await mailbox(newSup.email)).some((m) => m.text.includes(st.id)),
      'the new supervisor is e-mailed',
    );
  });

  test('an employee who is also an HR officer cannot approve their own eligibility (403 self_approval), nor see it in the inbox', async () => {
    const both: Person & { email: string } = {
      sub: 'emp-hr-1',
      roles: ['employee', 'hr_officer'],
      department: DEPT,
      name: 'Bo Both',
      email: 'bo@example.gov',
    };
    const created = await as(stack, both).post('/mentoring-leave/enrollments', enrollmentBody(both, programId));
    expect(created.status).toBe(201);
    const review = taskOf(created.body, 'eligibility_review');
    expect(await inbox(both)).not.toContain(review.id);
    const own = await as(stack, both).post(`/tasks/${review.id}/complete`, { outcome: 'approve' });
    expect(own.status).toBe(403);
    expect(own.body.code).toBe('self_approval');
    expect((await as(stack, both).post(`/tasks/${review.id}/claim`)).body.code).toBe('self_approval');
    expect(await inbox(hr)).toContain(review.id);
  });

  test('the supervisor approval and the HR approval of one request need two different people', async () => {
    const supHr: Person & { email: string } = {
      sub: 'sup-hr-1',
      roles: ['supervisor', 'hr_officer'],
      department: DEPT,
      name: 'Sky Both',
      email: 'sky@example.gov',
    };
    const emp = employee(104);
    const created = await as(stack, emp).post(
      '/mentoring-leave/enrollments',
      enrollmentBody(emp, programId, { supervisor: { id: supHr.sub, name: supHr.name, email: supHr.email } }),
    );
    expect(
      (
        await as(stack, hr).post(`/tasks/${taskOf(created.body, 'eligibility_review').id}/complete`, {
          outcome: 'approve',
        })
      ).status,
    ).toBe(200);
    await as(stack, emp).post(`/mentoring-leave/enrollments/${created.body.id}/personal-time`, {
      date: today,
      hours: 1,
      kind: 'off_duty',
      description: 'Tutoring',
    });
    await as(stack, coordinatorOf(programId)).post(
      `/tasks/${taskOf((await as(stack, emp).get(`/mentoring-leave/enrollments/${created.body.id}`)).body, 'verify_personal_hours').id}/complete`,
      { outcome: 'verify' },
    );
    await as(stack, emp).post(`/mentoring-leave/enrollments/${created.body.id}/requests`, {
      date: today,
      hours: 1,
      attestNoTravel: true,
    });
    const st = taskOf(
      (await as(stack, emp).get(`/mentoring-leave/enrollments/${created.body.id}`)).body,
      'supervisor_approval',
    );
    const bySup = await as(stack, supHr).post(`/tasks/${st.id}/complete`, { outcome: 'approve' });
    expect(bySup.status).toBe(200);
    const hrTask = taskOf(bySup.body.case, 'hr_approval');
    expect(await inbox(supHr)).not.toContain(hrTask.id);
    const again = await as(stack, supHr).post(`/tasks/${hrTask.id}/complete`, { outcome: 'approve' });
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('self_approval');
    const handed = await as(stack, hr).post(`/tasks/${hrTask.id}/assign`, { assigneeId: supHr.sub });
    expect(handed.body.code).toBe('invalid_assignee');
    expect((await as(stack, hr).post(`/tasks/${hrTask.id}/complete`, { outcome: 'approve' })).status).toBe(200);
  });

  test('an HR officer without a department claim sees and enrolls nothing (403)', async () => {
    const hrNoDept: Person = { sub: 'hr-nodept', roles: ['hr_officer'], name: 'Nadia NoDept' };
    const emp = employee(105);
    const caseId = await activeEnrollment(stack, emp, programId);
    expect((await as(stack, hrNoDept).get(`/cases/${caseId}`)).status).toBe(404);
    expect((await as(stack, hrNoDept).get('/cases')).body.items).toEqual([]);
    expect(await inbox(hrNoDept)).toEqual([]);
    const enroll = await as(stack, hrNoDept).post(
      '/mentoring-leave/enrollments',
      enrollmentBody(employee(106), programId),
    );
    expect(enroll.status).toBe(403);
    expect(enroll.body.detail).toMatch(/department/);
    expect((await as(stack, hrNoDept).get('/mentoring-leave/reports/usage')).status).toBe(403);
  });

  test("the department of a self-enrollment is the employee's own claim", async () => {
    const emp = employee(107);
    const r = await as(stack, emp).post(
      '/mentoring-leave/enrollments',
      enrollmentBody(emp, programId, { employee: { department: 'DMV' } }),
    );
    expect(r.status).toBe(400);
    expect(r.body.errors[0].path).toBe('body.employee.department');
  });

  test('a personal-time description with a NUL character is refused at once and the case still moves', async () => {
    const emp = employee(108);
    const caseId = await activeEnrollment(stack, emp, programId);
    const started = Date.now();
    const bad = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/personal-time`, {
      date: today,
      hours: 1,
      kind: 'off_duty',
      description: 'Tutoring\u0000',
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(bad.body.errors[0].path).toBe('body.description');
    const good = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/personal-time`, {
      date: today,
      hours: 1,
      kind: 'off_duty',
      description: 'Tutoring',
    });
    expect(good.status).toBe(201);
  });
});

describe('the rules hold in the workflow, not only in the API', () => {
  test('an Update sent straight to the workflow by a non-candidate or the employee is refused', async () => {
    const emp = employee(109);
    const { caseId, supTask } = await pendingRequest(emp);
    const row = await stack.db
      .selectFrom('cases')
      .select('workflow_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const handle = stack.client.workflow.getHandle(row.workflow_id);
    const attempt = (actor: { id: string; roles: string[]; department?: string }) =>
      handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: supTask.id, outcome: 'approve', actor }] });
    await expect(attempt({ id: emp.sub, roles: ['employee', 'supervisor'], department: DEPT })).rejects.toMatchObject({
      cause: { type: 'self_approval' },
    });
    await expect(attempt({ id: hr2.sub, roles: ['hr_officer'], department: DEPT })).rejects.toBeInstanceOf(
      WorkflowUpdateFailedError,
    );
    await expect(attempt({ id: hr2.sub, roles: ['hr_officer'], department: DEPT })).rejects.toMatchObject({
      cause: { type: 'not_a_candidate' },
    });
    await expect(
      handle.executeUpdate(logPersonalTimeUpdate, {
        args: [
          {
            date: today,
            hours: 1,
            kind: 'off_duty',
            description: 'x\u0000',
            actor: { id: emp.sub, roles: ['employee'] },
          },
        ],
      }),
    ).rejects.toMatchObject({ cause: { type: 'invalid_input' } });
    await expect(
      handle.executeUpdate(logPersonalTimeUpdate, {
        args: [
          { date: today, hours: 1, kind: 'off_duty', description: 'x', actor: { id: sup.sub, roles: ['supervisor'] } },
        ],
      }),
    ).rejects.toMatchObject({ cause: { type: 'not_permitted' } });
    // Nothing changed: the request still waits for its supervisor.
    const c = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
    expect(c.requests[0].status).toBe('pending_supervisor');
  });
});
