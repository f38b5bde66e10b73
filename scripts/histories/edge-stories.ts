/**
 * Recordings whose instants sit within a day (or an hour) of a schedule's edge, so that a
 * computed date moved by a day, or a window made a little longer, changes what the match
 * does — where every other recording's instants sit far from any edge and would replay
 * green under such a change:
 * - a first meeting recorded 8.5 days after its date, under a partnership's policy whose
 *   surveys go out one and two days after it: the round due more than the phone delay ago is
 *   not sent late, the one due less is sent at once; and a safety concern whose 90 days have
 *   passed by half an hour when the next contact is logged;
 * - a match reopened half a day before its 3-month round (the round goes out on its date),
 *   then closed and reopened again half a day before that round's phone call (its reminder
 *   first, then the call on time);
 * - a match on monthly check-ins from before match support, whose first check-in date falls
 *   half a day before its second contact: it moves to contacts with that contact open.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { BusinessCalendar, addDuration } from '../../platform/workflow/calendar';
import { caseRecordedUpdate } from '../../platform/workflow/messages';
import type { Policy } from '../../platform/workflow/policy';
import { matchWorkflowId } from '../../processes/foster/ids';
import { reopenMatchUpdate } from '../../processes/foster/messages';
import { complete, csup, fosterParties, matchInputOf } from './foster-parties';
import { contact } from './match-support-stories';
import { closeFully, matchMetOnOlderCode, reserve, type Parties } from './match-reopen-stories';
import { cw1, type Save } from './shared';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Days and months as the cases count them (Los Angeles; no holidays matter here). */
const calendar = new BusinessCalendar([]);

async function sleepUntil(env: TestWorkflowEnvironment, at: number): Promise<void> {
  await env.sleep(at - Number(await env.currentTimeMs()));
}

/** A match of its own, proposed between parties of their own and consented. */
async function consentedMatch(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  n: number,
  id: string,
): Promise<{ parties: Parties; match: WorkflowHandle }> {
  const parties = await fosterParties(env, taskQueue, policy, n);
  await reserve(parties, id);
  const match = await env.client.workflow.start('matchWorkflow', {
    taskQueue,
    workflowId: matchWorkflowId(id),
    args: [matchInputOf(id, n, parties, policy)],
  });
  await match.executeUpdate(caseRecordedUpdate);
  await complete(match, 'consent', 'accept', cw1, { data: { how: 'phone' } });
  return { parties, match };
}

async function finish(save: Save, name: string, parties: Parties, match: WorkflowHandle): Promise<void> {
  await match.terminate('history recorded');
  await save(name, match);
  for (const h of [parties.mentor, parties.youth]) await h.terminate('history recorded');
}

export async function meetingDatedBackStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const surveys = { surveyRounds: ['P1D', 'P2D', 'P3M'], surveyReminderAfter: 'P3D', surveyPhoneAfter: 'P7D' };
  const edgy = { ...policy, foster: { ...policy.foster, ...surveys } } as Policy;
  const { parties, match } = await consentedMatch(env, taskQueue, edgy, 45, 'match-history-meeting-dated-back');
  await env.sleep(10 * DAY);
  // Noon of the day 8.5 days ago: the first meeting 8 to 9 days before now. The 1-day round is
  // then more than 7 days (the phone delay) past, the 2-day round less.
  const meetingDate = calendar.date(Number(await env.currentTimeMs()) - 8.5 * DAY);
  await complete(match, 'first_meeting', 'done', cw1, { data: { meetingDate } });
  // The first contact, overdue, logged with a safety concern; its review done.
  await complete(match, 'match_contact', 'done', cw1, contact(2, true), true);
  const concernAt = Number(await env.currentTimeMs());
  await complete(match, 'safety_review', 'done', csup);
  // Ninety days and half an hour later the next contact: the concern no longer weighs.
  await sleepUntil(env, concernAt + 90 * DAY + HOUR / 2);
  await complete(match, 'match_contact', 'done', cw1, contact(4, false), true);
  await finish(save, 'match-meeting-dated-back', parties, match);
}

export async function reopenedAtSurveyEdgesStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const id = 'match-history-reopened-at-survey-edges';
  const { parties, match } = await consentedMatch(env, taskQueue, policy, 46, id);
  await complete(match, 'first_meeting', 'done', cw1);
  const met = Number(await env.currentTimeMs());
  const round = addDuration(met, 'P3M', calendar);
  // Closed two days before the 3-month round, reopened half a day before it: the round goes out.
  await sleepUntil(env, round - 2 * DAY);
  await closeFully(match);
  await sleepUntil(env, round - DAY / 2);
  // Both parties held for it again, as the API does right before reopening.
  await reserve(parties, id);
  await match.executeUpdate(reopenMatchUpdate, { args: [{ notes: 'closed by mistake', actor: csup }] });
  // Closed five days after the round (its surveys unanswered), reopened half a day before
  // their phone call is due: the reminder goes first, the call opens on its date.
  await sleepUntil(env, round + 5 * DAY);
  await closeFully(match);
  await sleepUntil(env, round + 13.5 * DAY);
  await reserve(parties, id);
  await match.executeUpdate(reopenMatchUpdate, { args: [{ notes: 'closed by mistake again', actor: csup }] });
  await env.sleep(2 * DAY);
  await finish(save, 'match-reopened-at-survey-edges', parties, match);
}

export async function movedHalfADayBeforeContactStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const id = 'match-history-moved-before-contact';
  // The first check-in half a day before the second contact (a month after the first meeting).
  const now = Number(await env.currentTimeMs());
  const hours = Math.round((addDuration(now, 'P1M', calendar) - now) / HOUR) - 12;
  const checkIns = { ...policy, foster: { ...policy.foster, firstCheckInAfter: `PT${hours}H` } } as Policy;
  const parties = await fosterParties(env, taskQueue, checkIns, 47);
  const { match, q } = await matchMetOnOlderCode(env, checkIns, parties, 47, id, 'match-older-edge');
  await env.sleep(hours * HOUR + DAY);
  await complete(match, 'match_contact', 'done', cw1, contact(3, false), true);
  await q.close();
  await finish(save, 'match-moved-half-a-day-before-contact', parties, match);
}
