/**
 * An ECE placement carried over a continue-as-new whose mentor accepts or declines it as its
 * run starts, on a worker that keeps no workflow in its cache (every task replays the whole
 * history, as after a restart). Sent before the run's first poll, the Update comes with the
 * run's first activation and setHandler runs it at once, before the start resumes the wait
 * for the term's end. Only the start waits for it, reading the stage the answer left, and the
 * replay hands the answer over in the same place: the run goes on (these tests pass without
 * any change to the placement).
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { userToken } from '../../../../platform/workflow/access';
import { completeTaskUpdate } from '../../../../platform/workflow/messages';
import type { TaskRecord } from '../../../../platform/workflow/records';
import { env, person, policy, within } from '../../../../test/workflows/harness';
import { ecePlacementWorkflow, ecePlacementWorkflowId } from '../../placement';
import type { EcePlacementInput, EcePlacementState } from '../../types';

const coordinator = person('cc-place', ['college_coordinator'], { collegeId: 'c1' });
const mentor = { id: 'mentor-place', name: 'Maya', email: 'maya@example.org', role: 'mentor_teacher' as const };
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

function continued(now: number): { input: EcePlacementInput; taskId: string } {
  const caseId = randomUUID();
  const accept = {
    id: randomUUID(),
    caseId,
    type: 'accept_placement',
    title: 'Accept placement',
    status: 'open',
    candidateRoles: ['ece_mentor'],
    candidates: [userToken(mentor.id)],
    escalatedTo: [] as string[],
    scope: { collegeId: 'c1' },
    createdAt: iso(now - DAY),
    dueAt: iso(now + 3 * DAY),
    remindAt: iso(now + 2 * DAY),
    reminded: false,
    escalated: false,
    outcomes: ['accept', 'decline'],
  } as TaskRecord;
  const terms = {
    collegeId: 'c1',
    mentorCaseId: 'mentor-case',
    mentorWorkflowId: 'ece-certification-mentor-case',
    mentor,
    mentee: { id: 'student-place', name: 'Sam', email: 'sam@example.org', kind: 'student' as const },
    term: { start: new Date(now - 5 * DAY).toISOString().slice(0, 10), end: '2031-06-30' },
  };
  const state = {
    caseId,
    type: 'ece_placement',
    status: 'open',
    stage: 'awaiting_acceptance',
    subject: 'Placement',
    viewers: [userToken(mentor.id), 'role:college_coordinator'],
    ownerId: coordinator.id,
    version: 2,
    createdAt: iso(now - 2 * DAY),
    updatedAt: iso(now - DAY),
    recorded: true,
    tasks: { [accept.id]: accept },
    ...terms,
    hours: [],
    evaluations: {},
  } as unknown as EcePlacementState;
  return { input: { caseId, ...terms, policy, placedBy: coordinator, state }, taskId: accept.id };
}

test.each([
  // The wait for the term's end.
  ['accepted', 'accept', 1, 'RUNNING'],
  ['declined', 'decline', 0, 'COMPLETED'],
] as const)(
  'a placement %s before any worker polls the continued run goes on, and replays',
  async (_label, outcome, timers, status) => {
    const taskQueue = `place-early-${randomUUID()}`;
    const now = Number((await env.connection.testService!.getCurrentTime({})).time?.seconds) * 1000;
    const { input, taskId } = continued(now);
    const h = await env.client.workflow.start(ecePlacementWorkflow, {
      taskQueue,
      workflowId: ecePlacementWorkflowId(input.caseId),
      args: [input],
    });
    // Sent while no worker polls: the Update comes with the run's first activation.
    const accepted = h.startUpdate(completeTaskUpdate, {
      args: [{ taskId, outcome, comment: 'not this term', actor: person(mentor.id, ['ece_mentor']) }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    await new Promise((r) => setTimeout(r, 1_000));
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
      maxCachedWorkflows: 0,
      activities: {
        recordTransition: async () => ({ emailsSent: 0 }),
        recordIncident: async () => undefined,
        caseRecorded: async () => ({ recorded: true }),
        deliverEmails: async () => ({ sent: 0 }),
      },
    });
    const running = worker.run();
    try {
      const update = await within(accepted, 30_000, 'the answer is accepted');
      await within(update.result(), 30_000, 'the answer is answered');
      if (status === 'COMPLETED') await within(h.result(), 30_000, 'the placement ends');
      expect((await h.describe()).status.name).toBe(status);
      const history = await h.fetchHistory();
      const events = history.events ?? [];
      const failed = events.filter((e) => e.workflowTaskFailedEventAttributes);
      expect(failed.map((e) => e.workflowTaskFailedEventAttributes?.failure?.message)).toEqual([]);
      const started = events.filter((e) => e.timerStartedEventAttributes).length;
      const cancelled = events.filter((e) => e.timerCanceledEventAttributes).length;
      expect(started - cancelled).toBe(timers);
      await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, history);
    } finally {
      worker.shutdown();
      await running;
    }
  },
  120_000,
);
