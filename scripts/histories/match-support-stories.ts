/**
 * Match support's recording: a match from its first meeting through the contact schedule (one
 * contact on time, one missed and logged late with a safety concern, so the health falls and a
 * support task opens), the 3-month relationship surveys (the mentor's answered by link, the
 * youth's unreachable by phone), a structured closure with its exit surveys, meeting and rematch
 * decision, a case supervisor's reopening, a second closure and the reopen window running out.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { caseRecordedUpdate, completeTaskUpdate, openTasksQuery } from '../../platform/workflow/messages';
import type { Policy } from '../../platform/workflow/policy';
import { matchWorkflow, matchWorkflowId } from '../../processes/foster/match';
import {
  closeMatchUpdate,
  reopenMatchUpdate,
  reserveForMatchUpdate,
  surveyAnsweredSignal,
} from '../../processes/foster/messages';
import { complete, csup, fosterParties, matchInputOf } from './foster-parties';
import { completed, cw1, type Save } from './shared';

const DAY = 86_400_000;
export const contact = (satisfaction: number, safetyConcern: boolean) => ({
  data: { reached: ['mentor', 'youth'], how: 'in_person', satisfaction, safetyConcern },
});

/** The fakes of the survey activities the recording's worker serves. */
export const surveyFakes = {
  sendSurveyLink: async () => ({ sent: true, instrumentId: 'relationship-quality', instrumentVersion: 1 }),
  // Answers naming an item `bogus` are not the instrument's: refused, as the real activity does.
  recordSurveyByPhone: async ({ answers }: { answers: { itemId: string }[] }) =>
    answers.some((a) => a.itemId === 'bogus')
      ? { recorded: false, problems: [{ path: 'answers.0.itemId', message: 'not an item of the instrument' }] }
      : { recorded: true, score: 80, instrumentId: 'relationship-quality', instrumentVersion: 1 },
};

/**
 * Surveys collected by phone over two years: the 3-month ones unanswered by link, the mentor's
 * collected by phone, the youth's answers refused (not the instrument's items) and then marked
 * unreachable; the match runs on to its 24-month round, the first of the yearly ones.
 */
export async function matchSurveysByPhoneStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const parties = await fosterParties(env, taskQueue, policy, 44);
  const id = 'match-history-surveys-by-phone';
  for (const h of [parties.mentor, parties.youth])
    await h.executeUpdate(reserveForMatchUpdate, { args: [{ matchId: id }] });
  const match = await env.client.workflow.start(matchWorkflow, {
    taskQueue,
    workflowId: matchWorkflowId(id),
    args: [matchInputOf(id, 44, parties, policy)],
  });
  await match.executeUpdate(caseRecordedUpdate);
  await complete(match, 'consent', 'accept', cw1, { data: { how: 'phone' } });
  await complete(match, 'first_meeting', 'done', cw1);
  await env.sleep(108 * DAY);
  const phone = async (n: number) =>
    (await match.query(openTasksQuery)).filter((t) => t.type === 'survey_collection')[n];
  const [mentorCall, youthCall] = [await phone(0), await phone(1)];
  const answer = (taskId: string, itemId: string) =>
    match.executeUpdate(completeTaskUpdate, {
      args: [{ taskId, outcome: 'collected', data: { answers: [{ itemId, value: 4 }] }, actor: cw1 }],
    });
  await answer(mentorCall.id, 'trust');
  await answer(youthCall.id, 'bogus');
  await complete(match, 'survey_collection', 'unreachable', cw1, {}, true);
  await env.sleep(640 * DAY);
  await match.terminate('history recorded');
  await save('match-surveys-by-phone', match);
  for (const h of [parties.mentor, parties.youth]) await h.terminate('history recorded');
}

export async function matchSupportStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const parties = await fosterParties(env, taskQueue, policy, 41);
  const id = 'match-history-support';
  for (const h of [parties.mentor, parties.youth])
    await h.executeUpdate(reserveForMatchUpdate, { args: [{ matchId: id }] });
  const match = await env.client.workflow.start(matchWorkflow, {
    taskQueue,
    workflowId: matchWorkflowId(id),
    args: [
      {
        ...matchInputOf(id, 41, parties, policy),
        programId: 'program-history-1',
        youthCounty: 'Fresno',
        risks: { youthAgeAtMatch: 14, monthsWaiting: 7 },
      },
    ],
  });
  await match.executeUpdate(caseRecordedUpdate);
  await complete(match, 'consent', 'accept', cw1, { data: { how: 'phone' } });
  await complete(match, 'first_meeting', 'done', cw1);
  await complete(match, 'match_contact', 'done', cw1, contact(4, false));
  // The month's contact is missed, then logged late and worrying: a safety review and a support task.
  await env.sleep(32 * DAY);
  await complete(match, 'match_contact', 'done', cw1, contact(1, true), true);
  await complete(match, 'match_support', 'done', cw1, { data: { plan: 'Weekly calls for a month' } });
  await complete(match, 'safety_review', 'done', csup);
  // The 3-month surveys: the mentor answers by link, the youth cannot be reached by phone.
  await env.sleep(62 * DAY);
  await match.signal(surveyAnsweredSignal, {
    surveyId: `${id}:mentor:m3`,
    score: 45,
    instrumentId: 'relationship-quality',
    instrumentVersion: 1,
  });
  await env.sleep(15 * DAY);
  await complete(match, 'survey_collection', 'unreachable', cw1);
  // A structured closure, reopened by a case supervisor, closed again; the window runs out.
  const closing = { reason: 'mentor_moved', notes: 'Moving', kind: 'unplanned', initiatedBy: 'mentor' } as const;
  await match.executeUpdate(closeMatchUpdate, { args: [{ ...closing, actor: cw1 }] });
  await complete(match, 'rematch_decision', 'done', cw1, { data: { decision: 'rematch' } });
  await complete(match, 'closure_meeting', 'done', cw1, { data: { held: true, with: ['mentor', 'youth'] } });
  await env.sleep(5 * DAY);
  for (const h of [parties.mentor, parties.youth])
    await h.executeUpdate(reserveForMatchUpdate, { args: [{ matchId: id }] });
  await match.executeUpdate(reopenMatchUpdate, { args: [{ notes: 'closed by mistake', actor: csup }] });
  await complete(match, 'match_contact', 'done', cw1, contact(5, false));
  await match.executeUpdate(closeMatchUpdate, { args: [{ reason: 'planned', notes: 'done', actor: cw1 }] });
  await complete(match, 'rematch_decision', 'done', cw1, { data: { decision: 'not_now' } });
  await complete(match, 'closure_meeting', 'done', cw1, { data: { held: false, with: [] } });
  await env.sleep(31 * DAY);
  await completed(match);
  await save('match-support', match);
  for (const h of [parties.mentor, parties.youth]) await h.terminate('history recorded');
}
