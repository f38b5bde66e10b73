/**
 * Early-childhood mentoring as its people do it, in Chromium: a college coordinator sends
 * a teacher to the selection committee; the members vote from their inbox (the third vote
 * certifies); the coordinator places a student with the mentor; the mentor accepts; the
 * student logs hours and the mentor confirms them. Axe on every page.
 */
import { laDate } from '../../../../platform/workflow/calendar';
import { as } from '../../../../test/support/stack';
import { checkPage, useBrowserStack } from '../../../../test/support/browser';
import { coord, member, mentee, mentorPerson } from '../../../../test/integration/ece-fixtures';

const teacher = mentorPerson();
const student = mentee();

const e2e = useBrowserStack(async () => [
  [coord, 'college coordinator'],
  [member(1), 'selection committee'],
  [{ ...teacher, roles: ['ece_mentor'] }, 'mentor teacher'],
  [student, 'ECE student'],
]);

test('certified by the committee, the mentor takes a student, who logs hours the mentor confirms', async () => {
  const page = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await e2e.signInAs(page, 'Cleo Coordinator');
  await page.getByRole('link', { name: 'Certify a mentor' }).click();
  await page.getByLabel('Sign-in id').fill(teacher.sub);
  await page.getByLabel('Full name').fill(teacher.name!);
  await page.getByLabel('E-mail').fill(teacher.email);
  await page.getByLabel('Site', { exact: true }).fill('Sunrise Child Development Center');
  await page.getByLabel('Permit level').fill('Master Teacher');
  await page.getByLabel('Site quality evidence').fill('QRIS tier 4; NAEYC accredited');
  await checkPage(page, 'ece-mentor-application');
  await page.getByRole('button', { name: 'Send to the committee' }).click();
  await page.getByRole('heading', { level: 2, name: 'Certification' }).waitFor();
  const mentorCase = new URL(page.url()).pathname.split('/').pop()!;

  const voter = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await e2e.signInAs(voter, 'Member 1');
  await voter.getByRole('link', { name: /Committee vote 1/ }).click();
  await checkPage(voter, 'ece-vote');
  await voter.getByRole('button', { name: 'Approve' }).click();
  await voter.getByText('Committee votes cast: 1').waitFor();
  await voter.close();
  for (const n of [2, 3]) {
    const vote = (
      (await as(e2e.stack, member(n)).get(`/ece/mentors/${mentorCase}`)).body.openTasks as {
        id: string;
        type: string;
      }[]
    ).find((t) => t.type === 'committee_vote')!;
    expect((await as(e2e.stack, member(n)).post(`/tasks/${vote.id}/complete`, { outcome: 'approve' })).status).toBe(
      200,
    );
  }

  await page.getByRole('link', { name: 'Place a mentee' }).click();
  const picker = page.getByLabel('Certified mentor');
  await picker.locator(`option[value="${mentorCase}"]`).waitFor({ state: 'attached' });
  await picker.selectOption(mentorCase);
  await page.getByLabel("Mentee's sign-in id").fill(student.sub);
  await page.getByLabel("Mentee's name").fill(student.name!);
  await page.getByLabel("Mentee's e-mail").fill(student.email);
  await page.getByLabel('Term starts').fill(laDate(Date.now() - 14 * 86_400_000));
  await page.getByLabel('Term ends').fill(laDate(Date.now() + 60 * 86_400_000));
  await page.getByLabel('Practicum course').fill('CHDEV 140');
  await checkPage(page, 'ece-placement-form');
  await page.getByRole('button', { name: 'Place' }).click();
  await page.getByRole('heading', { level: 2, name: 'Placement' }).waitFor();
  const placement = new URL(page.url()).pathname.split('/').pop()!;
  await page.close();

  const mentorPage = await e2e.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await e2e.signInAs(mentorPage, teacher.name!);
  await mentorPage.goto(`${e2e.site()}/cases/${placement}`);
  await mentorPage.getByRole('button', { name: 'Accept' }).click();
  await mentorPage.getByText('Done: Accept.', { exact: false }).waitFor();

  const studentPage = await e2e.browser.newPage({ viewport: { width: 390, height: 844 } });
  await e2e.signInAs(studentPage, student.name!);
  await studentPage.goto(`${e2e.site()}/cases/${placement}`);
  await studentPage.getByLabel('Hours', { exact: true }).fill('3.5');
  await studentPage.getByLabel('Activity', { exact: true }).fill('Small-group literacy');
  await checkPage(studentPage, 'ece-log-hours');
  await studentPage.getByRole('button', { name: 'Log' }).click();
  await studentPage.getByRole('rowheader', { name: laDate(Date.now()) }).waitFor();
  await studentPage.close();

  await mentorPage.reload();
  await mentorPage.getByRole('button', { name: 'Confirm' }).click();
  await mentorPage.getByText('Hours confirmed: 3.5').waitFor();
  await checkPage(mentorPage, 'ece-placement');
  await mentorPage.close();
});
