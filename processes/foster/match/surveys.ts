/**
 * A match's relationship surveys (docs/processes/match-surveys.md): the mentor
 * and the youth each answer one at 3, 6 and 12 months of the match (from its first meeting),
 * then yearly, and at its exit, through a one-time link (activity `sendSurveyLink`: the address
 * is read there, never here). Unanswered after 7 days: a reminder; after 14 days (or at once
 * when there is no address): a `survey_collection` task for the case worker to collect it by
 * phone, or record the respondent unreachable (the survey is then `missed`).
 *
 * Started by the first meeting and again by a continued run's start, behind the patch
 * `match-surveys` (it adds timers and activities to matches already running); once per run,
 * and again when a case supervisor reopens the match in it (`resumeSurveys`, its own patch).
 * The API's `surveyAnsweredSignal` closes a survey answered by its link.
 */
import { patched, setHandler } from '@temporalio/workflow';
import { addDuration, scaleDuration, type PolicyDuration } from '../../../platform/workflow/calendar';
import { mergeChanges, refuse, type Change } from '../../../platform/workflow/case-runtime';
import type { CompleteTaskInput } from '../../../platform/workflow/messages';
import { SYSTEM, type Actor, type TaskRecord } from '../../../platform/workflow/records';
import { recordSurveyByPhone, sendSurveyLink } from '../activity-calls';
import { matchWorkflowId } from '../ids';
import { surveyAnsweredSignal } from '../messages';
import { surveyRules } from '../policy';
import type { MatchCase } from './match-case';
import { SURVEY_RESPONDENTS, type SurveyRecord, type SurveyRespondent } from './support-types';

export const SURVEYS_PATCH = 'match-surveys';
/** From this marker on a match reopened in the same run takes up its rounds again. */
export const SURVEYS_REOPEN_PATCH = 'match-surveys-reopened';
const TASK = 'survey_collection';
/** The runs whose survey schedule is running (a second start in the same run does nothing). */
const running = new WeakSet<MatchCase>();

const surveyId = (m: MatchCase, respondent: SurveyRespondent, round: string) =>
  `${m.state.caseId}:${respondent}:${round}`;
const isOpen = (s: SurveyRecord) => s.status === 'sent';

/** The survey answered by its link (the API): recorded as answered, its phone task closed. */
export function registerSurveys(m: MatchCase): void {
  setHandler(surveyAnsweredSignal, async ({ surveyId: id, score, instrumentId, instrumentVersion }) => {
    const survey = m.state.surveys?.find((s) => s.id === id);
    if (!survey || !isOpen(survey) || m.state.status === 'closed') return;
    Object.assign(survey, { status: 'answered', score, instrumentId, instrumentVersion });
    const closed = m.closeOpen('cancelled', SYSTEM, 'answered by its link', (t) => t.type === TASK && t.ref === id);
    await m.commitSupport({
      tasks: closed.tasks,
      events: [...(closed.events ?? []), surveyEvent(m, SYSTEM, 'survey_answered', survey)],
    });
  });
}

/** The survey schedule of an active match, and the chase of every survey still open (once per run). */
export function startSurveys(m: MatchCase): void {
  if (!m.state.firstMeetingAt || running.has(m) || !patched(SURVEYS_PATCH)) return;
  running.add(m);
  for (const s of m.state.surveys ?? []) if (isOpen(s)) void chase(m, s);
  if (m.state.stage === 'active') void roundLoop(m);
}

/**
 * A match reopened in this run takes up its rounds where the schedule is: the next round due
 * after the reopening goes out on its date (none missed while it was closed is sent late), and
 * the rounds' surveys still open are chased again (the exit round's stay as they are: that
 * closure was undone). Matches reopened before the marker replay without it.
 */
export function resumeSurveys(m: MatchCase): void {
  if (!m.state.firstMeetingAt || !running.has(m) || m.state.stage !== 'active') return;
  if (!patched(SURVEYS_REOPEN_PATCH)) return;
  for (const s of m.state.surveys ?? []) if (isOpen(s) && s.round !== 'exit') void chase(m, s);
  void roundLoop(m, Date.now());
}

/**
 * The exit surveys, for the closure to call when a match starts closing (round `exit`): sent
 * to both at once and chased like the others while the match is open; the match's closing
 * ends the chase (an answer by link is still kept in `survey_responses`). Once per match.
 */
export async function sendExitSurveys(m: MatchCase): Promise<void> {
  if (!m.state.firstMeetingAt || !patched(SURVEYS_PATCH)) return;
  if (m.state.surveys?.some((s) => s.round === 'exit')) return;
  await sendRound(m, 'exit');
}

/**
 * Each round on its date while the match is active. A round more than the phone delay past
 * when the schedule starts (a match running since before surveys) is not sent late: its next
 * round is; a reopened match passes `from`, the reopening, and sends none due before it.
 */
async function roundLoop(m: MatchCase, from?: number): Promise<void> {
  const { state, rt } = m;
  const met = Date.parse(state.firstMeetingAt!);
  from ??= Date.now() - (addDuration(met, surveyRules(m.rules).phoneAfter, rt.calendar) - met);
  for (let n = 0; ; n++) {
    const { name, at } = roundOf(m, met, n);
    if (at < from || state.surveys?.some((s) => s.round === name)) continue;
    if (await rt.untilOr(() => state.stage !== 'active', at)) return;
    await sendRound(m, name);
  }
}

/** The n-th round: its name (`m3`, `m6`, `m12`, `m24` ...) and its instant. */
function roundOf(m: MatchCase, met: number, n: number): { name: string; at: number } {
  const r = surveyRules(m.rules);
  const cal = m.rt.calendar;
  if (n < r.rounds.length) return { name: roundName(r.rounds[n], n), at: addDuration(met, r.rounds[n], cal) };
  const k = n - r.rounds.length + 1;
  const last = r.rounds.length ? addDuration(met, r.rounds[r.rounds.length - 1], cal) : met;
  const lastMonths = r.rounds.length ? monthsOf(r.rounds[r.rounds.length - 1]) : 0;
  const every = monthsOf(r.thenEvery);
  const name = lastMonths !== undefined && every !== undefined ? `m${lastMonths + k * every}` : `r${n + 1}`;
  return { name, at: addDuration(last, scaleDuration(r.thenEvery, k), cal) };
}

const monthsOf = (d: PolicyDuration): number | undefined => {
  const x = typeof d === 'string' ? /^P(?:(\d+)Y)?(?:(\d+)M)?$/.exec(d) : null;
  return x && (x[1] || x[2]) ? Number(x[1] ?? 0) * 12 + Number(x[2] ?? 0) : undefined;
};
const roundName = (d: PolicyDuration, n: number): string => {
  const months = monthsOf(d);
  return months !== undefined ? `m${months}` : `r${n + 1}`;
};

/** Sends a round's link to the mentor and to the youth, records both surveys, and chases them. */
async function sendRound(m: MatchCase, round: string): Promise<void> {
  const { state, rt } = m;
  const sent: SurveyRecord[] = [];
  const noAddress: SurveyRecord[] = [];
  for (const respondent of SURVEY_RESPONDENTS) {
    const id = surveyId(m, respondent, round);
    const out = await sendSurveyLink(linkInput(m, id, respondent, round, 'request'));
    const survey: SurveyRecord = {
      id,
      respondent,
      round,
      dueAt: rt.nowIso(),
      status: 'sent',
      ...(out.sent ? { instrumentId: out.instrumentId, instrumentVersion: out.instrumentVersion } : {}),
    };
    (out.sent ? sent : noAddress).push(survey);
  }
  state.surveys = [...(state.surveys ?? []), ...sent, ...noAddress];
  await m.commitSupport({
    events: [
      ...sent.map((s) => surveyEvent(m, SYSTEM, 'survey_sent', s)),
      ...noAddress.map((s) => surveyEvent(m, SYSTEM, 'survey_no_address', s)),
    ],
  });
  // Nowhere to send it: the case worker collects it by phone at once.
  if (noAddress.length) await m.commitSupport(mergeChanges(...noAddress.map((s) => phoneTask(m, s))));
  for (const s of sent) void chase(m, s);
}

function linkInput(
  m: MatchCase,
  id: string,
  respondent: SurveyRespondent,
  round: string,
  kind: 'request' | 'reminder',
) {
  const { state, input } = m;
  return {
    surveyId: id,
    matchCaseId: state.caseId,
    workflowId: matchWorkflowId(state.caseId),
    respondent,
    round,
    mentorCaseId: state.mentorCaseId,
    youthCaseId: state.youthCaseId,
    kind,
    validFor: surveyRules(m.rules).linkValidity,
    publicBaseUrl: input.policy.publicBaseUrl,
  };
}

/** A reminder after 7 days, a phone task after 14, unless it is answered (or the match closed) first. */
async function chase(m: MatchCase, s: SurveyRecord): Promise<void> {
  const { state, rt } = m;
  const r = surveyRules(m.rules);
  const done = () => !isOpen(s) || state.status === 'closed';
  const sentAt = Date.parse(s.dueAt);
  if (rt.openTasks((t) => t.type === TASK && t.ref === s.id).length) return;
  const phoneAt = addDuration(sentAt, r.phoneAfter, rt.calendar);
  if (Date.now() < phoneAt) {
    if (await rt.untilOr(done, addDuration(sentAt, r.reminderAfter, rt.calendar))) return;
    // The activity sends each survey's reminder once, whatever the retries and runs.
    const out = await sendSurveyLink(linkInput(m, s.id, s.respondent, s.round, 'reminder'));
    if (done()) return;
    if (out.sent) await m.commitSupport({ events: [surveyEvent(m, SYSTEM, 'survey_reminded', s)] });
    if (await rt.untilOr(done, phoneAt)) return;
  }
  if (done()) return;
  await m.commitSupport(phoneTask(m, s));
}

function phoneTask(m: MatchCase, s: SurveyRecord): Change {
  return m.rt.openTask({
    ...m.caseWorker,
    type: TASK,
    title: `Collect the ${s.respondent}'s ${s.round} relationship survey of match ${m.short} by phone`,
    outcomes: ['collected', 'unreachable'],
    ref: s.id,
  });
}

/** The phone collection recorded: the answers scored (refused: the task opens again), or missed. */
export async function surveyCollection(
  m: MatchCase,
  task: TaskRecord,
  { outcome, data, actor }: CompleteTaskInput,
): Promise<Change> {
  const s = m.state.surveys?.find((x) => x.id === task.ref);
  if (!s || !isOpen(s)) return {};
  if (outcome === 'unreachable') {
    s.status = 'missed';
    await m.commitSupport({ events: [surveyEvent(m, actor, 'survey_missed', s)] });
    return {};
  }
  const out = await recordSurveyByPhone({
    surveyId: s.id,
    matchCaseId: m.state.caseId,
    respondent: s.respondent,
    round: s.round,
    answers: (data?.answers ?? []) as { itemId: string; value: number }[],
    by: actor.id,
  });
  if (!isOpen(s)) return {};
  if (!out.recorded) {
    // The items or values are not the instrument's: nothing recorded, the task opens again.
    const again = phoneTask(m, s);
    await m.commitSupport({
      tasks: again.tasks,
      events: [
        ...(again.events ?? []),
        m.rt.event(actor, 'survey_answers_refused', { surveyId: s.id, problems: out.problems.map((p) => p.message) }),
      ],
    });
    return {};
  }
  Object.assign(s, {
    status: 'collected_by_phone',
    score: out.score,
    instrumentId: out.instrumentId,
    instrumentVersion: out.instrumentVersion,
  });
  await m.commitSupport({ events: [surveyEvent(m, actor, 'survey_collected_by_phone', s)] });
  return {};
}

/** A phone collection says what it collected: answers with `collected`, none with `unreachable`. */
export function checkSurveyCollection(task: TaskRecord, { outcome, data }: CompleteTaskInput): void {
  if (task.type !== TASK) return;
  const answers = (data as { answers?: unknown[] } | undefined)?.answers;
  if (outcome === 'collected' && !answers?.length)
    refuse('invalid_task_data', 'Record the answers collected in data.answers', [
      { path: 'data.answers', message: 'required when the outcome is collected' },
    ]);
  if (outcome === 'unreachable' && answers)
    refuse('invalid_task_data', 'An unreachable respondent has no answers', [
      { path: 'data.answers', message: 'not allowed when the outcome is unreachable' },
    ]);
}

/** A survey's timeline entry: which, and its score once it has one (never a name). */
function surveyEvent(m: MatchCase, actor: Actor, event: string, s: SurveyRecord) {
  return m.rt.event(actor, event, {
    surveyId: s.id,
    respondent: s.respondent,
    round: s.round,
    ...(s.score !== undefined ? { score: s.score } : {}),
  });
}
