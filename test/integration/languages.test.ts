/**
 * English and Spanish on the real stack (docs/emails.md, "Languages"; docs/api-guide.md):
 * a volunteer who chose Spanish on the form — or whose browser asks for it — gets the
 * confirmation e-mail in Spanish, its outbox row says so, and the link's page is in Spanish;
 * a reference gets the applicant's language, e-mail and answer page; a youth referral
 * records the caregiver's; a member of staff gets theirs from the people directory;
 * a refused request asked for in Spanish has a Spanish title, detail and field messages and
 * the same code as in English, and changes nothing.
 */
import { sql } from 'kysely';
import { as, eventually, mailbox, startStack, truncateAll, type Stack } from '../support/stack';
import { referralForm } from './referral-fixtures';
import { cw1, mentorApplication, youthReferral } from './foster-fixtures';
import { admin, certifiedProgram, DEPT, employee, enrollmentBody, hr } from './fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
});
afterAll(async () => stack?.stop());

const SPANISH_SENTENCE = 'Si no fue usted, ignore este mensaje: no pasará nada más';
const ENGLISH_SENTENCE = 'If it was not you, ignore this message';

const firstMail = (to: string) => eventually(async () => (await mailbox(to))[0], `the e-mail to ${to}`);
const outboxLanguage = async (to: string) =>
  (
    await stack.db
      .selectFrom('email_outbox')
      .select('language')
      .where(sql<boolean>`${to} = ANY(recipients)`)
      .executeTakeFirstOrThrow()
  ).language;

test('a volunteer who chose Spanish gets the confirmation e-mail, and its page, in Spanish', async () => {
  const form = { ...referralForm('Fresno'), language: 'es' };
  const created = await as(stack).post('/referrals', form);
  expect(created.status).toBe(201);
  const mail = await firstMail(form.volunteer.email);
  expect(mail.subject).toContain('Confirme su dirección de correo electrónico');
  expect(mail.text).toContain(SPANISH_SENTENCE);
  expect(mail.text).not.toContain(ENGLISH_SENTENCE);
  expect(await outboxLanguage(form.volunteer.email)).toBe('es');

  // The link in the e-mail opens the page in Spanish, whatever the browser's language.
  const link = /https?:\/\/\S+\/referrals\/confirm\/[A-Za-z0-9_-]+\?lang=es/.exec(mail.text)![0];
  const path = new URL(link).pathname + new URL(link).search;
  const page = await fetch(`${stack.baseUrl}${path}`, { headers: { 'accept-language': 'en' } });
  const html = await page.text();
  expect(html).toContain('<html lang="es">');
  expect(html).toContain('Confirmar y enviar mi referencia');
});

test("without a language on the form the browser's Accept-Language picks it; neither gives English", async () => {
  const browser = referralForm('Fresno');
  expect((await as(stack).post('/referrals', browser, { 'accept-language': 'es-MX,es;q=0.9' })).status).toBe(201);
  expect((await firstMail(browser.volunteer.email)).text).toContain(SPANISH_SENTENCE);

  const plain = referralForm('Fresno');
  expect((await as(stack).post('/referrals', plain)).status).toBe(201);
  const mail = await firstMail(plain.volunteer.email);
  expect(mail.text).toContain(ENGLISH_SENTENCE);
  expect(mail.text).not.toContain(SPANISH_SENTENCE);
  expect(await outboxLanguage(plain.volunteer.email)).toBe('en');
});

test('a form refused in Spanish: Spanish title, detail and field messages, same code, nothing created', async () => {
  const bad = referralForm('Fresno', { volunteer: { email: 'not an address', county: '' } });
  const cases = async () => (await stack.db.selectFrom('cases').select('id').execute()).length;
  const before = await cases();
  const es = await as(stack).post('/referrals', bad, { 'accept-language': 'es' });
  const en = await as(stack).post('/referrals', bad);
  expect([es.status, en.status]).toEqual([400, 400]);
  expect(es.body.code).toBe(en.body.code);
  expect(es.body).toMatchObject({ code: 'validation_failed', title: 'Solicitud incorrecta' });
  expect(es.body.detail).toBe('Los datos enviados no son válidos');
  expect(en.body).toMatchObject({ title: 'Bad Request', detail: 'The body is not valid' });
  const messages = (b: { errors: { path: string; message: string }[] }) =>
    Object.fromEntries(b.errors.map((e) => [e.path, e.message]));
  expect(messages(es.body)).toEqual({
    'body.volunteer.email': 'una dirección de correo electrónico válida',
    'body.volunteer.county': 'no debe estar vacío',
  });
  expect(messages(en.body)).toEqual({
    'body.volunteer.email': 'a valid e-mail address',
    'body.volunteer.county': 'must not be empty',
  });
  expect(await cases()).toBe(before);
});

test("a reference gets the applicant's language: the e-mail and the answer page in Spanish", async () => {
  const plain = mentorApplication();
  const app = { ...plain, applicant: { ...plain.applicant, language: 'es' } };
  const created = await as(stack, cw1).post('/foster/mentors', app);
  expect(created.status).toBe(201);
  const ref = app.references[0].email;
  const mail = await firstMail(ref);
  expect(mail.subject).toContain('Una referencia para');
  expect(mail.text).toContain('Díganos si recomienda a');
  expect(mail.text).not.toContain('Please tell us whether you recommend');
  const path = /\/references\/[A-Za-z0-9_-]+\?lang=es/.exec(mail.text)![0];
  const html = await (await fetch(`${stack.baseUrl}${path}`)).text();
  expect(html).toContain('<html lang="es">');
  expect(html).toContain('Sí, con reservas');
  // Its answer is recorded as any other, and said so in Spanish.
  const answered = await fetch(`${stack.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'recommendation=yes',
  });
  expect([answered.status, await answered.text()]).toEqual([
    200,
    expect.stringContaining('Su respuesta quedó registrada.'),
  ]);
});

test("a youth referral records the caregiver's language; another than en or es is refused, in Spanish", async () => {
  const body = youthReferral();
  const refused = await as(stack, cw1).post(
    '/foster/youth',
    { ...body, caregiver: { ...body.caregiver, language: 'fr' } },
    { 'accept-language': 'es' },
  );
  expect([refused.status, refused.body.code]).toEqual([400, 'validation_failed']);
  expect(refused.body.errors).toEqual([{ path: 'body.caregiver.language', message: 'uno de estos valores: en | es' }]);
  const created = await as(stack, cw1).post('/foster/youth', {
    ...body,
    caregiver: { ...body.caregiver, language: 'es' },
  });
  expect(created.status).toBe(201);
  const youth = await as(stack, cw1).get(`/foster/youth/${created.body.id}`);
  expect(youth.body.caregiver).toMatchObject({ language: 'es' });
});

test('a member of staff gets e-mails, and the app, in the language of their directory entry', async () => {
  const programId = await certifiedProgram(stack);
  const emp = employee(2700 + Math.floor(Math.random() * 99));
  const listed = await as(stack, admin).post('/people', {
    id: emp.sub,
    name: emp.name,
    email: emp.email,
    language: 'es',
    roles: [{ role: 'employee', department: DEPT }],
  });
  expect([listed.status, listed.status === 201 ? '' : listed.text]).toEqual([201, '']);
  // The web app asks who is signed in, and is shown in the directory's language.
  expect((await as(stack, emp).get('/me')).body.language).toBe('es');
  const created = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
  expect([created.status, created.status === 201 ? '' : created.text]).toEqual([201, '']);
  const review = created.body.openTasks.find((t: { type: string }) => t.type === 'eligibility_review');
  expect(
    (await as(stack, hr).post(`/tasks/${review.id}/complete`, { outcome: 'deny', comment: 'cupo lleno' })).status,
  ).toBe(200);
  const mail = await eventually(
    async () => (await mailbox(emp.email)).find((m) => m.subject.includes('inscripción denegada')),
    `the Spanish denial e-mail to ${emp.email}`,
  );
  expect(mail.text).toContain('fue denegada. Motivo: cupo lleno');
  expect(await outboxLanguage(emp.email)).toBe('es');
});
