/**
 * A match's relationship surveys on its page in the browser (docs/processes/match-surveys.md,
 * "On the match's page"), in Chromium with axe: the first round comes two seconds after the
 * first meeting here; the mentor answers through the link, and the match's case worker opens
 * the match and reads the round: the mentor's answer and score, the youth's still waiting.
 */
import { checkPage, useBrowserStack } from '../support/browser';
import { as, eventually, mailbox } from '../support/stack';
import { activeMatch, approvedMentor, caseSup, cw1, readyYouth } from '../integration/foster-fixtures';
import { SHIPPED_INSTRUMENT } from '../../processes/foster/surveys/relationship-quality';

let matchId = '';

const world = useBrowserStack(
  async (stack) => {
    const mentorEmail = `mentor-page-${Date.now().toString(36)}@mail.example`;
    const mentorId = await approvedMentor(stack, { email: mentorEmail });
    const youthId = await readyYouth(stack, {
      caregiver: { name: 'Casey Caregiver', email: 'carer-page@mail.example' },
    });
    matchId = (await activeMatch(stack, mentorId, youthId)).id;
    const mail = await eventually(
      async () => (await mailbox(mentorEmail)).find((m) => /\/surveys\/[A-Za-z0-9_-]+/.test(m.text)),
      "the mentor's survey e-mail",
    );
    const token = /\/surveys\/([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    // Agrees with everything: the six plain statements at the top, the two reversed at the bottom.
    const answers = SHIPPED_INSTRUMENT.items.map((i) => ({ itemId: i.id, value: 5 }));
    const answered = await as(stack).post(`/surveys/${token}`, { answers });
    if (answered.status !== 200) throw new Error(`the survey answer: ${answered.status} ${answered.text}`);
    await eventually(
      async () =>
        (await as(stack, cw1).get(`/foster/matches/${matchId}/surveys`)).body.rounds?.[0]?.surveys[0]?.status ===
        'answered',
      'the match records the answer',
    );
    return [
      [cw1, 'case worker'],
      [caseSup, 'case supervisor'],
    ];
  },
  { policy: { foster: { surveyRounds: ['PT2S'] } } },
);

test("the match's case worker reads its survey round on the match's page", async () => {
  const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await world.signInAs(page, 'Casey Worker');
  await page.goto(`${world.site()}/cases/${matchId}`);
  await page.getByRole('heading', { level: 2, name: 'Relationship surveys' }).waitFor();
  const table = page.getByRole('table', { name: 'Each survey round, for the mentor and the youth' });
  const mentor = table.getByRole('row', { name: /Round 1 Mentor/ });
  await mentor.getByText(/Answered by the link/).waitFor();
  await mentor.getByText('75 of 100').waitFor();
  const youth = table.getByRole('row', { name: /Round 1 Youth/ });
  await youth.getByText('Waiting for the answer').waitFor();
  await checkPage(page, 'match-surveys');
});
