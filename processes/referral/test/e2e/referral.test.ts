/**
 * The online referral as its people do it, in Chromium: a program's staff open their
 * program to volunteers (referral settings); a volunteer finds it in the directory by
 * county and language, sends the public form from a campaign's link (a refused field
 * keeps what was typed), is told to check their e-mail and confirms the address on the
 * e-mailed link's page (nothing reaches the program before), the staff see the referral in
 * their inbox and record the contact and the enrolment; a second volunteer withdraws
 * through the e-mailed link; the
 * partnership's coordinator reads the report per campaign. Every page is checked with axe.
 */
import { as, eventually, mailbox, type Person } from '../../../../test/support/stack';
import { checkPage, useBrowserStack } from '../../../../test/support/browser';
import { admin, registerProgram, year } from '../../../../test/integration/fixtures';
import {
  confirmToken,
  coordinator,
  referralForm,
  submitConfirmed,
  withdrawToken,
} from '../../../../test/integration/referral-fixtures';

const COUNTY = 'Tuolumne';
const campaign = `Kings${Math.random().toString(36).slice(2, 6)}`;
let programId: string;

const e2e = useBrowserStack(async (stack) => {
  programId = (await registerProgram(stack, { name: 'Gold Country Mentors', county: COUNTY })).id;
  await as(e2e.stack, admin).put(`/programs/${programId}/level`, {
    level: 'partner',
    certifiedUntil: `${year + 2}-06-30`,
    note: 'imported',
  });
  const staff: Person = { sub: 'staff-gold', roles: ['program_staff'], programId, name: 'Gil Staff' };
  return [
    [staff, 'program staff, Gold Country Mentors'],
    [coordinator, 'partnership coordinator'],
  ];
});

test('staff open their program to volunteers; a volunteer finds it and sends the form; staff record contact and enrolment', async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await e2e.signInAs(page, 'Gil Staff');
  await page.getByRole('link', { name: 'My program' }).click();
  await page.getByRole('heading', { level: 2, name: 'Volunteer referrals' }).waitFor();
  // USWDS checkboxes and radios are styled labels over a hidden input: people click the label.
  await page.locator('label[for="referrals-accepting"]').click();
  await page.getByLabel('Languages').fill('English, Spanish');
  await page.getByLabel('Youngest youth served').fill('10');
  await page.getByLabel('Oldest youth served').fill('17');
  await checkPage(page, 'referral-settings');
  await page.getByRole('button', { name: 'Save referral settings' }).click();
  await page.getByText('Saved.').waitFor();
  expect((await as(e2e.stack).get(`/programs/${programId}`)).body.referrals).toMatchObject({
    accepting: true,
    counties: [COUNTY],
    languages: ['English', 'Spanish'],
    youthAges: { min: 10, max: 17 },
  });

  // The volunteer, signed out, finds the program by county and language.
  const visitor = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } });
  await visitor.goto(`${e2e.site()}/directory`);
  await visitor.getByLabel('County served').fill(COUNTY);
  await visitor.getByLabel('Language').fill('spanish');
  await visitor.locator('label[for="directory-accepting"]').click();
  await visitor.getByRole('heading', { level: 2, name: 'Gold Country Mentors' }).waitFor();
  await visitor.getByText(/Accepting volunteers · Tuolumne/).waitFor();
  await checkPage(visitor, 'directory-filtered');

  await visitor.goto(`${e2e.site()}/volunteer?campaign=${campaign}`);
  const email = `vera-${campaign.toLowerCase()}@example.org`;
  await visitor.getByLabel('Full name').fill('Vera Volunteer');
  await visitor.getByLabel('E-mail').fill(email);
  await visitor.getByLabel('Phone').fill('209-555-0147');
  await visitor.getByLabel('ZIP code').fill('9537');
  await visitor.getByLabel('County', { exact: true }).fill(COUNTY);
  await visitor.getByLabel('Your age').selectOption('35-54');
  await visitor.getByLabel('Languages you speak').fill('Spanish');
  await visitor.getByLabel('Youngest age you would mentor').fill('12');
  await visitor.getByLabel('Oldest age you would mentor').fill('16');
  await visitor.locator('label[for="volunteer-format-in_person"]').click();
  await visitor.locator('label[for="volunteer-consent"]').click();
  await checkPage(visitor, 'volunteer-form');
  await visitor.getByRole('button', { name: 'Send' }).click();
  // A 4-digit ZIP is refused beside the field; what was typed stays.
  await visitor.getByText('a 5-digit ZIP code').first().waitFor();
  expect(await visitor.getByLabel('Full name').inputValue()).toBe('Vera Volunteer');
  await visitor.getByLabel('ZIP code').fill('95370');
  await visitor.getByRole('button', { name: 'Send' }).click();
  await visitor.getByRole('heading', { level: 1, name: 'Check your e-mail' }).waitFor();
  await checkPage(visitor, 'volunteer-thanks');
  // Not confirmed yet: no program has a task (the suite's database is its own).
  expect(await e2e.stack.db.selectFrom('tasks').select('id').where('type', '=', 'contact_volunteer').execute()).toEqual(
    [],
  );

  // The volunteer opens the e-mailed link: one button, which sends the referral on.
  await visitor.goto(`${e2e.site()}/referrals/confirm/${await confirmToken(email)}`);
  await visitor.getByRole('heading', { level: 1, name: 'Confirm your e-mail address' }).waitFor();
  await checkPage(visitor, 'confirm-address');
  await visitor.getByRole('button', { name: 'Confirm and send my referral' }).click();
  await visitor.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
  await visitor.close();

  // The staff see the offer in their inbox and act on it from the case page.
  await page.getByRole('link', { name: 'Inbox' }).click();
  await page
    .getByRole('link', { name: /Contact a volunteer referred to Gold Country Mentors/ })
    .first()
    .click();
  await page.getByRole('heading', { level: 2, name: 'Referral', exact: true }).waitFor();
  await page.getByText('Vera Volunteer · ' + email).waitFor();
  await page.getByRole('rowheader', { name: 'Gold Country Mentors' }).waitFor();
  await checkPage(page, 'referral-case');
  await page.getByRole('button', { name: 'Contacted' }).click();
  await page.getByRole('button', { name: 'Enrolled' }).click();
  await page.getByText('Outcome:').waitFor();
  const id = new URL(page.url()).pathname.split('/').pop()!;
  expect((await as(e2e.stack, coordinator).get(`/referrals/${id}`)).body).toMatchObject({
    stage: 'enrolled',
    outcome: 'enrolled',
    campaign,
  });
  await page.close();
});

test('a volunteer withdraws through the e-mailed link; the coordinator reads the campaign report', async () => {
  const form = referralForm(COUNTY, { campaign });
  await submitConfirmed(e2e.stack, form);
  const token = await withdrawToken(form.volunteer.email);
  const visitor = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } });
  await visitor.goto(`${e2e.site()}/referrals/withdraw/${token}`);
  await checkPage(visitor, 'withdraw-referral');
  await visitor.getByRole('button', { name: 'Withdraw my referral' }).click();
  await visitor.getByRole('heading', { level: 1, name: 'You have withdrawn' }).waitFor();
  await visitor.reload();
  await visitor.getByRole('button', { name: 'Withdraw my referral' }).click();
  await visitor.getByText('This link cannot be used').waitFor();
  await visitor.close();
  await eventually(
    async () => (await mailbox()).some((m) => m.text.includes('the volunteer withdrew')),
    'the program is told',
  );

  const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await e2e.signInAs(page, 'Paula Partnership');
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { level: 2, name: 'Volunteer referrals' }).waitFor();
  const row = page.getByRole('row', { name: new RegExp(`^${campaign} `) });
  await row.waitFor();
  expect((await row.locator('td').allTextContents()).slice(0, 4)).toEqual(['2', '2', '1', '1']);
  await checkPage(page, 'referral-report');
  await page.close();
});
