/**
 * The people directory as the source of roles (AUTH_ROLES_FROM=directory), in Chromium with axe
 * on every page, on real Temporal and PostgreSQL (docs/administration.md): an admin adds an HR
 * officer on the People page, who signs in and finds the department's task in their inbox with
 * the roles the directory gave them; they claim it; the identity provider deactivates them over
 * SCIM, and their next API call is 403, their page says why, and the task they held is back with
 * its candidates (another HR officer of the department can claim it), as the case's timeline says.
 */
import { randomUUID } from 'node:crypto';
import { checkPage, useBrowserStack } from '../support/browser';
import { as, type Person } from '../support/stack';
import { admin, certifiedProgram, employee, enrollmentBody } from '../integration/fixtures';

const SCIM_TOKEN = `scim-${randomUUID()}-${randomUUID()}`;
const run = randomUUID().slice(0, 6);
const DEPT = `DIR${run.slice(0, 4).toUpperCase()}`;
const emp = { ...employee(2131), sub: `emp-2131-${run}`, department: DEPT };
const hana: Person = { sub: `dir-hana-${run}`, roles: ['hr_officer'], department: DEPT, name: `Hana ${run}` };
const hugo: Person = { sub: `dir-hugo-${run}`, roles: ['hr_officer'], department: DEPT, name: `Hugo ${run}` };
let caseId = '';

const world = useBrowserStack(
  async (stack) => {
    // The first admin is written into the directory as `npm run seed` does; everyone else is added by them.
    const row = {
      name: admin.name!,
      roles: ['admin'],
      in_directory: true,
      grants: JSON.stringify([{ role: 'admin' }]),
    };
    await stack.db
      .insertInto('people')
      .values({ id: admin.sub, ...row })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
    for (const p of [emp, hugo]) {
      const r = await as(stack, admin).post('/people', {
        id: p.sub,
        name: p.name,
        email: `${p.sub}@example.gov`,
        roles: [{ role: p.roles[0], department: DEPT }],
      });
      expect([r.status, r.status === 201 ? '' : r.text]).toEqual([201, '']);
    }
    const programId = await certifiedProgram(stack);
    const created = await as(stack, emp).post(
      '/mentoring-leave/enrollments',
      enrollmentBody(emp, programId, { employee: { department: DEPT } }),
    );
    expect([created.status, created.status === 201 ? '' : created.text]).toEqual([201, '']);
    caseId = created.body.id;
    return [[admin, 'admin']];
  },
  { auth: { rolesFrom: 'directory', scimToken: SCIM_TOKEN } },
);

const reviewName = new RegExp(`Review mentoring-leave eligibility of ${emp.name}`);

test('an admin adds an HR officer who signs in with the directory roles; SCIM deactivation ends it all', async () => {
  // A token claiming nothing: in directory mode only the directory's roles count.
  const hanaToken: Person = { sub: hana.sub, roles: [], name: hana.name };
  expect((await as(world.stack, hanaToken).get('/tasks')).status).toBe(403);

  const adminPage = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await world.signInAs(adminPage, 'Ada Admin');
  await adminPage.getByRole('link', { name: 'People', exact: true }).click();
  await adminPage.getByRole('button', { name: 'Add a person' }).click();
  await adminPage.getByLabel('Sign-in id').fill(hana.sub);
  await adminPage.getByLabel('Name', { exact: true }).fill(hana.name!);
  await adminPage.getByLabel('E-mail', { exact: true }).fill(`${hana.sub}@example.gov`);
  await adminPage.getByLabel('Role 1').selectOption('hr_officer');
  await adminPage.getByLabel('Department').fill(DEPT);
  await adminPage.getByRole('button', { name: 'Add the person' }).click();
  await adminPage.getByText(`${hana.name} was added to the directory.`).waitFor();
  await checkPage(adminPage, 'directory-people-added');

  // Hana signs in: the department's review is in her inbox, by the directory's roles.
  const hanaPage = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await world.signInAs(hanaPage, hana.name!);
  await hanaPage.getByRole('link', { name: reviewName }).waitFor();
  await checkPage(hanaPage, 'directory-inbox');
  const tasks = (await as(world.stack, hanaToken).get('/tasks?status=open')).body.items as { id: string }[];
  expect(tasks).toHaveLength(1);
  const taskId = tasks[0].id;
  expect((await as(world.stack, hanaToken).post(`/tasks/${taskId}/claim`)).status).toBe(200);

  // The identity provider deactivates her (Okta's PATCH).
  const off = await fetch(`${world.site()}/scim/v2/Users/${encodeURIComponent(hana.sub)}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${SCIM_TOKEN}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }],
    }),
  });
  expect(off.status).toBe(200);
  expect((await as(world.stack, hanaToken).get(`/tasks/${taskId}`)).status).toBe(403);
  expect((await as(world.stack, hanaToken).get('/me')).body.refused).toBe('deactivated');
  await hanaPage.reload();
  await hanaPage.getByText('Your account is deactivated in the people directory').waitFor();
  await checkPage(hanaPage, 'directory-deactivated');

  // The task she held is back with its candidates: Hugo, HR of the same department, claims it.
  const back = await as(world.stack, hugo).get(`/tasks/${taskId}`);
  expect(back.body).toMatchObject({ status: 'open' });
  expect(back.body.assigneeId).toBeUndefined();
  expect((await as(world.stack, hugo).post(`/tasks/${taskId}/claim`)).status).toBe(200);
  const timeline = (await as(world.stack, admin).get(`/cases/${caseId}/timeline`)).body.items as {
    event: string;
    detail?: Record<string, unknown>;
  }[];
  expect(timeline.find((e) => e.event === 'task_released')?.detail).toMatchObject({
    from: hana.sub,
    reason: 'holder_deactivated',
  });
});
