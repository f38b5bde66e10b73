/**
 * Wellness check-ins as their people do them, in Chromium: a school counselor refers a
 * youth; the partnership's coordinator assigns a caller from the approved callers (one who
 * does not speak the youth's language is refused with the rule's message); the caller logs
 * the first call, flagging a need; the coordinator sees the resource task. A case worker
 * enters a caller's application and logs training on the case page. Axe on every page.
 */
import { as } from '../../../../test/support/stack';
import { checkPage, useBrowserStack } from '../../../../test/support/browser';
import { cw1 } from '../../../../test/integration/foster-fixtures';
import { approvedCaller, counselor, pc } from '../../../../test/integration/wellness-fixtures';

let spanish: Awaited<ReturnType<typeof approvedCaller>>;
let english: Awaited<ReturnType<typeof approvedCaller>>;

const e2e = useBrowserStack(async (stack) => {
  spanish = await approvedCaller(stack, ['Spanish', 'English']);
  english = await approvedCaller(stack, ['English']);
  return [
    [counselor, 'school counselor'],
    [pc, 'partnership coordinator'],
    [spanish.caller, 'caller'],
    [cw1, 'case worker'],
  ];
});

test('a counselor refers; the coordinator assigns a caller who speaks the language; the caller logs a call', async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await e2e.signInAs(page, 'Sky Counselor');
  await page.getByRole('link', { name: 'Check-in calls' }).click();
  await page.getByLabel('Full name').fill('Rosa Youthful');
  await page.getByLabel('Date of birth').fill('2010-03-14');
  await page.getByLabel('County').fill('Kern');
  await page.getByLabel('Languages the youth speaks').fill('Spanish');
  await page.getByLabel('Referred because of').selectOption('school_disconnection');
  await page.getByLabel('Phone').fill('661-555-0123');
  await page.getByLabel('Best times to call').fill('Weekdays after 5 pm');
  await page.getByLabel(/How the guardian/).fill('Signed form at school');
  await checkPage(page, 'wellness-referral');
  await page.getByRole('button', { name: 'Refer' }).click();
  await page.getByRole('heading', { level: 2, name: 'Check-in calls' }).waitFor();
  const caseId = new URL(page.url()).pathname.split('/').pop()!;
  await page.close();

  const coord = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await e2e.signInAs(coord, 'Wren Coordinator');
  await coord.goto(`${e2e.site()}/cases/${caseId}`);
  const picker = coord.getByLabel('Caller case id');
  await picker.locator(`option[value="${english.caseId}"]`).waitFor({ state: 'attached' });
  await picker.selectOption(english.caseId);
  await coord.getByRole('button', { name: 'Assigned' }).click();
  await coord
    .getByText(/speak the youth's language/)
    .first()
    .waitFor();
  await picker.selectOption(spanish.caseId);
  await checkPage(coord, 'wellness-assign');
  await coord.getByRole('button', { name: 'Assigned' }).click();
  await coord.getByText(/Caller:.*Cal Caller/).waitFor();

  const caller = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } });
  await e2e.signInAs(caller, spanish.caller.name!);
  await caller
    .getByRole('link', { name: /Wellness call 1 of 3/ })
    .first()
    .click();
  await caller.getByText('Youth: Rosa Youthful', { exact: false }).waitFor();
  await caller.locator('label', { hasText: /^Reached$/ }).click();
  await caller.getByLabel('Minutes').fill('20');
  await caller.getByLabel('Mood').fill('3');
  await caller.getByLabel('Notes').fill('Talked about getting back to school');
  await caller.locator('label', { hasText: /^School$/ }).click();
  await checkPage(caller, 'wellness-call');
  await caller.getByRole('button', { name: 'Logged' }).click();
  await caller.getByRole('cell', { name: 'Talked about getting back to school' }).waitFor();
  await caller.close();
  const c = (await as(e2e.stack, pc).get(`/wellness/youth/${caseId}`)).body;
  expect(c.calls).toHaveLength(1);
  expect(c.calls[0]).toMatchObject({ reached: true, minutes: 20, mood: 3, needs: ['school'] });
  // The need flagged is the coordinator's resource task.
  await coord.reload();
  await coord.getByRole('heading', { level: 2, name: /Resources for wellness check-ins/ }).waitFor();
  await coord.close();
});

test('a case worker enters a caller and logs their training on the case page', async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await e2e.signInAs(page, 'Casey Worker');
  await page.getByRole('link', { name: 'New caller' }).click();
  await page.getByLabel('Full name').fill('Dana Dialer');
  await page.locator('#mentor-email').fill('dana@mail.example');
  await page.getByLabel('Phone').fill('213-555-0150');
  await page.getByLabel('Date of birth').fill('1985-07-01');
  await page.getByLabel('Languages').fill('English, Tagalog');
  await page.getByLabel('Sign-in id').fill('caller-dana');
  await page.locator('#ref0-name').fill('Ana Reference');
  await page.locator('#ref0-email').fill('ana.ref@mail.example');
  await page.locator('#ref0-relationship').fill('former manager');
  await checkPage(page, 'caller-application');
  await page.getByRole('button', { name: 'Start screening' }).click();
  await page.getByText('Background check — Identity: pending').waitFor();
  await page.getByLabel('Module').fill('Mandated reporting');
  await page.getByLabel('Hours').fill('2');
  await page.getByRole('button', { name: 'Log training' }).click();
  await page.getByText('Training: 2 of 2 hours').waitFor();
  await checkPage(page, 'caller-screening');
  await page.close();
});
