/**
 * Reminder and escalation with policy durations shrunk to seconds, and the outbox's
 * promise that a retried send never delivers twice — on the dev server, real SMTP.
 */
import { ApplicationFailure } from '@temporalio/common';
import { QUIET_TASKS, as, eventually, mailbox, startStack, type Stack } from '../support/stack';
import {
  certifiedProgram,
  employee,
  enrollmentBody,
  hr,
  sup,
  today,
  verifiedHours,
  activeEnrollment,
} from './fixtures';

type Task = { id: string; type: string; escalated: boolean };

describe('reminder and escalation', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      policy: {
        tasks: {
          ...QUIET_TASKS,
          supervisor_approval: { due: 'PT4S', reminderBefore: 'PT2S', escalateTo: 'hr_officer' },
        },
        mailboxes: { 'hr_officer:CDT': 'hr-cdt@agency.example' },
      },
    });
  });
  afterAll(async () => stack?.stop());

  test('an unanswered supervisor approval is reminded, then escalated to HR of the department', async () => {
    const programId = await certifiedProgram(stack);
    const emp = employee(40);
    const caseId = await activeEnrollment(stack, emp, programId);
    await verifiedHours(stack, emp, caseId, programId, 2);
    await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/requests`, {
      date: today,
      hours: 1,
      attestNoTravel: true,
    });
    const task = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body.openTasks.find(
      (t: Task) => t.type === 'supervisor_approval',
    );
    expect(task.escalated).toBe(false);

    await eventually(
      async () => (await mailbox(sup.email!)).some((m) => m.subject.startsWith('[mentorflow] Reminder:')),
      'the reminder e-mail',
      20_000,
    );
    const escalated = await eventually(
      async () => {
        const t = (await as(stack, sup).get(`/tasks/${task.id}`)).body;
        return t.escalated ? t : undefined;
      },
      'the escalation',
      20_000,
    );
    expect(escalated.status).toBe('open');

    const hrMail = await eventually(
      async () => (await mailbox('hr-cdt@agency.example')).find((m) => m.subject.includes('Overdue')),
      'the escalation e-mail',
    );
    expect(hrMail.text).toContain(`/tasks/${task.id}`);
    expect(hrMail.text).not.toContain('/api/v1/');
    // HR sees what was escalated to it, and may hand it on.
    const view = await as(stack, hr).get('/tasks?view=escalated');
    expect(view.body.items.map((t: Task) => t.id)).toContain(task.id);
    expect((await as(stack, sup).get('/tasks?overdue=true')).body.items.map((t: Task) => t.id)).toContain(task.id);
    const events = (await as(stack, emp).get(`/cases/${caseId}/timeline`)).body.items.map(
      (e: { event: string }) => e.event,
    );
    expect(events).toEqual(expect.arrayContaining(['task_reminder_sent', 'task_escalated']));
    // The named supervisor can still act on it.
    expect((await as(stack, sup).post(`/tasks/${task.id}/complete`, { outcome: 'approve' })).status).toBe(200);
  });
});

describe('the e-mail outbox', () => {
  let stack: Stack;
  let failures = 0;
  beforeAll(async () => {
    stack = await startStack({
      hooks: {
        // The activity fails right after SMTP accepted the eligibility-review e-mail, once.
        afterSmtpSend: (key) => {
          if (key.endsWith(':assigned') && failures === 0) {
            failures++;
            throw ApplicationFailure.retryable('worker lost after the SMTP send', 'InjectedFault');
          }
        },
      },
    });
  });
  afterAll(async () => stack?.stop());

  test('a send retried after a failure is not delivered twice', async () => {
    const programId = await certifiedProgram(stack);
    const emp = employee(41);
    const created = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
    expect(created.status).toBe(201);
    await eventually(async () => failures === 1, 'the injected fault after the send');
    const subject = `[mentorflow] Review mentoring-leave eligibility of ${emp.name} for`;
    await new Promise((r) => setTimeout(r, 1500));
    const received = (await mailbox('hr@mentorflow.local')).filter((m) => m.subject.startsWith(subject));
    expect(received).toHaveLength(1);
    const outbox = await stack.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('case_id', '=', created.body.id)
      .execute();
    expect(outbox.every((m) => m.sent_at !== null)).toBe(true);
  });
});
