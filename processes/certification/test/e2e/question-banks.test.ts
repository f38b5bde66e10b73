/**
 * The question bank page in the browser (docs/administration.md, "Words"), in Chromium with
 * axe on every state: an administrator reads the versions and the questions of one by
 * standard, is refused a bank that is not JSON and one that misses a standard (each problem
 * shown with its place), publishes a good one, and finds it in the audit log.
 */
import { randomUUID } from 'node:crypto';
import type { Person } from '../../../../test/support/stack';
import { checkPage, useBrowserStack } from '../../../../test/support/browser';
import { STANDARDS } from '../../questions';

const bankAdmin: Person = { sub: 'qb-e2e-admin', roles: ['admin'], name: 'Bea Bankwright' };
const world = useBrowserStack(async () => [[bankAdmin, 'admin']]);

const tag = `e2e${randomUUID().slice(0, 6)}`;
const bank = STANDARDS.flatMap((standard) =>
  [1, 2, 3].map((n) => ({
    id: `${tag}-${standard.slice(0, 3)}-${n}`,
    standard,
    text: `Does the program keep record ${n} for ${standard.replace(/_/g, ' ')}?`,
    answerType: 'yes_partially_no',
  })),
);

test('an admin reads the versions, is shown what is wrong with a bad bank, and publishes a good one', async () => {
  const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await world.signInAs(page, 'Bea Bankwright');
  await page.getByRole('link', { name: 'Question bank' }).click();
  await page.getByRole('heading', { level: 1, name: 'Question bank' }).waitFor();
  await page.getByRole('row', { name: /^2 .*mentorflow/ }).waitFor();
  await page.getByRole('row', { name: /^1 .*mentorflow/ }).waitFor();
  // The newest version's questions, by standard (the shipped bank's nine a standard at least).
  await page.getByRole('heading', { level: 3, name: /Closure \(\d+\)/ }).waitFor();
  await checkPage(page, 'question-banks');

  const form = page.getByRole('form', { name: 'Publish a new version' });
  await form.getByLabel('Questions (JSON)').fill('[{ "id": "x", ');
  await form.getByLabel('Why').fill('A try');
  await form.getByRole('button', { name: 'Publish' }).click();
  await form.getByText('The question bank was not published').waitFor();

  const noClosure = bank.filter((q) => q.standard !== 'closure');
  noClosure[1] = { ...noClosure[1], id: noClosure[0].id };
  await form.getByLabel('Questions (JSON)').fill(JSON.stringify(noClosure, null, 2));
  await form.getByRole('button', { name: 'Publish' }).click();
  await form.getByText(/no question for the standard closure/).waitFor();
  await form.getByText(/body\.questions\.1\.id: duplicate id/).waitFor();
  await checkPage(page, 'question-banks-refused');

  await form.getByLabel('Questions (JSON)').fill(JSON.stringify({ questions: bank }));
  await form.getByLabel('Why').fill('Shorter bank for the pilot counties');
  await form.getByRole('button', { name: 'Publish' }).click();
  const published = await form.getByText(/^Published version \d+\.$/).textContent();
  const version = Number(/(\d+)/.exec(published ?? '')![1]);
  expect(version).toBeGreaterThanOrEqual(3);
  await page.getByRole('row', { name: new RegExp(`^${version} .*Shorter bank for the pilot counties`) }).waitFor();
  await page.getByRole('heading', { level: 2, name: `Version ${version}` }).waitFor();
  await page.getByText(`${tag}-clo-3`).waitFor();
  await checkPage(page, 'question-banks-published');

  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('row', { name: new RegExp(`Question bank published: question_bank:${version}`) }).waitFor();
});
