/**
 * A match's relationship surveys on the time-skipping server: the first meeting starts them;
 * three months later the mentor and the youth are each sent their link; unanswered, each is
 * reminded after 7 days and given to the case worker to collect by phone after 14; the
 * mentor's answer through the link (the API's signal) closes the mentor's phone task, and the
 * youth recorded unreachable makes the youth's survey missed. A match closed and reopened by a
 * case supervisor gets its next round on its date. The activities are fakes that remember what
 * they were asked; the histories replay.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { userToken } from '../../../../platform/workflow/access';
import type { WorkflowHandle } from '@temporalio/client';
import { completeTaskUpdate, openTasksQuery, stageQuery } from '../../../../platform/workflow/messages';
import type { TaskRecord, TransitionInput } from '../../../../platform/workflow/records';
import { mailQueueOf } from '../../../../platform/workflow/task-queues';
import { env, eventually, person, within } from '../../../../test/workflows/harness';
import type { SendSurveyLinkInput } from '../../activities/surveys';
import { matchWorkflow, matchWorkflowId } from '../../match';
import { closeMatchUpdate, reopenMatchUpdate, surveyAnsweredSignal } from '../../messages';
import { continued, cw, DAY, task } from './match-fixtures';

const supervisor = person('cs-surveys', ['case_supervisor']);
const links: SendSurveyLinkInput[] = [];
const transitions: TransitionInput[] = [];
const activities = {
  recordTransition: async (t: TransitionInput) => {
    transitions.push(t);
    return { emailsSent: 0 };
  },
  recordIncident: async () => undefined,
  caseRecorded: async () => ({ recorded: true }),
  deliverEmails: async () => ({ sent: 0 }),
  sendSurveyLink: async (input: SendSurveyLinkInput) => {
    links.push(input);
    return { sent: true, instrumentId: 'relationship-quality', instrumentVersion: 1 };
  },
  recordSurveyByPhone: async () => ({
    recorded: true,
    score: 80,
    instrumentId: 'relationship-quality',
    instrumentVersion: 1,
  }),
};

const events = () => transitions.flatMap((t) => (t.events ?? []).map((e) => ({ event: e.event, ...e.detail })));
const surveyTasks = (open: TaskRecord[]) => open.filter((t) => t.type === 'survey_collection');

async function now(): Promise<number> {
  return Number((await env.connection.testService!.getCurrentTime({})).time?.seconds) * 1000;
}

/** Runs `body` with workers on fresh queues, the fakes' memory emptied; the workers stop after it. */
async function withWorkers(body: (taskQueue: string) => Promise<void>): Promise<void> {
  links.length = 0;
  transitions.length = 0;
  const taskQueue = `surveys-${randomUUID()}`;
  const workers = await Promise.all(
    [taskQueue, mailQueueOf(taskQueue)].map((q) =>
      Worker.create({
        connection: env.nativeConnection,
        taskQueue: q,
        workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
        activities,
      }),
    ),
  );
  const running = Promise.all(workers.map((w) => w.run()));
  try {
    await body(taskQueue);
  } finally {
    workers.forEach((w) => w.shutdown());
    await running;
  }
}

/** A match whose first meeting is recorded now: its survey schedule starts. */
async function metMatch(taskQueue: string) {
  const meeting = task(randomUUID(), 'first_meeting', await now(), false, ['done']);
  const input = continued(await now(), 'awaiting_first_meeting', [meeting]);
  const h = await env.client.workflow.start(matchWorkflow, {
    taskQueue,
    workflowId: matchWorkflowId(input.caseId),
    args: [input],
  });
  await within(
    h.executeUpdate(completeTaskUpdate, { args: [{ taskId: meeting.id, outcome: 'done', actor: cw }] }),
    30_000,
    'the first meeting is recorded',
  );
  return { h, input };
}

async function replays(h: WorkflowHandle): Promise<void> {
  const history = await h.fetchHistory();
  const failed = (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes);
  expect(failed).toEqual([]);
  await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, history);
}

test('the 3-month survey is sent to both, reminded at 7 days, given to the case worker at 14, and closed by an answer', async () => {
  await withWorkers(async (taskQueue) => {
    const { h, input } = await metMatch(taskQueue);
    expect(links).toEqual([]);

    // Three months on: the mentor's and the youth's links go out, in the same round.
    await env.sleep(92 * DAY);
    const sent = links.filter((l) => l.kind === 'request');
    expect(sent.map((l) => [l.respondent, l.round])).toEqual([
      ['mentor', 'm3'],
      ['youth', 'm3'],
    ]);
    expect(sent.map((l) => l.surveyId)).toEqual([`${input.caseId}:mentor:m3`, `${input.caseId}:youth:m3`]);
    // The activity reads the addresses from the cases: none enters the workflow.
    expect(JSON.stringify(sent)).not.toMatch(/@/);
    expect(events().filter((e) => e.event === 'survey_sent')).toHaveLength(2);

    // Unanswered after 7 days: each is reminded.
    await env.sleep(7 * DAY);
    expect(links.filter((l) => l.kind === 'reminder').map((l) => l.respondent)).toEqual(['mentor', 'youth']);
    expect(surveyTasks(await h.query(openTasksQuery))).toEqual([]);

    // After 14: the case worker collects each by phone.
    await env.sleep(7 * DAY);
    const phone = surveyTasks(await h.query(openTasksQuery));
    expect(phone.map((t) => t.ref).sort()).toEqual([`${input.caseId}:mentor:m3`, `${input.caseId}:youth:m3`]);
    expect(phone.every((t) => t.candidates?.includes(userToken(cw.id)))).toBe(true);

    // The mentor answers through the link: the survey is answered, its phone task closed.
    await h.signal(surveyAnsweredSignal, {
      surveyId: `${input.caseId}:mentor:m3`,
      score: 87.5,
      instrumentId: 'relationship-quality',
      instrumentVersion: 1,
    });
    await eventually(
      async () => surveyTasks(await h.query(openTasksQuery)).length === 1,
      'the answer closes the mentor phone task',
    );
    expect(surveyTasks(await h.query(openTasksQuery))[0].ref).toBe(`${input.caseId}:youth:m3`);
    expect(events()).toContainEqual(
      expect.objectContaining({ event: 'survey_answered', respondent: 'mentor', round: 'm3', score: 87.5 }),
    );

    // The youth could not be reached: that survey is missed.
    const youthTask = surveyTasks(await h.query(openTasksQuery))[0];
    await h.executeUpdate(completeTaskUpdate, { args: [{ taskId: youthTask.id, outcome: 'unreachable', actor: cw }] });
    expect(events()).toContainEqual(expect.objectContaining({ event: 'survey_missed', respondent: 'youth' }));
    expect(surveyTasks(await h.query(openTasksQuery))).toEqual([]);

    await replays(h);
  });
}, 180_000);

test('a match closed after its 3-month round and reopened gets its 6-month round on its date', async () => {
  await withWorkers(async (taskQueue) => {
    const { h } = await metMatch(taskQueue);
    await env.sleep(92 * DAY);
    const requests = () => links.filter((l) => l.kind === 'request').map((l) => `${l.respondent}:${l.round}`);
    expect(requests()).toEqual(['mentor:m3', 'youth:m3']);

    // Closed at once (the exit round goes out), then reopened by a case supervisor 10 days later.
    await h.executeUpdate(closeMatchUpdate, { args: [{ reason: 'other', notes: 'closed in error', actor: cw }] });
    for (const t of await h.query(openTasksQuery)) {
      if (t.type !== 'closure_meeting' && t.type !== 'rematch_decision') continue;
      const data = t.type === 'closure_meeting' ? { held: false, with: [] } : { decision: 'not_now' };
      await h.executeUpdate(completeTaskUpdate, { args: [{ taskId: t.id, outcome: 'done', data, actor: cw }] });
    }
    expect(await h.query(stageQuery)).toBe('closed');
    await env.sleep(10 * DAY);
    await h.executeUpdate(reopenMatchUpdate, { args: [{ notes: 'closed by mistake', actor: supervisor }] });
    expect(await h.query(stageQuery)).toBe('active');
    expect(requests()).toEqual(['mentor:m3', 'youth:m3', 'mentor:exit', 'youth:exit']);

    // Six months from the first meeting: both are sent the 6-month round.
    await env.sleep(80 * DAY);
    expect(requests()).toEqual(['mentor:m3', 'youth:m3', 'mentor:exit', 'youth:exit', 'mentor:m6', 'youth:m6']);
    expect(events()).toContainEqual(
      expect.objectContaining({ event: 'survey_sent', respondent: 'youth', round: 'm6' }),
    );
    await replays(h);
  });
}, 180_000);
