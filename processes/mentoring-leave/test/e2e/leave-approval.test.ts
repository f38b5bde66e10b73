/**
 * The web app as its people use it, in Chromium: a supervisor signs in, finds the leave
 * request in the inbox, approves it from the case page; HR approves; the employee's
 * ledger shows the approved hours. A refusal (the task done meanwhile) shows the rule's
 * message where the person acted. Every page is scanned with axe-core (0 serious or
 * critical findings) and photographed at desktop and phone widths.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import {
  as,
  eventually,
  mailbox,
  startStack,
  truncateAll,
  type Person,
  type Stack,
} from '../../../../test/support/stack';
import { checkPage, launchBrowser, signInAs as signIn, writeDemoPeople } from '../../../../test/support/browser';
import {
  activeEnrollment,
  certifiedProgram,
  coordinatorOf,
  employee,
  hr,
  hr2,
  hrElsewhere,
  sup,
  today,
  verifiedHours,
} from '../../../../test/integration/fixtures';

let stack: Stack;
let browser: Browser;
/** The one address the browser uses (behind a load balancer a person sees one site; its session lives there). */
const site = () => stack.baseUrls[0];
let programId: string;
const pat = employee(801);
const jo = employee(803);

beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
  await stack.db.deleteFrom('people').execute();
  programId = await certifiedProgram(stack);
  // The demo people the sign-in page lists (what `npm run seed` writes).
  await writeDemoPeople(stack.db, [
    [pat, 'employee, CDT'],
    [jo, 'employee, CDT'],
    [sup, 'supervisor, CDT'],
    [hr, 'HR officer, CDT'],
    [hr2, 'HR officer, CDT'],
  ]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const signInAs = (page: Page, name: string) => signIn(page, site(), name);

/** An enrollment, active, with 8 verified hours and a 2-hour request waiting for the supervisor. */
async function pendingRequest(emp: Person & { email: string }): Promise<string> {
  const caseId = await activeEnrollment(stack, emp, programId);
  await verifiedHours(stack, emp, caseId, programId, 8);
  const r = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/requests`, {
    date: today,
    hours: 2,
    attestNoTravel: true,
    note: 'School visit',
  });
  expect(r.status).toBe(201);
  return caseId;
}

test("the supervisor approves from the e-mail's link, HR from the inbox; the employee sees the ledger", async () => {
  const caseId = await pendingRequest(pat);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${site()}/`);
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByRole('button', { name: /^Sam Supervisor — supervisor, CDT$/ }).waitFor();
  await checkPage(page, 'sign-in');
  expect(await page.title()).toBe('Sign in — mentorflow');

  // The supervisor's e-mail links to the task in the web app; signing in leads back to it.
  const mail = await eventually(
    async () =>
      (await mailbox(sup.email!)).find(
        (m) => m.subject.includes('Employee 801') && /\/tasks\/[0-9a-f-]{36}/.test(m.text),
      ),
    "the supervisor's e-mail",
  );
  const link = new URL(/(https?:\/\/\S+\/tasks\/[0-9a-f-]{36})/.exec(mail.text)![1]);
  await page.goto(`${site()}${link.pathname}`);
  await page.getByRole('button', { name: /^Sam Supervisor — / }).click();
  await page.getByRole('heading', { level: 2, name: /Leave ledger/ }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/cases/${caseId}`);
  await checkPage(page, 'case-leave');
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByText(/^Done: Approve\./).waitFor();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, 'Hana HR');
  const hrTask = page.getByRole('link', { name: /2 h of mentoring leave .* Employee 801/ });
  await hrTask.waitFor();
  await checkPage(page, 'inbox');
  await hrTask.click();
  await page.getByRole('button', { name: 'Approve' }).click();
  await page.getByText(/^Done: Approve\./).waitFor();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInAs(page, 'Employee 801');
  await page.goto(`${site()}/cases/${caseId}`);
  await page.getByRole('heading', { level: 2, name: /Leave ledger/ }).waitFor();
  await expectText(page, 'Approved leave', '2 h');
  await expectText(page, 'Pending leave', '0 h');
  await expectText(page, 'Available', '6 h');
  await page.close();
});

test('an employee enrolls, logs personal time and requests leave in the browser', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(page, 'Employee 803');
  await page.getByRole('link', { name: 'My leave' }).click();
  await page.getByRole('heading', { level: 2, name: /^Enroll for \d{4}$/ }).waitFor();
  await page.getByLabel('Mentoring program').selectOption({ index: 1 });
  await page.getByLabel("Supervisor's employee ID").fill(sup.sub);
  await page.getByLabel("Supervisor's name").fill(sup.name!);
  await page.getByLabel("Supervisor's e-mail").fill(sup.email!);
  await checkPage(page, 'enroll');
  // A commitment shorter than a school year is refused with the rule's message.
  await page.getByLabel('End date').fill(`${new Date().getFullYear()}-03-01`);
  await page.getByRole('button', { name: 'Enroll' }).click();
  await page.getByRole('alert').filter({ hasText: 'The enrollment was refused' }).waitFor();
  await page.getByLabel('End date').fill(`${new Date().getFullYear() + 1}-06-15`);
  await page.getByRole('button', { name: 'Enroll' }).click();
  await page.getByRole('heading', { level: 2, name: /Leave ledger/ }).waitFor();
  const caseId = new URL(page.url()).pathname.split('/').pop()!;

  // HR finds the employee eligible; the program verifies the time they log.
  const review = (await as(stack, hr).get(`/cases/${caseId}`)).body.openTasks.find(
    (t: { type: string }) => t.type === 'eligibility_review',
  );
  expect((await as(stack, hr).post(`/tasks/${review.id}/complete`, { outcome: 'approve' })).status).toBe(200);
  await page.reload();
  await page.getByLabel('Hours').first().fill('4');
  await page.getByLabel('What you did').fill('Reading with my mentee');
  await page.getByRole('button', { name: 'Log personal time' }).click();
  await page.getByText(/4 h vacation — pending verification/).waitFor();
  const verify = await eventually(
    async () =>
      (await as(stack, hr).get(`/cases/${caseId}`)).body.openTasks.find(
        (t: { type: string }) => t.type === 'verify_personal_hours',
      ),
    'the verification task',
  );
  expect(
    (await as(stack, coordinatorOf(programId)).post(`/tasks/${verify.id}/complete`, { outcome: 'verify' })).status,
  ).toBe(200);
  await page.reload();
  await expectText(page, 'Verified personal hours', '4 h');

  await page.getByLabel('Hours').nth(1).fill('3');
  await page.getByText('This leave involves no travel time').click(); // the label: USWDS draws the box
  await page.getByRole('button', { name: 'Request leave' }).click();
  await page.getByText(/3 h — pending supervisor/).waitFor();
  await expectText(page, 'Pending leave', '3 h');
  await expectText(page, 'Available', '1 h');
  await checkPage(page, 'case-leave-employee');
  await page.close();
});

test("a refused action shows the rule's message in place, and the directory is public", async () => {
  const caseId = await pendingRequest(employee(802));
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(page, 'Sam Supervisor');
  await page.goto(`${site()}/cases/${caseId}`);
  await page.getByRole('button', { name: 'Approve' }).waitFor();
  // Meanwhile the same supervisor approves through another client.
  const task = (await as(stack, sup).get(`/cases/${caseId}`)).body.openTasks.find(
    (t: { type: string }) => t.type === 'supervisor_approval',
  );
  expect((await as(stack, sup).post(`/tasks/${task.id}/complete`, { outcome: 'approve' })).status).toBe(200);
  await page.getByRole('button', { name: 'Deny' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toMatch(/This was refused.*task is completed/i);
  await checkPage(page, 'case-refused');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.goto(`${site()}/directory`);
  await page.getByRole('heading', { level: 1, name: 'Program directory' }).waitFor();
  await page
    .getByRole('status')
    .filter({ hasText: /program/ })
    .waitFor();
  await checkPage(page, 'directory');
  await page.close();
});

test('HR hands a task to another HR officer from the picker; the usage report charts the department and downloads as CSV', async () => {
  const caseId = await pendingRequest(employee(804));
  const approval = (await as(stack, sup).get(`/cases/${caseId}`)).body.openTasks.find(
    (t: { type: string }) => t.type === 'supervisor_approval',
  );
  expect((await as(stack, sup).post(`/tasks/${approval.id}/complete`, { outcome: 'approve' })).status).toBe(200);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(page, 'Hana HR');
  await page.goto(`${site()}/cases/${caseId}`);
  await page.getByRole('button', { name: 'Assign to someone…' }).click();
  const picker = page.getByLabel('Assign to');
  await picker.locator('option', { hasText: 'Hugo HR' }).waitFor({ state: 'attached' });
  // Only people the rules let approve are offered: no supervisor, no employee.
  expect(await picker.locator('option').allTextContents()).not.toContain(
    expect.stringMatching(/Sam Supervisor|Employee/),
  );
  await picker.selectOption({ label: 'Hugo HR (Hr officer)' });
  await page.getByRole('button', { name: 'Assign', exact: true }).click();
  await page.getByText(`waits on ${hr2.sub}`).waitFor();
  const task = (await as(stack, hr).get(`/cases/${caseId}`)).body.openTasks.find(
    (t: { type: string }) => t.type === 'hr_approval',
  );
  expect(task.assigneeId).toBe(hr2.sub);

  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Mentoring leave usage' }).waitFor();
  // HR also sees the open tasks of the department by type (the HR approval just handed on).
  await page
    .getByRole('table', { name: 'Open tasks by type' })
    .getByRole('rowheader', { name: 'Hr approval' })
    .waitFor();
  await page.getByRole('rowheader', { name: 'CDT' }).waitFor();
  await checkPage(page, 'reports');
  const csv = await downloaded(page, page.getByRole('button', { name: 'Download CSV' }));
  expect(csv.split(/\r?\n/)[0]).toMatch(/department/i);
  expect(csv).toMatch(/^\d{4},CDT,/m);

  // The payroll export: this month of the department, recorded, and its CSV downloadable again.
  const payroll = page.getByRole('region', { name: 'Payroll export' });
  await payroll.getByRole('button', { name: 'Export', exact: true }).click();
  await payroll
    .getByRole('status')
    .filter({ hasText: /^Exported \d{4}-\d{2} for CDT:/ })
    .waitFor();
  await checkPage(page, 'reports-payroll');
  const file = await downloaded(page, payroll.getByRole('button', { name: /^CSV of the \d{4}-\d{2} export/ }).first());
  expect(file.split(/\r?\n/)[0]).toBe(
    'employeeId,employeeName,date,hours,period,supervisorId,supervisorName,hrOfficerId,hrOfficerName,approvedAt,correction',
  );
  expect((await as(stack, hr).get('/mentoring-leave/payroll-exports')).body.items.length).toBeGreaterThanOrEqual(1);
  await page.close();
});

/** Clicks what starts a download and answers the downloaded file's text. */
async function downloaded(page: Page, trigger: Locator): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger.click()]);
  return new Promise<string>((resolve, reject) => {
    void download.createReadStream().then((stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      stream.on('error', reject);
    });
  });
}

test('HR hands on all the tasks of an officer who is away, by keyboard, in one go', async () => {
  const held: string[] = [];
  for (const n of [806, 807]) {
    const caseId = await pendingRequest(employee(n));
    const approval = (await as(stack, sup).get(`/cases/${caseId}`)).body.openTasks.find(
      (t: { type: string }) => t.type === 'supervisor_approval',
    );
    expect((await as(stack, sup).post(`/tasks/${approval.id}/complete`, { outcome: 'approve' })).status).toBe(200);
    const task = (await as(stack, hr).get(`/cases/${caseId}`)).body.openTasks.find(
      (t: { type: string }) => t.type === 'hr_approval',
    );
    expect((await as(stack, hr).post(`/tasks/${task.id}/assign`, { assigneeId: hr2.sub })).status).toBe(200);
    held.push(task.id);
  }
  // Another department's HR supervises none of them; this one supervises all Hugo holds.
  expect((await as(stack, hrElsewhere).get('/tasks?view=team')).body.items).toEqual([]);
  const hugoHolds = (await as(stack, hr).get(`/tasks?view=team&assigneeId=${hr2.sub}`)).body.items.map(
    (t: { id: string }) => t.id,
  ) as string[];
  expect(hugoHolds).toEqual(expect.arrayContaining(held));
  const n = hugoHolds.length;

  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInAs(page, 'Hana HR');
  await page.getByRole('link', { name: 'Reassign' }).click();
  await page.getByRole('heading', { level: 1, name: 'Reassign tasks' }).waitFor();
  await page.getByLabel('Tasks held by').selectOption(hr2.sub);
  expect(new URL(page.url()).searchParams.get('holder')).toBe(hr2.sub);
  await page
    .getByRole('table', { name: /Open tasks you supervise/ })
    .getByRole('row')
    .nth(2)
    .waitFor();
  expect(await page.getByRole('table').getByRole('row').count()).toBe(1 + n);
  await page.getByLabel('All', { exact: true }).focus();
  await page.keyboard.press('Space');
  const to = page.getByLabel(`Give the ${n} chosen tasks to`);
  await to.locator('option', { hasText: 'Hana HR' }).waitFor({ state: 'attached' });
  await to.selectOption({ label: 'Hana HR (Hr officer)' });
  await checkPage(page, 'reassign');
  await page.getByRole('button', { name: `Reassign ${n} tasks` }).focus();
  await page.keyboard.press('Enter');
  await page.getByText(`${n} of ${n} tasks reassigned.`).waitFor();
  for (const id of hugoHolds) expect((await as(stack, hr).get(`/tasks/${id}`)).body.assigneeId).toBe(hr.sub);
  await page.close();
});

test('the inbox on a slow connection: time until usable (measured, not asserted)', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await signInAs(page, 'Hana HR');
  const cdp = await page.context().newCDPSession(page);
  // About a slow 3G phone: 400 kbit/s down, 400 ms round trips, the browser cache cold.
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: 50_000,
    uploadThroughput: 50_000,
  });
  const started = Date.now();
  await page.goto(`${site()}/inbox`);
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor({ timeout: 120_000 });
  await page
    .getByText(/No open tasks|Open tasks, most urgent first/)
    .first()
    .waitFor({ timeout: 120_000 });
  const ms = Date.now() - started;
  console.log(
    `web: inbox usable after ${(ms / 1000).toFixed(1)} s on a throttled connection (400 kbit/s, 400 ms RTT, cold cache)`,
  );
  expect(ms).toBeGreaterThan(0);
  await page.close();
});

async function expectText(page: Page, term: string, value: string): Promise<void> {
  const row = page.locator('dl div').filter({ hasText: term });
  await row.getByText(value, { exact: true }).waitFor();
}
