/** The payroll export of approved 2119 hours, through HTTP on a real Temporal dev server and PostgreSQL. */
import { as, startStack, truncateAll, type Stack } from '../../../../test/support/stack';
import {
  admin,
  certifiedProgram,
  coordinatorOf,
  employee,
  enrollmentBody,
  hrElsewhere,
  today,
  year,
} from '../../../../test/integration/fixtures';

let stack: Stack;
let programId: string;
const month = today.slice(0, 7);
// A department of its own: other suites approve leave in theirs meanwhile, on the same database.
const DEPT = 'FTB';
const hr = { sub: 'hr-ftb', roles: ['hr_officer'], department: DEPT, name: 'Pam Payroll' };
const sup = {
  sub: 'sup-ftb',
  roles: ['supervisor'],
  department: DEPT,
  name: 'Paul Supervisor',
  email: 'paul@example.gov',
};
const emp = { ...employee(701), department: DEPT };

beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
  programId = await certifiedProgram(stack);
});
afterAll(async () => stack?.stop());

type Task = { id: string; type: string };

/** An enrollment in the department, approved by its HR, with `hours` of verified personal time. */
async function activeEnrollment(hours: number): Promise<string> {
  const created = await as(stack, emp).post(
    '/mentoring-leave/enrollments',
    enrollmentBody(emp, programId, {
      employee: { department: DEPT },
      supervisor: { id: sup.sub, name: sup.name, email: sup.email },
    }),
  );
  expect(created.status).toBe(201);
  const review = created.body.openTasks.find((t: Task) => t.type === 'eligibility_review');
  expect((await as(stack, hr).post(`/tasks/${review.id}/complete`, { outcome: 'approve' })).status).toBe(200);
  expect(
    (
      await as(stack, emp).post(`/mentoring-leave/enrollments/${created.body.id}/personal-time`, {
        date: today,
        hours,
        kind: 'off_duty',
        description: 'Tutoring',
      })
    ).status,
  ).toBe(201);
  const verify = (await as(stack, emp).get(`/mentoring-leave/enrollments/${created.body.id}`)).body.openTasks.find(
    (t: Task) => t.type === 'verify_personal_hours',
  );
  expect(
    (await as(stack, coordinatorOf(programId)).post(`/tasks/${verify.id}/complete`, { outcome: 'verify' })).status,
  ).toBe(200);
  return created.body.id;
}

/** A leave request of the employee, answered with its id (pending the supervisor). */
async function request(caseId: string, hours: number): Promise<string> {
  const r = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/requests`, {
    date: today,
    hours,
    attestNoTravel: true,
  });
  expect(r.status).toBe(201);
  return r.body.id;
}

/** The supervisor, then HR, approve the open approvals of a case. */
async function approveAll(caseId: string): Promise<void> {
  for (const [type, who] of [
    ['supervisor_approval', sup],
    ['hr_approval', hr],
  ] as const) {
    const c = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
    for (const t of c.openTasks.filter((x: Task) => x.type === type))
      expect((await as(stack, who).post(`/tasks/${t.id}/complete`, { outcome: 'approve' })).status).toBe(200);
  }
}

const exportNow = (who: { sub: string; roles: string[] } = hr, body: Record<string, unknown> = { period: month }) =>
  as(stack, who).post('/mentoring-leave/payroll-exports', body);

describe('payroll export', () => {
  let caseId: string;
  let firstExport: string;

  test("an HR officer exports the month's approved hours with both approvers; recorded, and the same again as CSV", async () => {
    caseId = await activeEnrollment(5);
    await request(caseId, 2);
    await approveAll(caseId);
    await request(caseId, 1); // still pending: not payroll's yet

    const exported = await exportNow();
    expect(exported.status).toBe(201);
    firstExport = exported.body.id;
    expect(exported.body).toMatchObject({
      department: DEPT,
      period: month,
      exportedBy: hr.sub,
      lines: 1,
      hours: 2,
      corrections: 0,
    });
    expect(exported.body.items).toEqual([
      expect.objectContaining({
        employeeId: emp.sub,
        employeeName: emp.name,
        date: today,
        hours: 2,
        period: month,
        correction: false,
        supervisor: { id: sup.sub, name: sup.name },
        hrOfficer: { id: hr.sub, name: hr.name },
      }),
    ]);

    const csv = await as(stack, hr).get(`/mentoring-leave/payroll-exports/${firstExport}`, { accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const rows = csv.text.trim().split('\n');
    expect(rows[0]).toBe(
      'employeeId,employeeName,date,hours,period,supervisorId,supervisorName,hrOfficerId,hrOfficerName,approvedAt,correction',
    );
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(
      new RegExp(
        `^${emp.sub},${emp.name},${today},2,${month},${sup.sub},${sup.name},${hr.sub},${hr.name},\\d{4}-.+Z,false$`,
      ),
    );
    const list = await as(stack, hr).get('/mentoring-leave/payroll-exports');
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(firstExport);
  });

  test('a request approved after its month was exported goes out once, in the next export, as a correction', async () => {
    const again = await exportNow();
    expect(again.status).toBe(201);
    expect(again.body.items).toEqual([]);

    await approveAll(caseId);
    const next = await exportNow();
    expect(next.body).toMatchObject({ lines: 1, hours: 1, corrections: 1 });
    expect(next.body.items[0]).toMatchObject({ employeeId: emp.sub, hours: 1, period: month, correction: true });
    expect((await exportNow()).body.items).toEqual([]);
    // The first export is what it was.
    expect((await as(stack, hr).get(`/mentoring-leave/payroll-exports/${firstExport}`)).body).toMatchObject({
      lines: 1,
      hours: 2,
    });
  });

  test('who may export: HR of the department, an admin naming one; every other request is refused and records nothing', async () => {
    const count = async () =>
      (await as(stack, admin).get(`/mentoring-leave/payroll-exports?department=${DEPT}`)).body.items.length;
    const before = await count();
    expect((await exportNow(hrElsewhere, { period: month, department: DEPT })).status).toBe(403);
    expect((await as(stack, hrElsewhere).get(`/mentoring-leave/payroll-exports/${firstExport}`)).status).toBe(404);
    expect((await exportNow(employee(702))).status).toBe(403);
    const unnamed = await exportNow(admin);
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.code).toBe('department_required');
    const future = await exportNow(hr, { period: `${year + 1}-01` });
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('period_in_future');
    const bad = await exportNow(hr, { period: `${year}-13` });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await count()).toBe(before);
    const byAdmin = await exportNow(admin, { period: month, department: DEPT });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body).toMatchObject({ department: DEPT, exportedBy: admin.sub, lines: 0 });
    expect(await count()).toBe(before + 1);
  });
});
