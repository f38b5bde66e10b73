/**
 * Certification as its people do it, in Chromium: an administrator registers a program;
 * the program's staff apply for Partner; a quality reviewer approves the application; the
 * staff answer the self-assessment over two sittings (a saved draft comes back; an
 * incomplete one is refused with the rule's message); the reviewer reads the standards and
 * sets a work plan; the staff send evidence; a second reviewer verifies it (the first may
 * not: two people) and the public directory shows the program as a Partner.
 */
import type { Browser, Page } from 'playwright-core';
import { as, startStack, truncateAll, type Person, type Stack } from '../../../../test/support/stack';
import { checkPage, launchBrowser, signInAs as signIn, writeDemoPeople } from '../../../../test/support/browser';
import { admin, registerProgram, reviewer, reviewer2 } from '../../../../test/integration/fixtures';
import { questionsOfCase } from '../integration/case-questions';

let stack: Stack;
let browser: Browser;
const site = () => stack.baseUrls[0];
let programId: string;
let staff: Person;

beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
  await stack.db.deleteFrom('people').execute();
  programId = (await registerProgram(stack, { name: 'Valley Mentors', county: 'Fresno' })).id;
  staff = { sub: 'staff-valley', roles: ['program_staff'], programId, name: 'Priya Staff' };
  await writeDemoPeople(stack.db, [
    [staff, 'program staff, Valley Mentors'],
    [reviewer, 'quality reviewer'],
    [reviewer2, 'quality reviewer'],
    [admin, 'administrator'],
  ]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const signInAs = (page: Page, name: string) => signIn(page, site(), name);

/** Answers the first `n` questions of the self-assessment form ("yes", with evidence on the first). */
async function answer(page: Page, ids: string[]): Promise<void> {
  for (const [i, id] of ids.entries()) {
    await page.locator(`label[for="${id}-yes"]`).click();
    if (i === 0) await page.locator(`#${id}-evidence`).fill('Written expectations in the mentor handbook, p. 4');
  }
}

test('an administrator registers a program; it joins the public directory at level none', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(page, 'Ada Admin');
  await page.getByRole('link', { name: 'Register a program' }).click();
  await page.getByRole('heading', { level: 1, name: 'Register a program' }).waitFor();
  await page.getByLabel('Program name').fill('Coast Connect');
  await page.getByLabel('Organization').fill('Coast Youth Services');
  await page.getByLabel('Contact e-mail').fill('hello@coast.example');
  await page.getByLabel('County').fill('Monterey');
  await page.getByLabel('Started on').fill('2021-02-01');
  await checkPage(page, 'register-program');
  await page.getByRole('button', { name: 'Register the program' }).click();
  await page.getByRole('heading', { level: 1, name: 'Program directory' }).waitFor();
  await page.getByText(/The program is registered/).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Coast Connect' }).waitFor();
  const listed = (await as(stack).get('/programs')).body.items.find(
    (p: { name: string }) => p.name === 'Coast Connect',
  );
  expect(listed).toMatchObject({ county: 'Monterey', level: 'none' });
  await page.close();
});

test('a reviewer certifies a program: application, a self-assessment saved as a draft then submitted, review, a work plan verified by a second reviewer', async () => {
  const staffPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(staffPage, 'Priya Staff');
  await staffPage.getByRole('link', { name: 'My program' }).click();
  await staffPage.getByRole('heading', { level: 1, name: 'Valley Mentors' }).waitFor();
  await staffPage.locator('label[for="level-partner"]').click();
  await checkPage(staffPage, 'my-program');
  await staffPage.getByRole('button', { name: 'Apply' }).click();
  await staffPage.waitForURL(/\/cases\//);
  await staffPage.getByText('Stage: Application review').waitFor();
  const caseId = new URL(staffPage.url()).pathname.split('/').pop()!;
  // The questions of the bank version the case started with.
  const questions = (await questionsOfCase(stack, staff, caseId)).map((q) => q.id);

  // The reviewer approves the application from the inbox.
  const reviewerPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(reviewerPage, 'Rita Reviewer');
  await reviewerPage
    .getByRole('link', { name: /Valley Mentors/ })
    .first()
    .click();
  await reviewerPage.getByRole('heading', { level: 2, name: 'Certification' }).waitFor();
  await reviewerPage.getByRole('button', { name: 'Approve' }).click();
  await reviewerPage.getByText(/^Done: Approve\./).waitFor();

  // First sitting: three answers, saved as a draft.
  await staffPage.reload();
  await staffPage.getByRole('heading', { level: 2, name: 'Self-assessment' }).waitFor();
  await answer(staffPage, questions.slice(0, 3));
  await staffPage.getByRole('button', { name: 'Save draft' }).click();
  await staffPage.getByText(/^Draft saved at/).waitFor();
  await checkPage(staffPage, 'self-assessment');
  // Second sitting: the draft comes back from the server.
  await staffPage.reload();
  await staffPage.getByText(`3 of ${questions.length} questions answered`).waitFor();
  expect(await staffPage.locator(`#${questions[0]}-yes`).isChecked()).toBe(true);
  expect(await staffPage.locator(`#${questions[0]}-evidence`).inputValue()).toMatch(/mentor handbook/);
  // Submitting too early is refused in place with the rule's message.
  await staffPage.getByRole('button', { name: 'Submit self-assessment' }).click();
  await staffPage.getByText('The self-assessment was not accepted').waitFor();
  expect((await as(stack, staff).get(`/certifications/${caseId}`)).body.stage).toBe('self_assessment');
  await answer(staffPage, questions.slice(3));
  await staffPage.getByRole('button', { name: 'Submit self-assessment' }).click();
  await staffPage.getByText(/Self-assessment: submitted/).waitFor();

  // The reviewer reads the standards, writes a finding and a work plan of one item.
  await reviewerPage.goto(`${site()}/cases/${caseId}`);
  await reviewerPage.getByRole('table', { name: "Standards: the program's answers" }).waitFor();
  const review = reviewerPage.getByRole('form', { name: /Review the self-assessment/ });
  await review
    .getByRole('group', { name: 'Findings (optional)' })
    .getByLabel('Training')
    .fill('Training hours are not tracked per mentor.');
  await review.getByRole('button', { name: 'Add to items' }).click();
  const item = review.getByRole('group', { name: 'Items 1' });
  await item.getByLabel('Standard').selectOption('training');
  await item.getByLabel('Description').fill('Keep a training log for every mentor');
  await item.getByLabel('Due date').fill('2027-01-15');
  await checkPage(reviewerPage, 'case-certification-review');
  await review.getByRole('button', { name: 'Work plan', exact: true }).click();
  await reviewerPage.getByText(/^Done: Work plan\./).waitFor();

  // The staff send the evidence; the reviewer verifies it and the program is a Partner.
  await staffPage.reload();
  await staffPage.getByRole('heading', { level: 2, name: 'Your work plan' }).waitFor();
  await staffPage
    .getByLabel('Evidence for “Keep a training log for every mentor”')
    .fill('The log is kept in our volunteer database since December.');
  await checkPage(staffPage, 'work-plan');
  await staffPage.getByRole('button', { name: 'Submit evidence' }).click();
  await staffPage.getByText(/Keep a training log for every mentor: submitted/).waitFor();
  // Who set the work plan may not verify it (two people): the page says so instead of a form.
  await reviewerPage.reload();
  await reviewerPage.getByText(/not you: two steps of one approval need two different people/).waitFor();
  expect(await reviewerPage.getByRole('button', { name: 'Verified', exact: true }).count()).toBe(0);
  const second = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(second, 'Rob Reviewer');
  await second.goto(`${site()}/cases/${caseId}`);
  await second.getByRole('button', { name: 'Verified', exact: true }).click();
  await second.getByText(/^Done: Verified\./).waitFor();
  await second.close();
  const c = (await as(stack, staff).get(`/certifications/${caseId}`)).body;
  expect(c.stage).toBe('partner');
  expect(c.selfAssessment.answers).toHaveLength(questions.length);
  expect(c.workPlan).toEqual([
    expect.objectContaining({
      standard: 'training',
      status: 'verified',
      evidence: expect.stringMatching(/volunteer database/),
    }),
  ]);

  await reviewerPage.goto(`${site()}/directory?level=partner`);
  const card = reviewerPage
    .getByRole('listitem')
    .filter({ has: reviewerPage.getByRole('heading', { name: 'Valley Mentors' }) });
  await card.getByText('Partner', { exact: true }).waitFor();
  await staffPage.close();
  await reviewerPage.close();
});
