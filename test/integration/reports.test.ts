/**
 * The supervising reports: each role sees the tasks of the work it answers for (an HR
 * officer their department's leave tasks only), the screening funnel follows mentors
 * through approval to a match, the certification pipeline counts cases by stage, and no
 * report names a person.
 */
import { as, startStack, truncateAll, type Stack } from '../support/stack';
import {
  activeEnrollment,
  admin,
  certifiedProgram,
  employee,
  hr,
  hrElsewhere,
  registerProgram,
  reviewer,
  reviewLead,
  staffOf,
  sup,
  verifiedHours,
} from './fixtures';
import { activeMatch, approvedMentor, caseSup, cw1, readyYouth, sw1 } from './foster-fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
});
afterAll(() => stack?.stop());

test("open tasks by type: HR sees its department's leave tasks, the case supervisor the foster ones, CSV alike", async () => {
  const programId = await certifiedProgram(stack);
  // An employee number no other suite uses: workflow IDs outlive a suite on the shared dev server.
  const emp = employee(961);
  const caseId = await activeEnrollment(stack, emp, programId);
  await verifiedHours(stack, emp, caseId, programId, 4);
  expect(
    (
      await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/requests`, {
        date: new Date().toISOString().slice(0, 10),
        hours: 1,
        attestNoTravel: true,
      })
    ).status,
  ).toBe(201);
  await readyYouth(stack);

  const mine = await as(stack, hr).get('/reports/tasks');
  expect(mine.status).toBe(200);
  expect(mine.body.items).toEqual([
    expect.objectContaining({ type: 'supervisor_approval', open: 1, overdue: 0, escalated: 0 }),
  ]);
  expect((await as(stack, hrElsewhere).get('/reports/tasks')).body.items).toEqual([]);
  const foster = await as(stack, caseSup).get('/reports/tasks');
  expect(foster.body.items.map((i: { type: string }) => i.type)).not.toContain('supervisor_approval');
  const all = await as(stack, admin).get('/reports/tasks');
  expect(all.body.items.map((i: { type: string }) => i.type)).toContain('supervisor_approval');
  const csv = await as(stack, hr).get('/reports/tasks', { accept: 'text/csv' });
  expect(csv.text).toMatch(/^type,open,overdue,escalated,oldestDueAt\nsupervisor_approval,1,0,0,/);
  expect((await as(stack, cw1).get('/reports/tasks')).status).toBe(403);
  expect((await as(stack, sup).get('/reports/tasks')).status).toBe(403);
});

test('the screening funnel counts mentors to approval and to a match, with days to each; no names', async () => {
  const mentor = await approvedMentor(stack);
  const youth = await readyYouth(stack);
  await activeMatch(stack, mentor, youth);
  await approvedMentor(stack);
  const r = await as(stack, caseSup).get('/foster/reports/pipeline');
  expect(r.status).toBe(200);
  const step = (name: string) => r.body.mentorFunnel.find((s: { step: string }) => s.step === name).cases;
  expect([step('applied'), step('mentor_approved'), step('match_started')]).toEqual([2, 2, 1]);
  expect(r.body.approvedWithinTarget).toEqual({ within: 2, of: 2, targetDays: 30 });
  expect(r.body.medianDaysToApproval).toBe(0);
  expect(r.body.youthFunnel.find((s: { step: string }) => s.step === 'match_started').cases).toBe(1);
  expect(r.body.matchesByStage).toEqual([{ stage: 'active', cases: 1 }]);
  const youthName = (await as(stack, cw1).get(`/foster/youth/${youth}`)).body.youth.name;
  expect(JSON.stringify(r.body)).not.toContain(youthName);
  expect((await as(stack, sw1).get('/foster/reports/pipeline')).status).toBe(403);
  // A date that is no date is refused, not a server error.
  expect((await as(stack, caseSup).get('/foster/reports/pipeline?since=0000-00-00')).status).toBe(400);
  expect((await as(stack, caseSup).get('/foster/reports/pipeline?since=2000-01-01')).body.since).toBe('2000-01-01');
});

test('the certification pipeline counts open cases by stage and programs by level', async () => {
  const program = await registerProgram(stack);
  expect(
    (await as(stack, staffOf(program.id)).post(`/programs/${program.id}/certifications`, { level: 'affiliate' }))
      .status,
  ).toBe(201);
  const r = await as(stack, reviewer).get('/certifications/reports/pipeline');
  expect(r.status).toBe(200);
  expect(r.body.openByStage).toContainEqual({ stage: 'application_review', cases: 1 });
  expect(r.body.programsByLevel).toContainEqual(expect.objectContaining({ level: 'none' }));
  expect((await as(stack, reviewLead).get('/certifications/reports/pipeline')).status).toBe(200);
  expect((await as(stack, hr).get('/certifications/reports/pipeline')).status).toBe(403);
});
