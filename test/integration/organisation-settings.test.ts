/**
 * Running cases follow the organisation: a worker that starts with new mailboxes and a new
 * public address tells every running case once (a second start with the same settings
 * tells none), and a case's next e-mail goes to the new mailbox with a link to the new
 * address. Real Temporal dev server and PostgreSQL.
 */
import { buildPolicy } from '../../lib/policy';
import { tellRunningCasesOrganisationSettings } from '../../lib/organisation-settings';
import { as, eventually, startStack, type Stack } from '../support/stack';
import { activeEnrollment, certifiedProgram, employee, today } from './fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

test('new mailboxes and address reach a running case once; its next e-mail uses them', async () => {
  const programId = await certifiedProgram(stack);
  const emp = employee(811);
  const caseId = await activeEnrollment(stack, emp, programId);
  // The settings the running cases were told as they were, then as the organisation changed them.
  await tellRunningCasesOrganisationSettings({ client: stack.client, db: stack.db, policy: stack.policy });
  const moved = buildPolicy({
    mailboxes: { ...stack.policy.mailboxes, [`org_coordinator:${programId}`]: 'coordinators@moved.example' },
    publicBaseUrl: 'https://mentoring.moved.example',
  });
  const first = await tellRunningCasesOrganisationSettings({ client: stack.client, db: stack.db, policy: moved });
  expect(first.changed).toBe(true);
  expect(first.casesTold).toBeGreaterThanOrEqual(1);
  expect(await tellRunningCasesOrganisationSettings({ client: stack.client, db: stack.db, policy: moved })).toEqual({
    changed: false,
    casesTold: 0,
  });

  const logged = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/personal-time`, {
    date: today,
    hours: 1,
    kind: 'off_duty',
    description: 'Tutoring',
  });
  expect(logged.status).toBe(201);
  const mail = await eventually(async () => {
    const rows = await stack.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('key', 'like', '%:assigned')
      .execute();
    return rows.find((r) => r.subject.includes('Verify'));
  }, 'the verification task e-mail');
  expect(mail.recipients).toEqual(['coordinators@moved.example']);
  expect(mail.body).toContain('https://mentoring.moved.example/tasks/');
});
