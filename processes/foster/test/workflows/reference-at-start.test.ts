/**
 * A mentor screening continued as new whose reference answers as its run starts, on a worker
 * that keeps no workflow in its cache (every task replays the whole history, as after a
 * restart). The answer can come with the run's first activation (sent before the run's first
 * poll, or a rebuild of a start that issued no command together with it), and setHandler runs
 * it at once, before the start chases the references still awaited and watches the screening
 * target. Only the main line starts those, and an answered reference is not chased: the
 * start reads what the answer changed, and the replay hands it the answer in the same place,
 * so the run goes on (these tests pass without any change to the screening).
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { roleToken, userToken } from '../../../../platform/workflow/access';
import { env, person, policy, uncachedWorker, within } from '../../../../test/workflows/harness';
import { referenceAnswerUpdate } from '../../messages';
import { mentorScreeningWorkflowId } from '../../ids';
import { mentorScreeningWorkflow } from '../../mentor-screening';
import type { MentorScreeningInput, MentorScreeningState, Reference } from '../../types';

const cw = person('cw-ref', ['case_worker']);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

function reference(now: number, chased: boolean): Reference {
  return {
    id: randomUUID(),
    name: 'Ref',
    email: 'ref@example.org',
    relationship: 'colleague',
    status: 'awaiting',
    requestedAt: iso(now - (chased ? 20 : 2) * DAY),
    reminded: chased,
    followUpOpened: chased,
  };
}

/** A screening in its checks, carried over; the 30-day target missed when `overdue`. */
function continued(now: number, references: Reference[], overdue: boolean): MentorScreeningInput {
  const caseId = randomUUID();
  const state = {
    caseId,
    type: 'mentor_screening',
    status: 'open',
    stage: 'screening',
    subject: 'carried over',
    viewers: [userToken(cw.id), roleToken('case_supervisor')],
    ownerId: cw.id,
    version: 3,
    createdAt: iso(now - 25 * DAY),
    updatedAt: iso(now - DAY),
    recorded: true,
    tasks: {},
    pastMatchIds: [],
    applicant: {
      name: 'M',
      email: 'm@example.org',
      phone: '5550100',
      dateOfBirth: '1980-01-01',
      languages: [],
      interests: [],
      formerFosterYouth: false,
    },
    caseWorkerId: cw.id,
    references,
    checks: [{ name: 'doj_live_scan', status: 'pending' }],
    interview: { status: 'pending' },
    training: [],
    screeningDueAt: iso(overdue ? now - DAY : now + 5 * DAY),
    screeningOverdue: overdue,
  } as MentorScreeningState;
  return { policy, caseWorkerId: cw.id, caseId, applicant: state.applicant, references, appliedBy: cw, state };
}

/** No failed workflow task, `timers` timers pending, and the history replays. */
async function expectSound(workflowId: string, timers: number): Promise<void> {
  const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const failed = events.filter((e) => e.workflowTaskFailedEventAttributes);
  expect(failed.map((e) => e.workflowTaskFailedEventAttributes?.failure?.message)).toEqual([]);
  const started = events.filter((e) => e.timerStartedEventAttributes).length;
  const cancelled = events.filter((e) => e.timerCanceledEventAttributes).length;
  expect(started - cancelled).toBe(timers);
  await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, history);
}

async function now(): Promise<number> {
  return Number((await env.connection.testService!.getCurrentTime({})).time?.seconds) * 1000;
}

const answer = (referenceId: string) => ({ referenceId, recommendation: 'yes' as const });

test('a reference answering before any worker polls the continued run is not chased, and it replays', async () => {
  const taskQueue = `ref-${randomUUID()}`;
  const t = await now();
  const [fresh, chased] = [reference(t, false), reference(t, true)];
  const input = continued(t, [fresh, chased], false);
  const h = await env.client.workflow.start(mentorScreeningWorkflow, {
    taskQueue,
    workflowId: mentorScreeningWorkflowId(input.caseId),
    args: [input],
  });
  // Sent while no worker polls: the Update comes with the run's first activation.
  const accepted = h.startUpdate(referenceAnswerUpdate, {
    args: [answer(fresh.id)],
    waitForStage: WorkflowUpdateStage.ACCEPTED,
  });
  await new Promise((r) => setTimeout(r, 1_000));
  const worker = await uncachedWorker(taskQueue, { issueReferenceLink: async () => ({ sent: true }) });
  const running = worker.run();
  try {
    const update = await within(accepted, 30_000, 'the answer is accepted');
    expect(await within(update.result(), 30_000, 'the answer is answered')).toMatchObject({ status: 'answered' });
    // The screening target's timer only: the answered reference is not chased.
    await expectSound(h.workflowId, 1);
  } finally {
    worker.shutdown();
    await running;
  }
}, 120_000);

test('a reference answering on the uncached worker right after the run started is answered, and it replays', async () => {
  const taskQueue = `ref-${randomUUID()}`;
  const worker = await uncachedWorker(taskQueue, { issueReferenceLink: async () => ({ sent: true }) });
  const running = worker.run();
  try {
    // Every clock of the start already run out: its first workflow task issues nothing.
    const chased = reference(await now(), true);
    const input = continued(await now(), [chased], true);
    const h = await env.client.workflow.start(mentorScreeningWorkflow, {
      taskQueue,
      workflowId: mentorScreeningWorkflowId(input.caseId),
      args: [input],
    });
    await within(
      (async () => {
        while (!(await h.fetchHistory()).events?.some((e) => e.workflowTaskCompletedEventAttributes)) {
          await new Promise((r) => setTimeout(r, 100));
        }
      })(),
      30_000,
      'the run starts',
    );
    const ref = await within(h.executeUpdate(referenceAnswerUpdate, { args: [answer(chased.id)] }), 30_000, 'answered');
    expect(ref).toMatchObject({ status: 'answered' });
    await expectSound(h.workflowId, 0);
  } finally {
    worker.shutdown();
    await running;
  }
}, 120_000);
