/**
 * A supervisor changed in the people directory approves the employee's next leave request
 * (docs/administration.md, "Supervisors"), on real Temporal and PostgreSQL: an admin PATCHes
 * the employee's supervisorId; the request made afterwards reaches the new supervisor's inbox,
 * not the old one's, and only the new supervisor may approve it. The request made before stays
 * with the supervisor it went to.
 */
import { randomUUID } from 'node:crypto';
import { as, startStack, type Person, type Stack } from '../support/stack';
import { admin, certifiedProgram, coordinatorOf, enrollmentBody, today, verifiedHours } from './fixtures';

const run = randomUUID().slice(0, 6);
const DEPT = `SUP${run.slice(0, 4).toUpperCase()}`;
const member = (key: string, role: string, name: string): Person & { email: string } => ({
  sub: `sc-${key}-${run}`,
  roles: [role],
  department: DEPT,
  name: `${name} ${run}`,
  email: `sc-${key}-${run}@example.gov`,
});
const oldSup = member('old', 'supervisor', 'Olive Old');
const newSup = member('new', 'supervisor', 'Nico New');
const hrOfficer = member('hr', 'hr_officer', 'Hope HR');
const emp = { ...member('emp', 'employee', 'Employee 2121'), sub: `emp-2121-${run}` };

let stack: Stack;
let caseId = '';

beforeAll(async () => {
  stack = await startStack();
  const programId = await certifiedProgram(stack);
  await as(stack, coordinatorOf(programId)).get('/tasks');
  for (const p of [oldSup, newSup, hrOfficer, emp]) {
    const r = await as(stack, admin).post('/people', {
      id: p.sub,
      name: p.name,
      email: p.email,
      roles: [{ role: p.roles[0], department: DEPT }],
      ...(p === emp ? { supervisorId: oldSup.sub } : {}),
    });
    expect([r.status, r.status === 201 ? '' : r.text]).toEqual([201, '']);
  }
  const created = await as(stack, emp).post(
    '/mentoring-leave/enrollments',
    enrollmentBody(emp, programId, {
      employee: { department: DEPT },
      supervisor: { id: oldSup.sub, name: oldSup.name, email: oldSup.email },
    }),
  );
  expect(created.status).toBe(201);
  caseId = created.body.id;
  const review = created.body.openTasks.find((t: { type: string }) => t.type === 'eligibility_review');
  expect((await as(stack, hrOfficer).post(`/tasks/${review.id}/complete`, { outcome: 'approve' })).status).toBe(200);
  await verifiedHours(stack, emp, caseId, programId, 4);
});
afterAll(async () => stack?.stop());

const approvalsOf = async (p: Person) =>
  ((await as(stack, p).get('/tasks?status=open&type=supervisor_approval')).body.items as { id: string }[]).map(
    (t) => t.id,
  );
/** Approval tasks already seen: a request's own is the one that was not there before it. */
const seen = new Set<string>();
async function requestLeave(): Promise<string> {
  const r = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/requests`, {
    date: today,
    hours: 1,
    attestNoTravel: true,
  });
  expect([r.status, r.status === 201 ? '' : r.text]).toEqual([201, '']);
  const c = await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`);
  const fresh = (c.body.openTasks as { id: string; type: string }[]).filter(
    (t) => t.type === 'supervisor_approval' && !seen.has(t.id),
  );
  expect(fresh).toHaveLength(1);
  seen.add(fresh[0].id);
  return fresh[0].id;
}

test("after an admin changes the employee's supervisor, the next request goes to the new one only", async () => {
  const before = await requestLeave();
  expect(await approvalsOf(oldSup)).toContain(before);
  expect(await approvalsOf(newSup)).not.toContain(before);

  const changed = await as(stack, admin).patch(`/people/${emp.sub}`, {
    supervisorId: newSup.sub,
    reason: 'new team',
  });
  expect(changed.status).toBe(200);
  expect(changed.body.supervisorId).toBe(newSup.sub);

  const after = await requestLeave();
  expect(await approvalsOf(newSup)).toContain(after);
  expect(await approvalsOf(oldSup)).not.toContain(after);
  const refused = await as(stack, oldSup).post(`/tasks/${after}/complete`, { outcome: 'approve' });
  expect(refused.status).toBeGreaterThanOrEqual(400);
  const approved = await as(stack, newSup).post(`/tasks/${after}/complete`, { outcome: 'approve' });
  expect([approved.status, approved.status === 200 ? '' : approved.text]).toEqual([200, '']);

  // The request made before the change still waits on the supervisor it went to.
  expect(await approvalsOf(oldSup)).toContain(before);
  const timeline = (await as(stack, admin).get(`/cases/${caseId}/timeline`)).body.items as {
    event: string;
    detail?: Record<string, unknown>;
  }[];
  expect(timeline.find((e) => e.event === 'supervisor_changed')?.detail).toMatchObject({
    supervisorId: newSup.sub,
    from: oldSup.sub,
  });
});
