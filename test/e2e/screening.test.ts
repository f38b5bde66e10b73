/**
 * A case worker works a mentor's screening in the browser: the checklist shows what is
 * done and what is not; each background check is recorded through the form generated
 * from the task type's data schema (which check it was), and the checklist follows.
 */
import type { Browser } from 'playwright-core';
import { as, startStack, truncateAll, type Stack } from '../support/stack';
import { checkPage, launchBrowser } from '../support/browser';
import { cw1, mentorApplication } from '../integration/foster-fixtures';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
  await stack.db.insertInto('people').values({ id: cw1.sub, name: cw1.name ?? null, email: null, roles: cw1.roles, department: null, program_id: null, seen_at: new Date(), demo_label: 'case worker' })
    .onConflict((oc) => oc.column('id').doUpdateSet({ demo_label: 'case worker' })).execute();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

test('the screening checklist follows the background checks recorded through the generated form', async () => {
  const created = await as(stack, cw1).post('/foster/mentors', mentorApplication());
  expect(created.status).toBe(201);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${stack.baseUrl}/`);
  await page.getByRole('button', { name: /^Casey Worker — case worker$/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
  await page.getByLabel('Task type').selectOption('background_check');
  expect(new URL(page.url()).searchParams.get('type')).toBe('background_check');
  await page.getByRole('link', { name: /State criminal record/ }).click();
  await page.getByRole('heading', { level: 2, name: 'Screening checklist' }).waitFor();
  await page.getByText('Background check — Doj live scan: pending').waitFor();
  await checkPage(page, 'case-screening');

  // The first check's form: which check it was comes from the schema's choices.
  const form = page.getByRole('form').first();
  await form.getByLabel('Check').selectOption('doj_live_scan');
  await form.getByRole('button', { name: 'Clear' }).click();
  await page.getByText(/^Done: Clear\./).waitFor();
  await page.getByText('Background check — Doj live scan: clear').waitFor();
  const checks = (await as(stack, cw1).get(`/cases/${created.body.id}`)).body.checks as { name: string; status: string }[];
  expect(checks.find((c) => c.name === 'doj_live_scan')?.status).toBe('clear');
  await page.close();
});
