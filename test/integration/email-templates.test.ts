/**
 * E-mail words edited by an admin (docs/emails.md, "Editing the words in the web app") on
 * real Temporal, PostgreSQL and the SMTP catcher: an edit shows in the next e-mail a case
 * sends, and a reset brings the file's words back; words naming a variable the message does
 * not have are refused with nothing saved; only admins may read or change them; a preview
 * fills in sample values; a test send reaches the calling admin and nobody else.
 */
import { randomUUID } from 'node:crypto';
import { as, eventually, mailbox, startStack, type Person, type Stack } from '../support/stack';
import { certifiedProgram, employee, enrollmentBody, hr } from './fixtures';

const run = randomUUID().slice(0, 8);
/** This suite's employees (2500s: no other suite uses them). */
const TPL = 2500;
const tplAdmin: Person & { email: string } = {
  sub: `tpl-admin-${run}`,
  roles: ['admin'],
  name: `Tess Templates ${run}`,
  email: `tpl-admin-${run}@example.gov`,
};
const DENIED = '/templates/mentoring-leave.enrollment-denied/en';
/** New words that keep the subject's "enrollment denied", so other suites' checks still hold meanwhile. */
const edited = {
  subject: `[mentorflow] Mentoring leave {{year}}: enrollment denied (${run})`,
  body: `New words ${run}: your {{year}} enrollment was not approved, because {{reason}}.\n\nSee {{link}}\n`,
};

let stack: Stack;
let programId: string;

beforeAll(async () => {
  stack = await startStack();
  programId = await certifiedProgram(stack);
});
afterAll(async () => {
  await stack?.db.deleteFrom('email_templates').where('updated_by', '=', tplAdmin.sub).execute();
  await stack?.stop();
});

const admin = () => as(stack, tplAdmin);
const del = (p: Person, path: string) => as(stack, p).raw('DELETE', `/api/v1${path}`);
const savedRows = async () =>
  (await stack.db.selectFrom('email_templates').select('id').where('updated_by', '=', tplAdmin.sub).execute()).length;

/** Enrolls an employee of this suite and has HR deny it; returns the denial e-mail they get. */
async function deniedEnrollment(n: number, reason: string) {
  const emp = employee(TPL + n);
  const created = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
  expect([created.status, created.status === 201 ? '' : created.text]).toEqual([201, '']);
  const review = created.body.openTasks.find((t: { type: string }) => t.type === 'eligibility_review');
  const done = await as(stack, hr).post(`/tasks/${review.id}/complete`, { outcome: 'deny', comment: reason });
  expect(done.status).toBe(200);
  return eventually(
    async () => (await mailbox(emp.email)).find((m) => m.subject.includes('enrollment denied')),
    `the denial e-mail to ${emp.email}`,
  );
}

test('a template edit shows in the next e-mail a case sends; a reset brings the file back', async () => {
  const saved = await admin().put(DENIED, edited);
  expect([saved.status, saved.status === 200 ? '' : saved.text]).toEqual([200, '']);
  expect(saved.body).toMatchObject({ ...edited, from: 'override', overridden: true, version: expect.any(Number) });

  const mail = await deniedEnrollment(1, 'the program is full');
  expect(mail.subject).toMatch(new RegExp(`^\\[mentorflow\\] Mentoring leave \\d{4}: enrollment denied \\(${run}\\)$`));
  expect(mail.text).toContain(`New words ${run}: your`);
  expect(mail.text).toContain('because the program is full.');

  const audit = await stack.db
    .selectFrom('audit_events')
    .selectAll()
    .where('actor_id', '=', tplAdmin.sub)
    .where('kind', '=', 'template_changed')
    .executeTakeFirstOrThrow();
  expect(audit.target).toBe('template:mentoring-leave.enrollment-denied/en');
  expect(audit.before).toMatchObject({
    from: 'file',
    subject: '[mentorflow] Mentoring leave {{year}}: enrollment denied',
  });
  expect(audit.after).toMatchObject({ from: 'override', subject: edited.subject });

  const reset = await del(tplAdmin, DENIED);
  expect(reset.status).toBe(200);
  expect(reset.body).toMatchObject({ from: 'file', overridden: false, subject: reset.body.file.subject });
  const again = await deniedEnrollment(2, 'the program closed');
  expect(again.subject).not.toContain(run);
  expect(again.text).toContain('was denied. Reason: the program closed');
  // Both saves are kept: the edit and the reset after it.
  expect(await savedRows()).toBe(2);
});

test('words naming a variable the message does not have are refused, naming it, and nothing is saved', async () => {
  const before = await savedRows();
  const bad = await admin().put(DENIED, {
    subject: 'Denied for {{youthName}}',
    body: 'Reason: {{reason}} {{secret}} {{ year }}',
  });
  expect(bad.status).toBe(400);
  expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(bad.body.errors).toEqual([
    { path: 'body.subject', message: expect.stringMatching(/^Unknown variable \{\{youthName\}\};/) },
    { path: 'body.body', message: expect.stringMatching(/^Unknown variable \{\{secret\}\};/) },
  ]);
  const unknown = await admin().put('/templates/mentoring-leave.no-such-message/fr', edited);
  expect(unknown.status).toBe(400);
  expect(unknown.body.errors.map((e: { path: string }) => e.path)).toEqual(['params.id', 'params.language']);
  expect(await savedRows()).toBe(before);
  expect((await admin().get(DENIED)).body.subject).toBe('[mentorflow] Mentoring leave {{year}}: enrollment denied');
});

test('only admins read or change the words', async () => {
  const before = await savedRows();
  const calls = [
    as(stack, hr).get('/templates'),
    as(stack, hr).get(DENIED),
    as(stack, hr).put(DENIED, edited),
    del(hr, DENIED),
    as(stack, hr).post(`${DENIED}/preview`, {}),
    as(stack, hr).post(`${DENIED}/test`, {}),
  ];
  expect((await Promise.all(calls)).map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403]);
  expect(await savedRows()).toBe(before);
});

test("a preview fills in sample values; Spanish has its own words, the file's until others are saved", async () => {
  const made = await admin().post(`${DENIED}/preview`, {});
  expect(made.status).toBe(200);
  expect(made.body.subject).toBe('[mentorflow] Mentoring leave 2027: enrollment denied');
  expect(made.body.body).toContain('Reason: [sample reason]');
  expect(made.body.body).toContain('https://mentorflow.example.gov/sample-link');

  const draft = await admin().post(`${DENIED}/preview`, { ...edited, sample: { reason: 'of the budget' } });
  expect(draft.body.body).toContain(`New words ${run}: your 2027 enrollment was not approved, because of the budget.`);
  expect((await admin().post(`${DENIED}/preview`, { sample: { youthName: 'x' } })).status).toBe(400);

  const es = '/templates/platform.task-opened/es';
  const spanishFile = await admin().post(`${es}/preview`, {});
  expect(spanishFile.body).toMatchObject({ wordsLanguage: 'es' });
  expect(spanishFile.body.body).toContain('Una tarea requiere su acción: [sample taskTitle].');
  const words = {
    subject: '[mentorflow] {{taskTitle}} (es)',
    body: 'Tarea: {{taskTitle}}, vence {{dueAt}}.\n{{link}}\n',
  };
  expect((await admin().put(es, words)).status).toBe(200);
  expect((await admin().post(`${es}/preview`, {})).body).toMatchObject({
    wordsLanguage: 'es',
    subject: '[mentorflow] [sample taskTitle] (es)',
  });
  const list = await admin().get('/templates');
  const opened = list.body.items.find((t: { id: string }) => t.id === 'platform.task-opened');
  expect(opened).toMatchObject({
    process: 'platform',
    languages: ['en', 'es'],
    overriddenLanguages: ['es'],
    variables: ['taskTitle', 'dueAt', 'link'],
  });
  expect((await del(tplAdmin, es)).body).toMatchObject({ wordsLanguage: 'es', from: 'file' });
});

test('a test send reaches the calling admin and nobody else', async () => {
  const marker = `test-send-${run}`;
  const sent = await admin().post(`${DENIED}/test`, { sample: { reason: marker } });
  expect([sent.status, sent.status === 202 ? '' : sent.text]).toEqual([202, '']);
  expect(sent.body).toMatchObject({
    sentTo: tplAdmin.email,
    subject: '[Test] [mentorflow] Mentoring leave 2027: enrollment denied',
  });
  const mail = await eventually(
    async () => (await mailbox(tplAdmin.email)).find((m) => m.text.includes(marker)),
    'the test e-mail',
  );
  expect(mail.subject).toBe('[Test] [mentorflow] Mentoring leave 2027: enrollment denied');
  const everywhere = (await mailbox()).filter((m) => m.text.includes(marker));
  expect(everywhere.map((m) => m.to)).toEqual([[tplAdmin.email]]);
  const row = await stack.db.selectFrom('email_outbox').selectAll().where('key', '=', sent.body.key).executeTakeFirst();
  expect(row).toMatchObject({ recipients: [tplAdmin.email], case_id: null });
});
