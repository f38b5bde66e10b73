/**
 * A case worker works a mentor's screening in the browser: the checklist shows what is
 * done and what is not; each background check is recorded through the form generated
 * from the task type's data schema (which check it was), and the checklist follows. A
 * reference answers on the public page behind the e-mailed link; a match is proposed from
 * the free mentors and later closed by its case worker.
 */
import type { Browser } from 'playwright-core';
import { as, startStack, truncateAll, type Stack } from '../../../../test/support/stack';
import { checkPage, launchBrowser, writeDemoPeople } from '../../../../test/support/browser';
import {
  activeMatch,
  approvedMentor,
  cw1,
  mentorApplication,
  readyYouth,
  referenceToken,
  sw1,
  youthReferral,
} from '../../../../test/integration/foster-fixtures';

let stack: Stack;
let browser: Browser;
/** The one address the browser uses (behind a load balancer a person sees one site; its session lives there). */
const site = () => stack.baseUrls[0];

beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
  // As `npm run seed` writes them: the whole row, whatever an earlier suite's token left there.
  await writeDemoPeople(stack.db, [
    [cw1, 'case worker'],
    [sw1, 'social worker'],
  ]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

test('a case worker enters a mentor application; the checklist follows the checks recorded through the generated form', async () => {
  const app = mentorApplication();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${site()}/`);
  await page.getByRole('button', { name: /^Casey Worker — case worker$/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
  await page.getByRole('link', { name: 'New mentor' }).click();
  await page.getByRole('heading', { level: 1, name: 'New mentor application' }).waitFor();
  await page.getByLabel('Full name').fill(app.applicant.name);
  await page.getByLabel('E-mail').first().fill(app.applicant.email);
  await page.getByLabel('Phone').fill(app.applicant.phone);
  await page.getByLabel('Date of birth').fill(app.applicant.dateOfBirth);
  await page.getByLabel('Interests').fill('soccer, chess');
  await page.getByText('Was in foster care as a young person').click();
  for (const [i, r] of app.references.entries()) {
    const set = page.getByRole('group', { name: `Reference ${i + 1}` });
    await set.getByLabel('Name').fill(r.name);
    await set.getByLabel('E-mail').fill(r.email);
    await set.getByLabel('How they know the applicant').fill(r.relationship);
  }
  await checkPage(page, 'mentor-application');
  await page.getByRole('button', { name: 'Start screening' }).click();
  await page.getByRole('heading', { level: 2, name: 'Screening checklist' }).waitFor();
  const caseId = new URL(page.url()).pathname.split('/').pop()!;
  const created = { body: (await as(stack, cw1).get(`/cases/${caseId}`)).body };
  expect(created.body.applicant).toMatchObject({
    name: app.applicant.name,
    interests: ['soccer', 'chess'],
    formerFosterYouth: true,
  });
  await page.getByRole('link', { name: 'Inbox' }).click();
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
  await page.getByLabel('Process').selectOption('mentor_screening');
  // The type filter then offers only this process's task types (once the page has re-rendered).
  await page.getByLabel('Task type').locator('option[value="background_check"]').waitFor({ state: 'attached' });
  await page.getByLabel('Task type').locator('option[value="hr_approval"]').waitFor({ state: 'detached' });
  expect(await page.getByLabel('Task type').locator('option[value="hr_approval"]').count()).toBe(0);
  await page.getByLabel('Task type').selectOption('background_check');
  // The checks are due in weeks, not days: none is due within 7 days.
  await page.getByLabel('Due').selectOption('week');
  const url = new URL(page.url());
  expect([url.searchParams.get('process'), url.searchParams.get('type'), url.searchParams.get('due')]).toEqual([
    'mentor_screening',
    'background_check',
    'week',
  ]);
  await page.getByText('No open tasks match these filters.').waitFor();
  await page.getByLabel('Due').selectOption('');
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
  const checks = (await as(stack, cw1).get(`/cases/${created.body.id}`)).body.checks as {
    name: string;
    status: string;
  }[];
  expect(checks.find((c) => c.name === 'doj_live_scan')?.status).toBe('clear');
  await page.close();
});

test('a social worker refers a youth; the referral waits on the consents', async () => {
  const referral = youthReferral();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${site()}/`);
  await page.getByRole('button', { name: /^Sol Social — social worker$/ }).click();
  await page.getByRole('link', { name: 'Refer a youth' }).click();
  await page.getByRole('heading', { level: 1, name: 'Refer a youth' }).waitFor();
  await page.getByLabel('Full name').fill(referral.youth.name);
  await page.getByLabel('Date of birth').fill(referral.youth.dateOfBirth);
  await page.getByLabel('County').fill(referral.youth.county);
  await page.getByLabel('What a mentor could help with').fill(referral.youth.needs);
  await page.getByRole('group', { name: 'The caregiver' }).getByLabel('Name').fill(referral.caregiver.name);
  await page.getByLabel("Case worker's staff ID").fill(cw1.sub);
  await checkPage(page, 'youth-referral');
  await page.getByRole('button', { name: 'Refer' }).click();
  await page.getByRole('heading', { level: 2, name: 'Referral', exact: true }).waitFor();
  await page.getByText('Consent — Social worker: pending').waitFor();
  await checkPage(page, 'case-referral');
  const caseId = new URL(page.url()).pathname.split('/').pop()!;
  const c = (await as(stack, cw1).get(`/cases/${caseId}`)).body;
  expect(c.type).toBe('youth_referral');
  // The case's title names it by a short id, never the youth.
  expect(await page.title()).not.toContain(referral.youth.name);
  await page.close();
});

test('a case worker proposes a match from the youth who are ready and the mentors who are free', async () => {
  const mentorId = await approvedMentor(stack);
  const youthId = await readyYouth(stack);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${site()}/`);
  await page.getByRole('button', { name: /^Casey Worker — case worker$/ }).click();
  await page.getByRole('link', { name: 'Propose a match' }).click();
  await page.getByRole('heading', { level: 1, name: 'Propose a match' }).waitFor();
  const youthPicker = page.getByLabel('Youth ready to be matched');
  await youthPicker.locator(`option[value="${youthId}"]`).waitFor({ state: 'attached' });
  await youthPicker.selectOption(youthId);
  const mentorPicker = page.getByLabel('Approved mentor, free');
  await mentorPicker.locator(`option[value="${mentorId}"]`).waitFor({ state: 'attached' });
  await mentorPicker.selectOption(mentorId);
  await page.getByText(/^Why .* fits:$/).waitFor();
  await page.getByLabel('Why this pairing').fill('Both love drawing; the mentor speaks Spanish at home too');
  await checkPage(page, 'propose-match');
  await page.getByRole('button', { name: 'Propose the match' }).click();
  await page.getByRole('heading', { level: 2, name: 'Check-ins' }).waitFor();
  await page.getByText('Consent — Social worker: pending').waitFor();
  await checkPage(page, 'case-match');
  const matchId = new URL(page.url()).pathname.split('/').pop()!;
  const match = (await as(stack, cw1).get(`/foster/matches/${matchId}`)).body;
  expect(match).toMatchObject({ mentorCaseId: mentorId, youthCaseId: youthId, stage: expect.any(String) });
  // The mentor is taken now: the picker no longer offers them.
  await page.getByRole('link', { name: 'Propose a match' }).click();
  await page.getByRole('heading', { level: 1, name: 'Propose a match' }).waitFor();
  const other = await readyYouth(stack);
  await page.reload();
  await page.getByLabel('Youth ready to be matched').locator(`option[value="${other}"]`).waitFor({ state: 'attached' });
  await page.getByLabel('Youth ready to be matched').selectOption(other);
  await page.getByText(/free mentors?, best fit first/).waitFor();
  expect(await page.getByLabel('Approved mentor, free').locator(`option[value="${mentorId}"]`).count()).toBe(0);
  await page.close();
});

test('a reference answers through the e-mailed link, without an account; the link works once', async () => {
  const app = mentorApplication();
  const created = await as(stack, cw1).post('/foster/mentors', app);
  expect(created.status).toBe(201);
  const token = await referenceToken(app.references[0].email);
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${site()}/references/${token}`);
  await page.getByRole('heading', { level: 1, name: 'Mentor reference' }).waitFor();
  await checkPage(page, 'reference-form');
  await page.getByLabel('Yes, with reservations').check();
  await page.getByLabel('Comments (optional)').fill('Reliable and kind; new to working with teenagers.');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
  const refs = (await as(stack, cw1).get(`/foster/mentors/${created.body.id}`)).body.references as {
    name: string;
    status: string;
    recommendation?: string;
  }[];
  expect(refs.find((r) => r.name === app.references[0].name)).toMatchObject({
    status: 'answered',
    recommendation: 'with_reservations',
  });
  await page.goto(`${site()}/references/${token}`);
  await page.getByRole('heading', { level: 1, name: 'Link not valid' }).waitFor();
  await page.close();
});

test('a case worker sees the match health and closes the match; the closure meeting and rematch decision come next', async () => {
  const match = await activeMatch(stack, await approvedMentor(stack), await readyYouth(stack));
  expect(match.stage).toBe('active');
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${site()}/`);
  await page.getByRole('button', { name: /^Casey Worker — case worker$/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
  await page.goto(`${site()}/cases/${match.id}`);
  // The match's health, then the calendar: the first contact due within 48 hours, then monthly to the anniversary.
  await page.getByRole('heading', { name: /^Match health \d+ of 100/ }).waitFor();
  const calendar = page.getByRole('table', { name: 'Check-in calendar' });
  await calendar
    .getByRole('rowheader', { name: String(match.nextContactDue).slice(0, 10) })
    .first()
    .waitFor();
  await calendar.getByText('Anniversary: recommit or close').waitFor();
  await page.getByRole('button', { name: 'Close this match…' }).click();
  await page.getByLabel('Reason').selectOption('mentor_moved');
  await page.getByLabel('Planned or not').selectOption('unplanned');
  await page.getByLabel('Who started the closure').selectOption('mentor');
  await page.getByLabel('Notes').fill('The mentor is moving to Oregon in March; both want a goodbye outing.');
  await checkPage(page, 'close-match');
  await page.getByRole('button', { name: 'Close the match' }).click();
  await page.getByText('Stage: Closing').waitFor();
  const after = (await as(stack, cw1).get(`/foster/matches/${match.id}`)).body;
  expect(after.stage).toBe('closing');
  expect(after.openTasks.map((t: { type: string }) => t.type).sort()).toEqual(['closure_meeting', 'rematch_decision']);
  expect(after.closure).toMatchObject({ reason: 'mentor_moved', kind: 'unplanned', initiatedBy: 'mentor' });
  await page.close();
});
