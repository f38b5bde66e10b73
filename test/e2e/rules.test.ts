/**
 * The rules page in the browser (docs/administration.md, "Rules"), in Chromium with axe on
 * every view: an admin changes the mentoring-leave cap in the form generated from the
 * policy's schema, sees the difference against the current version, is refused at the
 * field for a cap below zero (nothing saved), then saves a valid cap with a reason and
 * finds the new version in the list with who saved it, why and what it changed.
 */
import { checkPage, useBrowserStack } from '../support/browser';
import { as } from '../support/stack';
import { admin } from '../integration/fixtures';

const world = useBrowserStack(
  async (stack) => {
    // This suite's own rules as the newest version, whichever suite wrote version 1.
    const baseline = await as(stack, admin).put('/policy', {
      policy: stack.policy,
      reason: 'The browser suite starts',
    });
    expect(baseline.status).toBe(201);
    return [[admin, 'admin']];
  },
  { followPolicyVersions: true },
);

test('an admin reviews a change of the leave cap, is refused at the field, then saves it with a reason', async () => {
  const before = (await as(world.stack, admin).get('/policy')).body;
  const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await world.signInAs(page, 'Ada Admin');
  await page.getByRole('link', { name: 'Rules' }).click();
  await page.getByRole('heading', { level: 1, name: 'Rules' }).waitFor();
  await page.getByText(`Version ${before.version}, saved`).waitFor();
  await page.locator('summary', { hasText: 'Mentoring leave' }).click();
  const cap = page.getByLabel('Annual cap hours');
  await cap.fill('-5');
  await checkPage(page, 'rules-form');

  await page.getByRole('button', { name: 'Review the changes' }).click();
  await page.getByRole('row', { name: /mentoringLeave\.annualCapHours\s+40\s+-5/ }).waitFor();
  await page.getByLabel('Why the rules change (required)').fill('Testing a negative cap');
  await page.getByRole('button', { name: `Save as version ${before.version + 1}` }).click();
  // Refused by the API's check: its message shows at the field, and nothing is saved.
  await page.getByText('The rules were not saved').waitFor();
  expect(await cap.getAttribute('aria-invalid')).toBe('true');
  const message = await page.locator(`#${(await cap.getAttribute('aria-describedby'))!}`).textContent();
  expect(message).toMatch(/greater than 0/);
  await checkPage(page, 'rules-refused');
  expect((await as(world.stack, admin).get('/policy')).body.version).toBe(before.version);

  await cap.fill('32');
  await page.getByRole('button', { name: 'Review the changes' }).click();
  await page.getByRole('row', { name: /mentoringLeave\.annualCapHours\s+40\s+32/ }).waitFor();
  await page.getByLabel('Why the rules change (required)').fill('The 2027 agreement sets 32 hours');
  await checkPage(page, 'rules-review');
  await page.getByRole('button', { name: `Save as version ${before.version + 1}` }).click();
  await page.getByText(`Version ${before.version + 1} is saved: new cases start with it.`).waitFor();
  await page.getByRole('row', { name: /The 2027 agreement sets 32 hours/ }).waitFor();
  await page.getByRole('button', { name: `What version ${before.version + 1} changed` }).click();
  await page.getByRole('table', { name: `What version ${before.version + 1} changed` }).waitFor();
  await checkPage(page, 'rules-versions');

  const after = (await as(world.stack, admin).get('/policy')).body;
  expect(after).toMatchObject({
    version: before.version + 1,
    createdBy: { id: admin.sub },
    reason: 'The 2027 agreement sets 32 hours',
    policy: { mentoringLeave: { annualCapHours: 32 } },
  });
});
