/**
 * A match's relationship surveys on the time-skipping server: the first meeting starts them;
 * three months later the mentor and the youth are each sent their link; unanswered, each is
 * reminded after 7 days and given to the case worker to collect by phone after 14; the
 * mentor's answer through the link (the API's signal) closes the mentor's phone task, and the
 * youth recorded unreachable makes the youth's survey missed. The activities are fakes that
 * remember what they were asked; the history replays.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { userToken } from '../../../../platform/workflow/access';
import { completeTaskUpdate, openTasksQuery } from '../../../../platform/workflow/messages';
import type { TaskRecord, TransitionInput } from '../../../../platform/workflow/records';
import { mailQueueOf } from '../../../../platform/workflow/task-queues';
import { env, eventually, within } from '../../../../test/workflows/harness';
import type { SendSurveyLinkInput } from '../../activities/surveys';
import { matchWorkflow, matchWorkflowId } from '../../match';
import { surveyAnsweredSignal } from '../../messages';
import { continued, cw, DAY, task } from './match-fixtures';

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

test('the 3-month survey is sent to both, reminded at 7 days, given to the case worker at 14, and closed by an answer', async () => {
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

    const history = await h.fetchHistory();
    const failed = (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes);
    expect(failed).toEqual([]);
    await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, history);
  } finally {
    workers.forEach((w) => w.shutdown());
    await running;
  }
}, 180_000);
