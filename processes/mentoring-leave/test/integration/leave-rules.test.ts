/**
 * The mentoring-leave rules through HTTP, on a real Temporal dev server and PostgreSQL: who
 * may enrol and with what, and the leave requests' rules and approvals, and the service
 * endpoints (the whole story is in mentoring-leave.test.ts).
 */
import { as, eventually, mailbox, startStack, truncateAll, type Stack } from '../../../../test/support/stack';
import {
  activeEnrollment,
  admin,
  certifiedProgram,
  employee,
  enrollmentBody,
  hr,
  hr2,
  hrElsewhere,
  sup,
  sup2,
  today,
  verifiedHours,
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

describe('enrollment rules', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['ineligible_bargaining_unit', { employee: { bargainingUnit: 6 } }],
    ['ineligible_appointment', { employee: { appointment: 'temporary' } }],
    ['commitment_too_short', { commitment: { startDate: `${year}-01-15`, endDate: `${year}-07-15` } }],
  ];
  test.each(cases)('422 %s', async (code, overrides) => {
    const emp = employee(10);
    const r = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId, overrides));
    expect(r.status).toBe(422);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(r.body.code).toBe(code);
  });

  test('422 program_not_certified, for an uncertified and for a lapsed program', async () => {
    const emp = employee(11);
    const uncertified = await certifiedProgram(stack, 'none');
    expect(
      (await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, uncertified))).body.code,
    ).toBe('program_not_certified');
    const lapsed = await certifiedProgram(stack);
    await as(stack, admin).put(`/programs/${lapsed}/level`, { level: 'affiliate', note: 'certificate not renewed' });
    expect((await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, lapsed))).body.code).toBe(
      'program_not_certified',
    );
    expect((await as(stack, emp).get('/cases')).body.items).toHaveLength(0);
  });

  test('409 for a second enrollment of the same employee and year', async () => {
    const emp = employee(12);
    expect((await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId))).status).toBe(
      201,
    );
    const again = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('enrollment_exists');
  });

  test('400 lists one error per problem; malformed JSON and unknown routes are problems too', async () => {
    const r = await as(stack, employee(13)).post('/mentoring-leave/enrollments', {
      employee: { id: 'emp-13' },
      program: {},
    });
    expect(r.status).toBe(400);
    const paths = r.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.employee.name',
        'body.employee.email',
        'body.supervisor',
        'body.program.programId',
        'body.commitment',
      ]),
    );
    const bad = await as(stack, employee(13)).post('/mentoring-leave/enrollments', '{"employee": ');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    const unknown = await as(stack, employee(13)).get('/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  test('401 without or with a bad token; 403 for the wrong role or someone else', async () => {
    const emp = employee(14);
    expect((await as(stack).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId))).status).toBe(401);
    const forged = await as(stack).raw('GET', '/api/v1/cases', undefined, { authorization: 'Bearer not.a.token' });
    expect(forged.status).toBe(401);
    expect((await as(stack, sup).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId))).status).toBe(
      403,
    );
    // An employee enrolls only themselves; HR enrolls only its own department.
    expect(
      (await as(stack, employee(15)).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId))).status,
    ).toBe(403);
    expect(
      (await as(stack, hrElsewhere).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId))).status,
    ).toBe(403);
    const byHr = await as(stack, hr).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
    expect(byHr.status).toBe(201);
  });
});

describe('leave request rules and approvals', () => {
  const emp = employee(20);
  let caseId: string;

  beforeAll(async () => {
    caseId = await activeEnrollment(stack, emp, programId);
    await verifiedHours(stack, emp, caseId, programId, 4);
  });

  const request = (body: Record<string, unknown>, who = emp) =>
    as(stack, who).post(`/mentoring-leave/enrollments/${caseId}/requests`, {
      date: today,
      hours: 1,
      attestNoTravel: true,
      ...body,
    });

  test('422 travel_not_allowed, outside_leave_year, insufficient_matching_hours', async () => {
    expect((await request({ attestNoTravel: false })).body.code).toBe('travel_not_allowed');
    expect((await request({ date: `${year + 1}-01-05` })).body.code).toBe('outside_leave_year');
    expect((await request({ hours: 4.25 })).body.code).toBe('insufficient_matching_hours');
    expect((await request({ hours: 1.1 })).status).toBe(400);
    // Refusals changed nothing.
    const c = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
    expect(c.requests).toHaveLength(0);
    expect(c.ledger.availableLeaveHours).toBe(4);
  });

  test('422 enrollment_not_active before HR approves eligibility', async () => {
    const other = employee(21);
    const created = await as(stack, other).post('/mentoring-leave/enrollments', enrollmentBody(other, programId));
    const r = await as(stack, other).post(`/mentoring-leave/enrollments/${created.body.id}/requests`, {
      date: today,
      hours: 1,
      attestNoTravel: true,
    });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('enrollment_not_active');
    const p = await as(stack, other).post(`/mentoring-leave/enrollments/${created.body.id}/personal-time`, {
      date: today,
      hours: 1,
      kind: 'cto',
      description: 'x',
    });
    expect(p.body.code).toBe('enrollment_not_active');
  });

  test('422 exceeds_annual_cap at 40 hours, counting pending requests', async () => {
    const big = employee(22);
    const id = await activeEnrollment(stack, big, programId);
    for (const h of [16, 16, 16]) await verifiedHours(stack, big, id, programId, h);
    const req = (hours: number) =>
      as(stack, big).post(`/mentoring-leave/enrollments/${id}/requests`, { date: today, hours, attestNoTravel: true });
    expect((await req(20)).status).toBe(201);
    expect((await req(20)).status).toBe(201);
    const over = await req(0.25);
    expect(over.status).toBe(422);
    expect(over.body.code).toBe('exceeds_annual_cap');
  });

  test('only the named supervisor approves; an outcome must be offered; a done task is 409', async () => {
    const r = await request({ hours: 1 });
    const c = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
    const task = c.openTasks.find((t: Task) => t.type === 'supervisor_approval');
    expect((await as(stack, sup2).post(`/tasks/${task.id}/complete`, { outcome: 'approve' })).status).toBe(404);
    expect((await as(stack, hr).post(`/tasks/${task.id}/complete`, { outcome: 'approve' })).status).toBe(403);
    expect((await as(stack, emp).post(`/tasks/${task.id}/complete`, { outcome: 'approve' })).status).toBe(403);
    const invalid = await as(stack, sup).post(`/tasks/${task.id}/complete`, { outcome: 'maybe' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe('invalid_outcome');
    const noReason = await as(stack, sup).post(`/tasks/${task.id}/complete`, { outcome: 'deny' });
    expect(noReason.status).toBe(422);
    const denied = await as(stack, sup).post(`/tasks/${task.id}/complete`, {
      outcome: 'deny',
      comment: 'Quarter-end close that day',
    });
    expect(denied.status).toBe(200);
    expect(denied.body.case.requests.find((x: { id: string }) => x.id === r.body.id)).toMatchObject({
      status: 'denied',
    });
    expect((await as(stack, sup).post(`/tasks/${task.id}/complete`, { outcome: 'approve' })).status).toBe(409);
    await eventually(
      async () =>
        (await mailbox(emp.email)).some((m) => /denied/.test(m.subject) && m.text.includes('Quarter-end close')),
      'the e-mail',
    );
  });

  test('the employee withdraws a pending request; its task is cancelled; withdrawing again is 409', async () => {
    const r = await request({ hours: 1 });
    const w = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/requests/${r.body.id}/withdraw`);
    expect(w.status).toBe(200);
    expect(w.body.status).toBe('withdrawn');
    const c = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
    expect(c.openTasks.filter((t: Task) => t.type === 'supervisor_approval')).toHaveLength(0);
    expect(c.ledger.pendingLeaveHours).toBe(0);
    expect(
      (await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/requests/${r.body.id}/withdraw`)).status,
    ).toBe(409);
    expect(
      (await as(stack, sup).post(`/mentoring-leave/enrollments/${caseId}/requests/${r.body.id}/withdraw`)).status,
    ).toBe(403);
  });

  test('claim and assign: only the named supervisor approves; HR hands an HR approval to another HR officer; a claimed task is 409 for others', async () => {
    await request({ hours: 1 });
    let c = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
    const supTask = c.openTasks.find((t: Task) => t.type === 'supervisor_approval');
    await as(stack, sup2).get('/tasks'); // signed in once: known to the people directory
    const toOther = await as(stack, hr).post(`/tasks/${supTask.id}/assign`, { assigneeId: sup2.sub });
    expect(toOther.status).toBe(422);
    expect(toOther.body.code).toBe('invalid_assignee');
    expect((await as(stack, sup).post(`/tasks/${supTask.id}/complete`, { outcome: 'approve' })).status).toBe(200);

    c = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
    const hrTask = c.openTasks.find((t: Task) => t.type === 'hr_approval');
    await as(stack, hr2).get('/tasks');
    const inbox = async (who: typeof hr) => (await as(stack, who).get('/tasks')).body.items.map((t: Task) => t.id);
    expect(await inbox(hr)).toContain(hrTask.id);
    expect(await inbox(hr2)).toContain(hrTask.id);
    const handed = await as(stack, hr).post(`/tasks/${hrTask.id}/assign`, { assigneeId: hr2.sub });
    expect(handed.status).toBe(200);
    expect(handed.body.assigneeId).toBe(hr2.sub);
    // An assigned task is in its holder's inbox only.
    expect(await inbox(hr)).not.toContain(hrTask.id);
    expect(await inbox(hr2)).toContain(hrTask.id);
    // Reassigned back to the first HR officer, who then holds it.
    expect((await as(stack, hr2).post(`/tasks/${hrTask.id}/assign`, { assigneeId: hr.sub })).status).toBe(200);
    const claimed = await as(stack, hr).post(`/tasks/${hrTask.id}/claim`);
    expect(claimed.status).toBe(200);
    expect(claimed.body.assigneeId).toBe(hr.sub);
    expect((await as(stack, hr2).post(`/tasks/${hrTask.id}/claim`)).status).toBe(409);
    expect((await as(stack, hr2).post(`/tasks/${hrTask.id}/complete`, { outcome: 'approve' })).status).toBe(409);
    expect((await as(stack, employee(20)).post(`/tasks/${hrTask.id}/assign`, { assigneeId: 'x' })).status).toBe(403);
    const events = (await as(stack, emp).get(`/cases/${caseId}/timeline`)).body.items.map(
      (e: { event: string }) => e.event,
    );
    expect(events).toEqual(expect.arrayContaining(['task_assigned', 'task_claimed']));
  });

  test('Idempotency-Key: the same key and body answers the first response and creates nothing new', async () => {
    const headers = { 'idempotency-key': 'log-2026-abc' };
    const body = { date: today, hours: 0.5, kind: 'cto', description: 'Lunch mentoring' };
    const a = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/personal-time`, body, headers);
    const b = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/personal-time`, body, headers);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    const c = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
    expect(c.personalTime.filter((p: { hours: number }) => p.hours === 0.5)).toHaveLength(1);
    const other = await as(stack, emp).post(
      `/mentoring-leave/enrollments/${caseId}/personal-time`,
      { ...body, hours: 0.75 },
      headers,
    );
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
  });
});

// After the rules: its paging reads the cases they created.
describe('service endpoints', () => {
  test('health, readiness, OpenAPI 3.1 and docs', async () => {
    const raw = as(stack).raw;
    expect((await raw('GET', '/health')).status).toBe(200);
    expect((await raw('GET', '/ready')).body).toMatchObject({ status: 'ready' });
    const doc = await raw('GET', '/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/mentoring-leave/enrollments', '/api/v1/tasks/{taskId}/complete']),
    );
    const docs = await raw('GET', '/docs');
    expect(docs.headers.get('content-type')).toMatch(/html/);
    expect(docs.text).toContain('/api/v1/mentoring-leave/enrollments');
  });

  test('the public directory shows levels and certifiedUntil without a token', async () => {
    const r = await as(stack).get('/programs?level=partner');
    expect(r.status).toBe(200);
    expect(r.body.items.find((p: { id: string }) => p.id === programId)).toMatchObject({
      level: 'partner',
      certifiedUntil: `${year + 2}-06-30`,
    });
    expect(r.body.items[0].contactEmail).toBeUndefined();
    const bad = await as(stack).get('/programs?level=gold');
    expect(bad.status).toBe(400);
    // Lists page with limit and cursor: the directory, and an HR officer's cases.
    const c1 = await as(stack, hr).get('/cases?limit=1');
    const c2 = await as(stack, hr).get(`/cases?limit=1&cursor=${c1.body.nextCursor}`);
    expect(c1.body.items).toHaveLength(1);
    expect(c2.body.items[0].id).not.toBe(c1.body.items[0].id);
    expect((await as(stack, hr).get('/cases?cursor=garbage')).status).toBe(400);
    const first = await as(stack).get('/programs?limit=2');
    expect(first.body.items).toHaveLength(2);
    const next = await as(stack).get(`/programs?limit=200&cursor=${first.body.nextCursor}`);
    const all = await as(stack).get('/programs?limit=200');
    expect([...first.body.items, ...next.body.items].map((p: { id: string }) => p.id)).toEqual(
      all.body.items.map((p: { id: string }) => p.id),
    );
    expect(all.body.nextCursor).toBeNull();
  });
});
