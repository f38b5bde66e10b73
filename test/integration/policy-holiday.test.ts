/**
 * A holiday saved in the rules reaches a case already running (docs/administration.md, "Rules"
 * and "Calendar"): an HR officer's eligibility review counted in business days moves one
 * business day later when an administrator adds a day off before it, through the Rules
 * (`PUT /policy`) as the web app saves it; the running case keeps every other rule it started with.
 */
import { businessCalendarOf } from '../../platform/workflow/jurisdiction';
import type { Policy } from '../../platform/workflow/policy';
import { as, eventually, startStack, type Stack } from '../support/stack';
import { admin, certifiedProgram, employee, enrollmentBody } from './fixtures';

let stack: Stack;
let programId: string;

beforeAll(async () => {
  stack = await startStack({ followPolicyVersions: true });
  programId = await certifiedProgram(stack);
  const baseline = await as(stack, admin).put('/policy', { policy: stack.policy, reason: 'The suite starts here' });
  expect(baseline.status).toBe(201);
});
afterAll(async () => stack?.stop());

test("a holiday saved in the rules moves a running case's next due date by one business day", async () => {
  const emp = employee(8731);
  const created = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
  expect(created.status).toBe(201);
  const review = created.body.openTasks.find((t: { type: string }) => t.type === 'eligibility_review');
  const current = (await as(stack, admin).get('/policy')).body as { version: number; policy: Policy };
  const calendar = businessCalendarOf(current.policy);
  const dueDay = calendar.date(Date.parse(review.dueAt) - 1);
  // A business day after today and before the due day becomes a day off.
  let dayOff = calendar.addBusinessDays(calendar.date(Date.now()), 1);
  while (dayOff >= dueDay || !calendar.isBusinessDay(dayOff)) dayOff = calendar.addBusinessDays(dayOff, 1);
  const year = dayOff.slice(0, 4);
  const calendarPolicy = current.policy.calendar!;
  const saved = await as(stack, admin).put('/policy', {
    policy: {
      ...current.policy,
      calendar: {
        ...calendarPolicy,
        holidays: { ...calendarPolicy.holidays, [year]: [...(calendarPolicy.holidays[year] ?? []), dayOff] },
      },
    },
    reason: `The county closes its offices on ${dayOff}`,
    baseVersion: current.version,
  });
  expect(saved.status).toBe(201);

  const moved = await eventually(async () => {
    const c = await as(stack, emp).get(`/mentoring-leave/enrollments/${created.body.id}`);
    const task = c.body.openTasks.find((t: { id: string }) => t.id === review.id);
    return task && task.dueAt !== review.dueAt && task.dueAt;
  }, 'the due date moves');
  const withDayOff = businessCalendarOf(saved.body.policy as Policy);
  expect(withDayOff.isBusinessDay(dayOff)).toBe(false);
  expect(withDayOff.date(Date.parse(moved) - 1)).toBe(withDayOff.addBusinessDays(dueDay, 1));
  const timeline = await as(stack, emp).get(`/cases/${created.body.id}/timeline`);
  expect(timeline.body.items.map((e: { event: string }) => e.event)).toContain('task_due_moved');
});
