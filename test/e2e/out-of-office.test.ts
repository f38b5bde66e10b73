/**
 * The out-of-office page in Chromium with axe on every state (docs/administration.md, "The
 * out-of-office page"), on real Temporal and PostgreSQL: an HR officer sets an absence; a
 * substitute who stopped qualifying after the page loaded is refused at the field; the new task
 * of the absent officer's department reaches the substitute's inbox with the e-mail copied to
 * them; the officer hands over the task they hold and sees what the case answered, then ends
 * the absence. An admin opens the same page for a person from the People page.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { checkPage, useBrowserStack } from '../support/browser';
import { as, eventually, mailbox, type Person } from '../support/stack';
import { admin, certifiedProgram, employee, enrollmentBody } from '../integration/fixtures';

const run = randomUUID().slice(0, 6);
const DEPT = `OOO${run.slice(0, 4).toUpperCase()}`;
const officer = (key: string, first: string): Person & { email: string } => ({
  sub: `ooo-${key}-${run}`,
  roles: ['hr_officer'],
  department: DEPT,
  name: `${first} ${run}`,
  email: `ooo-${key}-${run}@example.gov`,
});
const away = officer('away', 'Olga Away');
const sub = officer('sub', 'Sid Stand-in');
const leaving = officer('leaving', 'Lou Leaving');
let programId = '';

// Declared before the stack's own afterAll, so it runs first (in declaration order): the next
// browser suite empties the people table, which an absence naming our people would block.
afterAll(async () => {
  await world.stack?.db
    .deleteFrom('absences')
    .where((eb) => eb.or([eb('person_id', 'like', `ooo-%-${run}`), eb('substitute_id', 'like', `ooo-%-${run}`)]))
    .execute();
});

const world = useBrowserStack(
  async (stack) => {
    programId = await certifiedProgram(stack);
    for (const p of [away, sub, leaving]) {
      const r = await as(stack, admin).post('/people', {
        id: p.sub,
        name: p.name,
        email: p.email,
        roles: [{ role: 'hr_officer', department: DEPT }],
      });
      expect(r.status).toBe(201);
    }
    return [[admin, 'admin']];
  },
  // The department's HR mailbox is the absent officer's own address: its copy goes to the substitute.
  { policy: { mailboxes: { [`hr_officer:${DEPT}`]: away.email } } },
);

/** An employee of the department enrolls; returns the eligibility review's id. */
async function enrolled(n: number): Promise<string> {
  const emp = { ...employee(n), sub: `emp-${n}-${run}`, department: DEPT };
  const created = await as(world.stack, emp).post(
    '/mentoring-leave/enrollments',
    enrollmentBody(emp, programId, { employee: { department: DEPT } }),
  );
  expect([created.status, created.status === 201 ? '' : created.text]).toEqual([201, '']);
  return created.body.openTasks.find((t: { type: string }) => t.type === 'eligibility_review').id as string;
}

const newPage = () => world.browser.newPage({ viewport: { width: 1280, height: 900 } });
const substituteField = (page: Page) => page.getByLabel('Substitute');

test('an HR officer sets an absence, their new task reaches the substitute, they hand over and end it', async () => {
  // A task Olga holds before she goes: the handover moves it.
  const heldTask = await enrolled(2101);
  expect((await as(world.stack, away).post(`/tasks/${heldTask}/claim`)).status).toBe(200);

  const page = await newPage();
  await world.signInAs(page, away.name!);
  await page.getByRole('link', { name: 'Out of office' }).click();
  await page.getByRole('heading', { level: 1, name: 'Out of office' }).waitFor();
  await page.getByText('No absence is set.').waitFor();
  await page.getByText('1 open task held now').waitFor();
  await checkPage(page, 'out-of-office');

  // Lou is offered, then leaves the department before Olga saves: the API refuses him at the field.
  await substituteField(page).selectOption(leaving.sub);
  const moved = await as(world.stack, admin).patch(`/people/${leaving.sub}`, {
    roles: [{ role: 'hr_officer', department: 'DMV' }],
    reason: 'moved to DMV',
  });
  expect(moved.status).toBe(200);
  await page.getByRole('button', { name: 'Save the absence' }).click();
  const fieldError = page.locator('#absence-substitute-error');
  await fieldError.waitFor();
  expect(await fieldError.textContent()).toContain('does not hold the role hr_officer');
  expect(await substituteField(page).getAttribute('aria-describedby')).toContain('absence-substitute-error');
  await checkPage(page, 'out-of-office-refused');
  expect((await as(world.stack, admin).get(`/people/${away.sub}`)).body.absence).toBeUndefined();

  await substituteField(page).selectOption(sub.sub);
  await page.getByLabel('Reason (optional)').fill('Annual leave');
  await page.getByRole('button', { name: 'Save the absence' }).click();
  await page.getByText(`Saved: ${sub.name} stands in until`).waitFor();
  await page.getByText(`${sub.name} stands in.`).waitFor();
  await page.getByText(/^Away now/).waitFor();
  await checkPage(page, 'out-of-office-set');

  // A new enrollment's review: in Sid's inbox, and the department mailbox's e-mail copied to him.
  const review = await enrolled(2102);
  const sid = await newPage();
  await world.signInAs(sid, sub.name!);
  await sid.getByRole('link', { name: new RegExp(`Review mentoring-leave eligibility of Employee 2102`) }).waitFor();
  const mail = await eventually(async () => {
    const m = (await mailbox(sub.email)).filter((x) => x.text.includes(review));
    return m.length ? m : undefined;
  }, 'the task e-mail copied to the substitute');
  expect(mail[0].to).toEqual(expect.arrayContaining([away.email, sub.email]));

  // Olga hands the task she holds to Sid and sees the case's answer.
  await page.getByLabel('Hand to').selectOption(sub.sub);
  await page.getByRole('button', { name: 'Hand over the held tasks' }).click();
  await page.getByText('1 moved, 0 still under way, 0 refused.').waitFor();
  await page.getByRole('row', { name: /Review mentoring-leave eligibility of Employee 2101.*Moved/ }).waitFor();
  await checkPage(page, 'out-of-office-handover');
  const task = await as(world.stack, sub).get(`/tasks/${heldTask}`);
  expect(task.body.assigneeId).toBe(sub.sub);

  await page.getByRole('button', { name: 'End the absence now' }).click();
  await page.getByText('The absence has ended.').waitFor();
  await page.getByText('No absence is set.').waitFor();
  const kinds = await world.stack.db
    .selectFrom('audit_events')
    .select('kind')
    .where('target', '=', `person:${away.sub}`)
    .orderBy('id')
    .execute();
  expect(kinds.map((k) => k.kind)).toEqual(['person_created', 'absence_set', 'tasks_handed_over', 'absence_ended']);
});

test("an admin opens a person's out-of-office page from the People page and sets it for them", async () => {
  const page = await newPage();
  await world.signInAs(page, 'Ada Admin');
  await page.getByRole('link', { name: 'People', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
  await page.getByRole('link', { name: `Out of office: ${sub.name}` }).click();
  await page.getByRole('heading', { level: 1, name: `Out of office: ${sub.name}` }).waitFor();
  await substituteField(page).selectOption(away.sub);
  await page.getByRole('button', { name: 'Save the absence' }).click();
  await page.getByText(`${away.name} stands in.`).waitFor();
  await checkPage(page, 'out-of-office-admin');
  const shown = await as(world.stack, admin).get(`/people/${sub.sub}`);
  expect(shown.body.absence).toMatchObject({ substituteId: away.sub, setBy: admin.sub });
});
