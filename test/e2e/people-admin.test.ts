/**
 * The people directory in the browser (docs/administration.md), in Chromium with axe on
 * every page: an admin adds a person on the People page, who then signs in and finds their
 * task in the inbox; the identity provider deactivates them over SCIM, and their open
 * session can do nothing more; the Audit log page shows both changes.
 */
import { randomUUID } from 'node:crypto';
import { checkPage, useBrowserStack } from '../support/browser';
import { as, eventually } from '../support/stack';
import { admin, certifiedProgram, DEPT, employee, enrollmentBody } from '../integration/fixtures';

const SCIM_TOKEN = `scim-${randomUUID()}-${randomUUID()}`;
const emp = employee(950);
const world = useBrowserStack(
  async (stack) => {
    const programId = await certifiedProgram(stack);
    const created = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
    expect(created.status).toBe(201);
    return [[admin, 'admin']];
  },
  { auth: { scimToken: SCIM_TOKEN } },
);

test('an admin adds a person, who signs in and sees their tasks; a SCIM deactivation ends their access', async () => {
  const adminPage = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await world.signInAs(adminPage, 'Ada Admin');
  await adminPage.getByRole('link', { name: 'People' }).click();
  await adminPage.getByRole('heading', { level: 1, name: 'People' }).waitFor();
  await adminPage.getByRole('button', { name: 'Add a person' }).click();
  await adminPage.getByLabel('Sign-in id').fill('hr-new');
  await adminPage.getByLabel('Name', { exact: true }).fill('Hana Newcomb');
  await adminPage.getByLabel('E-mail', { exact: true }).fill('hana.newcomb@example.gov');
  await adminPage.getByLabel('Role 1').selectOption('hr_officer');
  await adminPage.getByLabel('Department').fill(DEPT);
  await checkPage(adminPage, 'people-add');
  await adminPage.getByRole('button', { name: 'Add the person' }).click();
  await adminPage.getByText('Hana Newcomb was added to the directory.').waitFor();
  await adminPage.getByRole('row', { name: /Hana Newcomb/ }).waitFor();
  await checkPage(adminPage, 'people-list');

  // Hana signs in (the development sign-in lists the directory's active people) and finds the review.
  const hana = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await world.signInAs(hana, 'Hana Newcomb');
  const review = hana.getByRole('link', { name: new RegExp(`Review mentoring-leave eligibility of ${emp.name}`) });
  await review.waitFor();

  // The identity provider deactivates her (Okta's PATCH); her open session can do nothing more.
  const off = await fetch(`${world.site()}/scim/v2/Users/hr-new`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${SCIM_TOKEN}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }],
    }),
  });
  expect(off.status).toBe(200);
  await hana.reload();
  await hana.getByText('Your account is deactivated in the people directory').waitFor();
  expect(await review.count()).toBe(0);
  await checkPage(hana, 'deactivated-inbox');
  const offered = await eventually(
    async () => (await fetch(`${world.site()}/auth/dev/people`).then((r) => r.json())) as { items: { id: string }[] },
    'the sign-in list',
  );
  expect(offered.items.map((p) => p.id)).not.toContain('hr-new');

  await adminPage.getByRole('link', { name: 'Audit log' }).click();
  await adminPage.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  await adminPage.getByRole('row', { name: /Person deactivated: person:hr-new/ }).waitFor();
  await adminPage.getByRole('row', { name: /Person created: person:hr-new/ }).waitFor();
  await checkPage(adminPage, 'audit');
});
