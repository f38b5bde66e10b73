/**
 * The E-mail templates page in the browser (docs/emails.md), in Chromium with axe on every
 * state: an admin finds a message, writes its Spanish words, sees a placeholder the message
 * does not have refused at the Body field (nothing saved), previews the words with sample
 * values, sends a test to their own address, saves, and goes back to the file's words.
 */
import { checkPage, useBrowserStack } from '../support/browser';
import { eventually, mailbox, type Person } from '../support/stack';

const tia: Person & { email: string } = {
  sub: 'tpl-e2e-admin',
  roles: ['admin'],
  name: 'Tia Templates',
  email: 'tia.templates@example.gov',
};
// Before the world's own afterAll (hooks run in the order they are declared), which stops the stack.
afterAll(async () => {
  await world.stack?.db.deleteFrom('email_templates').where('updated_by', '=', tia.sub).execute();
});
const world = useBrowserStack(async () => [[tia, 'admin']]);
const savedRows = async () =>
  (await world.stack.db.selectFrom('email_templates').select('id').where('updated_by', '=', tia.sub).execute()).length;

test('an admin edits, previews, test-sends, saves and resets the Spanish words of an e-mail', async () => {
  const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await world.signInAs(page, 'Tia Templates');
  await page.getByRole('link', { name: 'E-mail templates' }).click();
  await page.getByRole('heading', { level: 1, name: 'E-mail templates' }).waitFor();
  await page.getByRole('button', { name: 'Edit mentoring-leave.enrollment-denied' }).waitFor();
  await checkPage(page, 'templates-list');

  await page.getByRole('button', { name: 'Edit mentoring-leave.enrollment-denied' }).click();
  await page.getByLabel('Language').selectOption('es');
  // Every message has Spanish words in its file: the editor starts from them.
  await page.getByText("The file's words.", { exact: true }).waitFor();
  const variables = page.getByRole('list', { name: 'Variables of this message' });
  expect(await variables.getByRole('listitem').allTextContents()).toEqual(['{{year}}', '{{reason}}', '{{link}}']);

  await page.getByLabel('Subject').fill('[mentorflow] Licencia de mentoría {{year}}: inscripción denegada');
  await page
    .getByLabel('Body')
    .fill('Hola {{youthName}}: su inscripción de {{year}} fue denegada. Motivo: {{reason}}\n');
  await page.getByRole('button', { name: 'Save the words' }).click();
  const bodyError = page.locator('#template-body-error');
  await bodyError.waitFor();
  expect(await bodyError.textContent()).toMatch(/^Unknown variable \{\{youthName\}\};/);
  await checkPage(page, 'templates-refused');
  expect(await savedRows()).toBe(0);

  await page
    .getByLabel('Body')
    .fill('Su inscripción de {{year}} fue denegada. Motivo: {{reason}}\n\nAbrir: {{link}}\n');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('heading', { name: 'Preview with sample values' }).waitFor();
  expect(await page.getByLabel('Preview of the body').textContent()).toContain(
    'Su inscripción de 2027 fue denegada. Motivo: [sample reason]',
  );
  await checkPage(page, 'templates-preview');

  await page.getByRole('button', { name: 'Send me a test e-mail' }).click();
  await page.getByText(`A test e-mail was sent to ${tia.email}.`).waitFor();
  const mail = await eventually(
    async () => (await mailbox(tia.email)).find((m) => m.subject.includes('inscripción denegada')),
    'the test e-mail',
  );
  expect(mail.subject).toBe('[Test] [mentorflow] Licencia de mentoría 2027: inscripción denegada');

  await page.getByRole('button', { name: 'Save the words' }).click();
  await page.getByText('The Español words of mentoring-leave.enrollment-denied were saved.').waitFor();
  await page.getByText('Words saved in the web app (version 1, by tpl-e2e-admin).').waitFor();
  await page.getByRole('row', { name: /enrollment-denied.*Español/ }).waitFor();
  expect(await savedRows()).toBe(1);
  await checkPage(page, 'templates-saved');

  await page.getByRole('button', { name: "Go back to the file's words" }).click();
  await page.getByText("mentoring-leave.enrollment-denied (Español) uses the file's words again.").waitFor();
  await page.getByText("The file's words.", { exact: true }).waitFor();
  expect(await savedRows()).toBe(2);
});
