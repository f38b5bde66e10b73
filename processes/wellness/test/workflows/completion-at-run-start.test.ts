/**
 * A wellness case continued as new, its caller assignment overdue (reminded and escalated,
 * so the run's first workflow task issues no command), completed on a worker that keeps no
 * workflow in its cache (every task replays the whole history, as after a restart). That
 * worker rebuilds the run and the completion in one activation: the Update runs inside
 * setHandler, before the rest of the start. The run's timers must not depend on it: a
 * replay delivers the Update one activation later, and it found the call's escalation timer
 * started once where the first execution had started it twice (once by the Update, once by
 * the start's resume of the timers): non-determinism, the case's workflow task failing for
 * ever and the coordinator's completion never answered. Found by the simulation (seed 200,
 * wellness, the worker without a cache). The same Update sent before any worker polls (it
 * then comes with the run's very first activation) is covered too.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { completeTaskUpdate, openTasksQuery } from '../../../../platform/workflow/messages';
import type { TaskRecord } from '../../../../platform/workflow/records';
import { env, person, policy, uncachedWorker, within } from '../../../../test/workflows/harness';
import type { WellnessInput, WellnessState } from '../../types';
import { wellnessCheckinWorkflow, wellnessWorkflowId } from '../../workflow';

const referrer = person('ref-early', ['social_worker'], { email: 'referrer@example.org' });
const coordinator = person('pc-early', ['partnership_coordinator'], { email: 'pc@example.org' });
const caller = { caseId: 'caller-case', userId: 'caller-early', name: 'C', email: 'c@example.org' };
const DAY = 86_400_000;

/** The carried state of a case waiting for its caller; the assignment task is overdue when `overdue`. */
function continued(caseId: string, now: number, overdue: boolean): WellnessInput {
  const iso = (ms: number) => new Date(ms).toISOString();
  const taskId = randomUUID();
  const youth = { name: 'Y', dateOfBirth: '2010-01-01', county: 'Sacramento', languages: ['English'] };
  const contact = { phone: '5550100', preferredTimes: 'evenings' };
  const due = overdue ? now - DAY : now + 2 * DAY;
  const state: WellnessState = {
    caseId,
    type: 'wellness_checkin',
    status: 'open',
    stage: 'awaiting_caller',
    subject: 'Wellness check-ins (Sacramento)',
    viewers: [`user:${referrer.id}`, 'role:partnership_coordinator', 'role:case_supervisor'],
    ownerId: referrer.id,
    version: 4,
    createdAt: iso(now - 4 * DAY),
    updatedAt: iso(now - DAY),
    recorded: true,
    tasks: {
      [taskId]: {
        id: taskId,
        caseId,
        type: 'assign_caller',
        title: 'Assign a caller to wellness check-ins',
        status: 'open',
        candidateRoles: ['partnership_coordinator'],
        candidates: ['role:partnership_coordinator'],
        escalatedTo: overdue ? ['role:partnership_coordinator'] : [],
        scope: {},
        createdAt: iso(now - 4 * DAY),
        dueAt: iso(due),
        remindAt: iso(due - DAY),
        reminded: overdue,
        escalated: overdue,
        escalateTo: 'partnership_coordinator',
        outcomes: ['assigned'],
      },
    },
    youth,
    source: 'foster_care',
    contact,
    guardianConsent: { how: 'signed form' },
    referrer: { id: referrer.id, name: 'R', email: 'referrer@example.org' },
    plannedCalls: 3,
    calls: [],
    extended: false,
  };
  return {
    caseId,
    policy,
    referredBy: referrer,
    source: 'foster_care',
    guardianConsent: { how: 'signed form' },
    youth,
    contact,
    referrer: state.referrer,
    state,
  };
}

const assign = (taskId: string) => ({
  taskId,
  outcome: 'assigned',
  data: { callerCaseId: caller.caseId },
  actor: coordinator,
  context: { caller: { ...caller, languages: ['English'], stage: 'approved' } },
});

/** The run's history: no failed workflow task, one call task with one escalation timer, and it replays. */
async function expectSound(workflowId: string): Promise<void> {
  const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const failed = events.filter((e) => e.workflowTaskFailedEventAttributes);
  expect(failed.map((e) => e.workflowTaskFailedEventAttributes?.failure?.message)).toEqual([]);
  // The call's escalation, started once (the first execution had started it a second time).
  const started = events.filter((e) => e.timerStartedEventAttributes);
  const cancelled = events.filter((e) => e.timerCanceledEventAttributes);
  expect(started.length - cancelled.length).toBe(1);
  await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, history);
}

test('an overdue assignment completed on the uncached worker after the run started opens one call, and replays', async () => {
  const taskQueue = `early-${randomUUID()}`;
  const worker = await uncachedWorker(taskQueue);
  const running = worker.run();
  try {
    const caseId = randomUUID();
    const now = Number((await env.connection.testService!.getCurrentTime({})).time?.seconds) * 1000;
    const h = await env.client.workflow.start(wellnessCheckinWorkflow, {
      taskQueue,
      workflowId: wellnessWorkflowId(caseId),
      args: [continued(caseId, now, true)],
    });
    // The run's first workflow task done (it issued nothing: the assignment is overdue).
    const [task] = await within(h.query(openTasksQuery), 30_000, 'the run starts');
    const done = await within(
      h.executeUpdate(completeTaskUpdate, { args: [assign(task.id)] }),
      30_000,
      'the completion is answered',
    );
    expect(done.task.status).toBe('completed');
    const open: TaskRecord[] = await h.query(openTasksQuery);
    expect(open.map((t) => t.type)).toEqual(['wellness_call']);
    await expectSound(h.workflowId);
  } finally {
    worker.shutdown();
    await running;
  }
}, 120_000);

test.each([
  ['overdue', true],
  ['with its timers running', false],
])(
  'an assignment (%s) completed before any worker polls the continued run opens one call, and replays',
  async (_label, overdue) => {
    const taskQueue = `early-${randomUUID()}`;
    const caseId = randomUUID();
    const now = Number((await env.connection.testService!.getCurrentTime({})).time?.seconds) * 1000;
    const input = continued(caseId, now, overdue);
    const h = await env.client.workflow.start(wellnessCheckinWorkflow, {
      taskQueue,
      workflowId: wellnessWorkflowId(caseId),
      args: [input],
    });
    // Sent while no worker polls: the Update comes with the run's first activation.
    const taskId = Object.keys(input.state!.tasks)[0];
    const accepted = h.startUpdate(completeTaskUpdate, {
      args: [assign(taskId)],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    await new Promise((r) => setTimeout(r, 1_000));
    const worker = await uncachedWorker(taskQueue);
    const running = worker.run();
    try {
      const update = await within(accepted, 30_000, 'the completion is accepted');
      await within(update.result(), 30_000, 'the completion is answered');
      expect((await h.query(openTasksQuery)).map((t) => t.type)).toEqual(['wellness_call']);
      await expectSound(h.workflowId);
    } finally {
      worker.shutdown();
      await running;
    }
  },
  120_000,
);
