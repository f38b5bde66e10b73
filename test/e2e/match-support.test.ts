/**
 * The match support pages in the browser (docs/processes/foster.md, "Match support"), in
 * Chromium with axe on each: a case worker opens the Caseload from the navigation and finds
 * the weakest match first, its band in words and the reasons listed, and opens the match; a
 * case supervisor opens Outcomes, picks the year 2024 by county, reads the figures in the
 * table under each chart and downloads the CSV. The match facts are seeded in the database.
 */
import { readFileSync } from 'node:fs';
import { checkPage, useBrowserStack } from '../support/browser';
import { as, type Stack } from '../support/stack';
import { caseSup, cw1, mentorApplication, sw1, youthReferral } from '../integration/foster-fixtures';

let atRisk = '';

async function created(stack: Stack, path: string, who: typeof cw1, body: object): Promise<string> {
  const r = await as(stack, who).post(path, body);
  if (r.status !== 201) throw new Error(`${path}: ${r.status} ${r.text}`);
  return r.body.id;
}

async function seed(stack: Stack, row: Record<string, unknown>) {
  await stack.db
    .insertInto('match_facts')
    .values({
      case_id: `match-${Math.random().toString(36).slice(2)}`,
      case_worker_id: cw1.sub,
      stage: 'active',
      proposed_at: '2024-01-10T17:00:00Z',
      health_reasons: [],
      ...row,
    } as never)
    .execute();
}

const world = useBrowserStack(async (stack) => {
  await stack.db.deleteFrom('match_facts').execute();
  const m1 = mentorApplication();
  const m2 = mentorApplication();
  const mentorA = await created(stack, '/foster/mentors', cw1, {
    ...m1,
    applicant: { ...m1.applicant, name: 'Ana Mentora' },
  });
  const mentorB = await created(stack, '/foster/mentors', cw1, {
    ...m2,
    applicant: { ...m2.applicant, name: 'Ben Mentor' },
  });
  const y1 = youthReferral();
  const y2 = youthReferral();
  const youthA = await created(stack, '/foster/youth', sw1, { ...y1, youth: { ...y1.youth, name: 'Dana Youthful' } });
  const youthB = await created(stack, '/foster/youth', sw1, { ...y2, youth: { ...y2.youth, name: 'Eli Youthful' } });
  // The caseload's matches are real cases' parties; the one at risk is a real case to open.
  atRisk = youthB;
  await seed(stack, {
    mentor_case_id: mentorA,
    youth_case_id: youthA,
    county: 'Fresno',
    first_meeting_at: '2024-02-01T17:00:00Z',
    health_score: 88,
    health_band: 'healthy',
  });
  await seed(stack, {
    case_id: atRisk,
    mentor_case_id: mentorB,
    youth_case_id: youthB,
    county: 'Kern',
    first_meeting_at: '2024-05-01T17:00:00Z',
    closed_at: '2024-09-01T17:00:00Z',
    closure_reason: 'youth_moved',
    stage: 'closing',
    health_score: 30,
    health_band: 'at_risk',
    health_reasons: ['contact_overdue:21'],
  });
  return [
    [cw1, 'case worker'],
    [caseSup, 'case supervisor'],
  ];
});

test('a case worker finds the weakest match first on the caseload and opens it', async () => {
  const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await world.signInAs(page, 'Casey Worker');
  await page.getByRole('link', { name: 'Caseload', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Caseload' }).waitFor();
  const rows = page.getByRole('row');
  await page.getByRole('row', { name: /Ben Mentor and Eli/ }).waitFor();
  const texts = await rows.allInnerTexts();
  expect(texts.slice(1).map((t) => t.split(/\s+and\s+/)[0].trim())).toEqual(['Ben Mentor', 'Ana Mentora']);
  const weakest = page.getByRole('row', { name: /Ben Mentor and Eli/ });
  await weakest.getByText('At risk', { exact: true }).waitFor();
  await weakest.getByText('30 of 100').waitFor();
  await weakest.getByText('contact_overdue:21').waitFor();
  expect(await page.getByText('Youthful').count()).toBe(0);
  await page
    .getByRole('row', { name: /Ana Mentora and Dana/ })
    .getByText('Healthy', { exact: true })
    .waitFor();
  await checkPage(page, 'caseload');
  await weakest.getByRole('link').click();
  await page.waitForURL(new RegExp(`/cases/${atRisk}$`));
});

test('a case supervisor reads the outcomes of 2024 by county, chart and table, and downloads the CSV', async () => {
  const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await world.signInAs(page, 'Chris Supervisor');
  await page.getByRole('link', { name: 'Outcomes', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Outcomes' }).waitFor();
  await page.getByLabel('From').fill('2024-01-01');
  await page.getByLabel('To (included)').fill('2024-12-31');
  await page.getByLabel('Group by').selectOption('county');
  await page.getByRole('button', { name: 'Show report' }).click();
  await page.waitForURL(/groupBy=county/);
  await page.getByRole('img', { name: 'Youth and mentors' }).waitFor();
  await page.getByRole('img', { name: 'How long matches last' }).waitFor();
  // Fresno: met on 1 February, still going at the year's end (11 report months, rounded).
  const people = page.getByRole('table', { name: 'Youth and mentors from 2024-01-01 to 2024-12-31' });
  await people.getByRole('row', { name: /^Fresno 1 1 0 0 0$/ }).waitFor();
  await people.getByRole('row', { name: /^Kern 1 0 0 0 0$/ }).waitFor();
  const length = page.getByRole('table', { name: /Match length/ });
  await length.getByRole('columnheader', { name: 'Closed early: youth moved' }).waitFor();
  // Kern: 1 May to 1 September, four months; closed early as the youth moved.
  await length.getByRole('row', { name: /^Kern 4 4 0 0 1/ }).waitFor();
  await checkPage(page, 'outcomes');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download outcomes CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('outcomes-2024-01-01-2024-12-31-by-county.csv');
  const csv = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(csv[0]).toMatch(/^key,youthServed,/);
  expect(csv.slice(1).map((l) => l.split(',')[0])).toEqual(['Fresno', 'Kern']);
});
