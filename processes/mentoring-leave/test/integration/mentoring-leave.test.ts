/** The mentoring-leave process through HTTP, on a real Temporal dev server and PostgreSQL. */
import { as, eventually, mailbox, startStack, truncateAll, type Stack } from '../../../../test/support/stack';
import {
  certifiedProgram,
  coordinatorOf,
  DEPT,
  employee,
  enrollmentBody,
  hr,
  hrElsewhere,
  sup,
  today,
  year,
} from '../../../../test/integration/fixtures';

let stack: Stack;
let programId: string;

beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
  programId = await certifiedProgram(stack);
});
afterAll(async () => stack?.stop());

type Task = { id: string; type: string; status: string; outcomes: string[]; assigneeId?: string; escalated: boolean };
const taskOf = (c: { openTasks: Task[] }, type: string) => c.openTasks.find((t) => t.type === type)!;

describe('the whole leave story', () => {
  const emp = employee(1);
  let caseId: string;

  test('enroll, HR eligibility approval, verified personal time, request, supervisor then HR approval, ledger', async () => {
    const created = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'mentoring_leave', status: 'open', stage: 'eligibility_review' });
    caseId = created.body.id;
    const review = taskOf(created.body, 'eligibility_review');
    expect(review).toMatchObject({
      status: 'open',
      candidateRoles: ['hr_officer'],
      outcomes: ['approve', 'deny'],
      escalated: false,
    });

    // HR of the department sees it in the inbox; HR of another department does not.
    expect((await as(stack, hr).get('/tasks')).body.items.map((t: Task) => t.id)).toContain(review.id);
    expect((await as(stack, hrElsewhere).get('/tasks')).body.items.map((t: Task) => t.id)).not.toContain(review.id);

    const approved = await as(stack, hr).post(`/tasks/${review.id}/complete`, { outcome: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.body.task).toMatchObject({ status: 'completed', outcome: 'approve', completedBy: hr.sub });
    // The case in the answer has already advanced.
    expect(approved.body.case.stage).toBe('active');

    const logged = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/personal-time`, {
      date: today,
      hours: 3,
      kind: 'vacation',
      description: 'Reading with my mentee',
    });
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({ hours: 3, status: 'pending_verification' });

    let c = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
    expect(c.ledger).toMatchObject({ verifiedPersonalHours: 0, pendingPersonalHours: 3, availableLeaveHours: 0 });
    const verify = taskOf(c, 'verify_personal_hours');
    const coordinator = coordinatorOf(programId);
    expect((await as(stack, coordinator).get('/tasks')).body.items.map((t: Task) => t.id)).toContain(verify.id);
    expect((await as(stack, coordinator).post(`/tasks/${verify.id}/complete`, { outcome: 'verify' })).status).toBe(200);

    const request = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/requests`, {
      date: today,
      hours: 2,
      attestNoTravel: true,
      note: 'Field trip',
    });
    expect(request.status).toBe(201);
    expect(request.body).toMatchObject({ hours: 2, status: 'pending_supervisor' });

    c = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
    expect(c.ledger).toMatchObject({ verifiedPersonalHours: 3, pendingLeaveHours: 2, availableLeaveHours: 1 });
    const supTask = taskOf(c, 'supervisor_approval');
    const bySup = await as(stack, sup).post(`/tasks/${supTask.id}/complete`, { outcome: 'approve' });
    expect(bySup.status).toBe(200);
    expect(bySup.body.case.requests[0].status).toBe('pending_hr');

    const hrTask = taskOf(bySup.body.case, 'hr_approval');
    const byHr = await as(stack, hr).post(`/tasks/${hrTask.id}/complete`, { outcome: 'approve', comment: 'ok' });
    expect(byHr.status).toBe(200);
    expect(byHr.body.case.requests[0].status).toBe('approved');
    expect(byHr.body.case.ledger).toEqual({
      year,
      cap: 40,
      verifiedPersonalHours: 3,
      pendingPersonalHours: 0,
      approvedLeaveHours: 2,
      pendingLeaveHours: 0,
      availableLeaveHours: 1,
    });
  });

  test('the timeline records every transition with who and when', async () => {
    const tl = await as(stack, emp).get(`/cases/${caseId}/timeline`);
    expect(tl.status).toBe(200);
    const events = tl.body.items.map((e: { event: string }) => e.event);
    for (const e of [
      'enrolled',
      'enrollment_approved',
      'personal_time_logged',
      'personal_time_verified',
      'leave_requested',
      'leave_request_supervisor_approved',
      'leave_request_approved',
    ]) {
      expect(events).toContain(e);
    }
    const approvedBy = tl.body.items.find((e: { event: string }) => e.event === 'leave_request_approved');
    expect(approvedBy.actor.id).toBe(hr.sub);
    expect(Date.parse(approvedBy.at)).not.toBeNaN();
  });

  test('the people involved were e-mailed, with links to the case or task', async () => {
    // E-mail is its own step after the commit: wait for it rather than race it.
    await eventually(async () => {
      const subjects = (await mailbox(emp.email)).map((m) => m.subject);
      return (
        subjects.some((s) => s.includes('enrollment approved')) &&
        subjects.some((s) => / approved/.test(s) && !s.includes('enrollment'))
      );
    }, "the employee's e-mails");
    await eventually(
      async () =>
        (await mailbox(sup.email!)).some(
          (m) =>
            /Approve 2 h of mentoring leave/.test(m.subject) &&
            /\/tasks\/[0-9a-f-]{36}/.test(m.text) &&
            !m.text.includes('/api/v1/'),
        ),
      "the supervisor's task e-mail",
    );
    await eventually(
      async () => (await mailbox('hr@mentorflow.local')).some((m) => /eligibility/.test(m.subject)),
      'the e-mail',
    );
    await eventually(
      async () => (await mailbox('coordinators@mentorflow.local')).some((m) => /Verify 3 h/.test(m.subject)),
      'the e-mail',
    );
  });

  test('HR sees cases of its own department only; an employee sees only their own', async () => {
    expect(
      (await as(stack, hr).get('/cases?type=mentoring_leave')).body.items.map((c: { id: string }) => c.id),
    ).toContain(caseId);
    expect((await as(stack, hrElsewhere).get('/cases?type=mentoring_leave')).body.items).toHaveLength(0);
    expect((await as(stack, hrElsewhere).get(`/mentoring-leave/enrollments/${caseId}`)).status).toBe(404);
    expect((await as(stack, employee(2)).get(`/mentoring-leave/enrollments/${caseId}`)).status).toBe(404);
    expect((await as(stack, employee(2)).get(`/cases/${caseId}/timeline`)).status).toBe(404);
  });

  test('the usage report sums approved hours per department, as JSON and CSV', async () => {
    const json = await as(stack, hr).get(`/mentoring-leave/reports/usage?year=${year}`);
    expect(json.status).toBe(200);
    expect(json.body.items).toContainEqual({
      department: DEPT,
      employees: 1,
      approvedLeaveHours: 2,
      verifiedPersonalHours: 3,
    });
    const csv = await as(stack, hr).get(`/mentoring-leave/reports/usage?year=${year}`, { accept: 'text/csv' });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.text.trim().split('\n')).toEqual([
      'year,department,employees,approvedLeaveHours,verifiedPersonalHours',
      `${year},${DEPT},1,2,3`,
    ]);
    expect((await as(stack, emp).get('/mentoring-leave/reports/usage')).status).toBe(403);
  });
});
