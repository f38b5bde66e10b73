/**
 * An ECE mentor's certification carried over a continue-as-new, met at its run's start by the
 * committee's deciding vote or by a placement's reservation, on a worker that keeps no
 * workflow in its cache (every task replays the whole history, as after a restart). Sent
 * before the run's first poll, the Update comes with the run's first activation and
 * setHandler runs it at once: the vote starts the certification's life cycle, a reservation
 * its hold, before the start resumes both for a certified mentor. Each must then run once:
 * started twice, every renewal reminder (or hold's check) would come twice.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage, type WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { roleToken } from '../../../../platform/workflow/access';
import { completeTaskUpdate } from '../../../../platform/workflow/messages';
import type { TaskRecord } from '../../../../platform/workflow/records';
import { env, person, policy, uncachedWorker, within } from '../../../../test/workflows/harness';
import { eceCertificationWorkflow, eceCertificationWorkflowId } from '../../certification';
import { reservePlacementUpdate } from '../../messages';
import type { EceCertificationInput, EceCertificationState } from '../../types';

const coordinator = person('cc-early', ['college_coordinator'], { collegeId: 'c1' });
const member = person('member-3', ['selection_committee'], { collegeId: 'c1' });
const mentor = { id: 'mentor-early', name: 'Maya Mentor', email: 'maya@example.org' };
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Two approvals in and the third vote open, or a certified mentor holding no placement. */
function continued(now: number, certified: boolean): { input: EceCertificationInput; voteId: string } {
  const caseId = randomUUID();
  const vote = {
    id: randomUUID(),
    caseId,
    type: 'committee_vote',
    title: 'Committee vote 3',
    status: 'open',
    candidateRoles: ['selection_committee'],
    candidates: [roleToken('selection_committee', { collegeId: 'c1' })],
    escalatedTo: [] as string[],
    scope: { collegeId: 'c1' },
    createdAt: iso(now - DAY),
    dueAt: iso(now + 5 * DAY),
    remindAt: iso(now + 4 * DAY),
    reminded: false,
    escalated: false,
    outcomes: ['approve', 'decline'],
    ref: '3',
    excludedActors: ['member-1', 'member-2'],
  } as TaskRecord;
  const application = {
    collegeId: 'c1',
    person: mentor,
    role: 'mentor_teacher' as const,
    site: 'Sunrise',
    yearsExperience: 9,
    permitLevel: 'Master Teacher',
    evidence: 'QRIS tier 4',
  };
  const votes = ['member-1', 'member-2'].map((by) => ({ by, vote: 'approve' as const, at: iso(now - 2 * DAY) }));
  const state = {
    caseId,
    type: 'ece_certification',
    status: 'open',
    stage: certified ? 'certified' : 'committee_review',
    subject: 'Mentor teacher certification',
    viewers: ['role:college_coordinator', 'role:selection_committee'],
    ownerId: coordinator.id,
    version: 4,
    createdAt: iso(now - 10 * DAY),
    updatedAt: iso(now - DAY),
    recorded: true,
    tasks: certified ? {} : { [vote.id]: vote },
    ...application,
    votes: certified ? [...votes, { by: 'member-3', vote: 'approve', at: iso(now - DAY) }] : votes,
    ...(certified ? { certifiedAt: iso(now - DAY), periodStart: '2026-01-01', certifiedUntil: '2028-06-30' } : {}),
    development: [],
    remindersSent: 0,
    openPlacements: [],
  } as unknown as EceCertificationState;
  return { input: { caseId, ...application, policy, appliedBy: coordinator, state }, voteId: vote.id };
}

/** No failed workflow task, `timers` timers pending, and the history replays. */
async function expectSound(h: WorkflowHandle, timers: number): Promise<void> {
  const history = await h.fetchHistory();
  const events = history.events ?? [];
  const failed = events.filter((e) => e.workflowTaskFailedEventAttributes);
  expect(failed.map((e) => e.workflowTaskFailedEventAttributes?.failure?.message)).toEqual([]);
  const started = events.filter((e) => e.timerStartedEventAttributes).length;
  const cancelled = events.filter((e) => e.timerCanceledEventAttributes).length;
  expect(started - cancelled).toBe(timers);
  await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, history);
}

test.each([
  // The life cycle's first renewal reminder.
  ['the deciding vote', false, 1],
  // The life cycle's first renewal reminder and the new reservation's hold.
  ['a placement reservation', true, 2],
] as const)(
  '%s sent before any worker polls the continued run starts its work once, and replays',
  async (_label, certified, timers) => {
    const taskQueue = `ece-early-${randomUUID()}`;
    const now = Number((await env.connection.testService!.getCurrentTime({})).time?.seconds) * 1000;
    const { input, voteId } = continued(now, certified);
    const h = await env.client.workflow.start(eceCertificationWorkflow, {
      taskQueue,
      workflowId: eceCertificationWorkflowId(input.caseId),
      args: [input],
    });
    // Sent while no worker polls: the Update comes with the run's first activation.
    const accepted = certified
      ? h.startUpdate(reservePlacementUpdate, {
          args: [{ placementId: randomUUID(), kind: 'student' }],
          waitForStage: WorkflowUpdateStage.ACCEPTED,
        })
      : h.startUpdate(completeTaskUpdate, {
          args: [{ taskId: voteId, outcome: 'approve', actor: member }],
          waitForStage: WorkflowUpdateStage.ACCEPTED,
        });
    await new Promise((r) => setTimeout(r, 1_000));
    const worker = await uncachedWorker(taskQueue);
    const running = worker.run();
    try {
      const update = await within<{ result: () => Promise<unknown> }>(accepted, 30_000, 'the Update is accepted');
      await within(update.result(), 30_000, 'the Update is answered');
      await expectSound(h, timers);
    } finally {
      worker.shutdown();
      await running;
    }
  },
  120_000,
);
