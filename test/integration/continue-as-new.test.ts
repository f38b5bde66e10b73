/**
 * A case that lives a year must keep a bounded history: past the policy's event limit the
 * workflow continues as new, carrying its state, and the case goes on as before.
 */
import { as, startStack, type Stack } from '../support/stack';
import { activeEnrollment, certifiedProgram, employee, hr, sup, today, verifiedHours, year } from './fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ policy: { maxHistoryEvents: 100 } });
});
afterAll(async () => stack?.stop());

test('the leave workflow continues as new with its ledger and open tasks intact', async () => {
  const programId = await certifiedProgram(stack);
  const emp = employee(80);
  const caseId = await activeEnrollment(stack, emp, programId);
  for (let i = 0; i < 8; i++) await verifiedHours(stack, emp, caseId, programId, 1);
  const req = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/requests`, { date: today, hours: 3, attestNoTravel: true });
  expect(req.status).toBe(201);

  const handle = stack.client.workflow.getHandle(`mentoring-leave-${year}-${emp.sub}`);
  const d = await handle.describe();
  expect(d.runId).not.toBe(d.raw.workflowExecutionInfo?.firstRunId);
  expect(d.historyLength).toBeLessThan(100);

  // The carried-over task is still open, and completing it advances the case.
  const c = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
  expect(c.ledger).toMatchObject({ verifiedPersonalHours: 8, pendingLeaveHours: 3 });
  const supTask = c.openTasks.find((t: { type: string }) => t.type === 'supervisor_approval');
  const r = await as(stack, sup).post(`/tasks/${supTask.id}/complete`, { outcome: 'approve' });
  expect(r.status).toBe(200);
  const hrTask = r.body.case.openTasks.find((t: { type: string }) => t.type === 'hr_approval');
  expect((await as(stack, hr).post(`/tasks/${hrTask.id}/complete`, { outcome: 'approve' })).body.case.ledger).toMatchObject({ approvedLeaveHours: 3, availableLeaveHours: 5 });
});
