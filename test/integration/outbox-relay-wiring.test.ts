/**
 * The mail worker relays the outbox: on a stack with no outbox sweeper, the only thing that
 * can send a case's e-mail is the relay the mail worker starts (lib/worker.ts). An approved
 * enrolment's e-mail reaching the SMTP catcher shows it runs.
 */
import { as, eventually, mailbox, startStack, type Stack } from '../support/stack';
import { certifiedProgram, employee, enrollmentBody, hr } from './fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ withoutSweeper: true });
});
afterAll(async () => stack?.stop());

test("with no sweeper, the mail worker's relay sends a case's e-mail", async () => {
  const programId = await certifiedProgram(stack);
  const emp = employee(531);
  const r = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
  expect(r.status).toBe(201);
  const approved = await as(stack, hr).post(`/tasks/${r.body.openTasks[0].id}/complete`, { outcome: 'approve' });
  expect(approved.status).toBe(200);
  const mails = await eventually(async () => {
    const m = (await mailbox(emp.email)).filter((x) => x.subject.includes('enrollment approved'));
    return m.length ? m : undefined;
  }, 'the approval e-mail');
  expect(mails).toHaveLength(1);
});
