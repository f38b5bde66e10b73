/**
 * The Cases page in the browser (docs/web-app.md, "Cases"), in Chromium with axe on each
 * state: a case worker searches by name, narrows to their own cases and one process, steps
 * Back and Forward through the filters, opens a shared link with them, meets the empty and
 * error states, and opens a case from the results; in Spanish, the processes, stages and
 * statuses read in Spanish, and so do a case's consents and timeline events.
 */
import { checkPage, useBrowserStack } from '../support/browser';
import { as } from '../support/stack';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cw1, cw2, mentorApplication, sw1, youthReferral } from '../integration/foster-fixtures';

const mine = mentorApplication();
const theirs = mentorApplication();
let youth: { id: string; subject: string };
const world = useBrowserStack(async (stack) => {
  const a = await as(stack, cw1).post('/foster/mentors', mine);
  const b = await as(stack, cw2).post('/foster/mentors', theirs);
  const y = await as(stack, sw1).post('/foster/youth', youthReferral());
  expect([a.status, b.status, y.status]).toEqual([201, 201, 201]);
  youth = y.body;
  return [[cw1, 'case worker']];
});

test('a case worker searches, filters, goes back and forward, shares the link and opens a case', async () => {
  const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await world.signInAs(page, 'Casey Worker');
  await page.getByRole('link', { name: 'Cases', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
  const row = (name: string) => page.getByRole('row', { name: new RegExp(name) });
  await row(mine.applicant.name).waitFor();
  await row(youth.subject.replace(/[()]/g, '.')).waitFor();
  // Another case worker's screening is not theirs to see.
  expect(await row(theirs.applicant.name).count()).toBe(0);
  await checkPage(page, 'cases-all');

  // A name typed in part, then their own cases of one process.
  await page.getByLabel('Search cases by name').fill(mine.applicant.name.split(' ')[1].slice(0, 8));
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/[?&]q=/);
  await row(mine.applicant.name).waitFor();
  await page.getByLabel('Search cases by name').fill('');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL((u) => !u.searchParams.has('q'));
  await page.getByLabel('Worked by').selectOption('me');
  await page.waitForURL(/assigneeId=me/);
  await page.getByLabel('Process').selectOption('youth_referral');
  await page.waitForURL(/type=youth_referral/);
  await row(youth.subject.replace(/[()]/g, '.')).waitFor();
  await page.getByRole('row', { name: new RegExp(mine.applicant.name) }).waitFor({ state: 'detached' });
  await checkPage(page, 'cases-filtered');

  // Back restores the filters before, Forward the ones after.
  await page.goBack();
  await page.waitForURL((u) => !u.searchParams.has('type') && u.searchParams.get('assigneeId') === 'me');
  expect(await page.getByLabel('Process').inputValue()).toBe('');
  await row(mine.applicant.name).waitFor();
  await page.goForward();
  await page.waitForURL(/type=youth_referral/);
  expect(await page.getByLabel('Process').inputValue()).toBe('youth_referral');
  expect(await page.getByLabel('Worked by').inputValue()).toBe('me');

  // A shared link opens the same search.
  const shared = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await world.signInAs(shared, 'Casey Worker');
  await shared.goto(page.url());
  await shared.getByRole('heading', { level: 1, name: 'Cases' }).waitFor();
  expect(await shared.getByLabel('Process').inputValue()).toBe('youth_referral');
  expect(await shared.getByLabel('Worked by').inputValue()).toBe('me');
  await shared.getByRole('row', { name: new RegExp(youth.subject.replace(/[()]/g, '.')) }).waitFor();

  // Nothing found, and a link the API refuses: each says so.
  await shared.goto(`${world.site()}/cases?q=zzzqqq`);
  await shared.getByText('No case you may see matches this search.').waitFor();
  await checkPage(shared, 'cases-empty');
  await shared.goto(`${world.site()}/cases?type=no_such_process`);
  await shared.getByRole('alert').getByText('The cases could not be listed').waitFor();
  await checkPage(shared, 'cases-error');

  // A result opens its case.
  await page.getByRole('link', { name: youth.subject }).click();
  await page.waitForURL(new RegExp(`/cases/${youth.id}$`));
  await page.getByRole('heading', { level: 1, name: youth.subject }).waitFor();
});

test('in Spanish the processes, stages, statuses, consents and timeline events of the cases read in Spanish', async () => {
  const es = JSON.parse(readFileSync(path.resolve(__dirname, '../../web/src/i18n/messages/es.json'), 'utf8')) as Record<
    string,
    string
  >;
  const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await world.signInAs(page, 'Casey Worker');
  await page.getByRole('button', { name: 'Languages' }).click();
  await page.getByRole('button', { name: 'Español' }).click();
  await page.goto(`${world.site()}/cases`);
  await page.getByRole('heading', { level: 1, name: es['cases.title'] }).waitFor();
  const youthRow = page.getByRole('row', { name: new RegExp(youth.subject.replace(/[()]/g, '.')) });
  await youthRow.getByText('Remisión de joven').waitFor();
  await youthRow.getByText('Consentimiento').waitFor();
  await page
    .getByRole('row', { name: new RegExp(mine.applicant.name) })
    .getByText('Evaluación de mentor')
    .waitFor();
  expect(await page.getByLabel(es['inbox.process']!).locator('option', { hasText: 'Emparejamiento' }).count()).toBe(1);
  await checkPage(page, 'cases-es');

  await youthRow.getByRole('link', { name: youth.subject }).click();
  await page.getByRole('heading', { level: 1, name: youth.subject }).waitFor();
  await page.getByText(`${es['case.stage']} Consentimiento`).waitFor();
  await page.getByText(`${es['case.status']} Abierto`).waitFor();
  // The consents it waits on and its timeline's events read in Spanish too.
  await page.getByText(`Consentimiento — ${es['detail.social_worker']}: pendiente`).waitFor();
  await page.getByRole('heading', { level: 3, name: es['event.referred'] }).waitFor();
  await page.getByRole('heading', { level: 3, name: es['event.task_created'] }).first().waitFor();
});
