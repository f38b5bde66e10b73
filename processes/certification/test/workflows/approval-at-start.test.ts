/**
 * A Partner application carried over a continue-as-new and approved as its run starts, on a
 * worker that keeps no workflow in its cache (every task replays the whole history, as after
 * a restart). The approval can come with the run's first activation (sent before the run's
 * first poll) and setHandler runs it at once: it sets the 4-month deadline and starts the
 * partner window, before the start resumes the window of a cycle in progress. The window must
 * run once: started twice, each reminder and the return to Affiliate would come twice.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { roleToken } from '../../../../platform/workflow/access';
import { completeTaskUpdate } from '../../../../platform/workflow/messages';
import type { TaskRecord } from '../../../../platform/workflow/records';
import { env, person, policy, uncachedWorker, within } from '../../../../test/workflows/harness';
import type { CertificationInput, CertificationState } from '../../types';
import { certificationWorkflow } from '../../workflow';

const applicant = person('staff-early', ['program_staff']);
const reviewer = person('qr-early', ['quality_reviewer']);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

function continued(now: number, overdue: boolean): { input: CertificationInput; taskId: string } {
  const caseId = randomUUID();
  const program = {
    id: `prog-${caseId}`,
    name: 'Program',
    contactEmail: 'p@example.org',
    levelAtApplication: 'affiliate',
  };
  const due = overdue ? now - DAY : now + 3 * DAY;
  const review = {
    id: randomUUID(),
    caseId,
    type: 'application_review',
    title: 'Review the partner application',
    status: 'open',
    candidateRoles: ['quality_reviewer'],
    candidates: [roleToken('quality_reviewer')],
    escalatedTo: overdue ? ['role:review_lead'] : [],
    scope: { programId: program.id },
    createdAt: iso(now - 10 * DAY),
    dueAt: iso(due),
    remindAt: iso(due - DAY),
    reminded: overdue,
    escalated: overdue,
    outcomes: ['approve', 'deny'],
  } as TaskRecord;
  const state = {
    caseId,
    type: 'certification',
    status: 'open',
    stage: 'application_review',
    subject: 'Partner certification: Program',
    viewers: [roleToken('program_staff', { programId: program.id }), roleToken('quality_reviewer')],
    ownerId: applicant.id,
    version: 2,
    createdAt: iso(now - 10 * DAY),
    updatedAt: iso(now - DAY),
    recorded: true,
    tasks: { [review.id]: review },
    program,
    levelSought: 'partner',
    renewal: false,
    selfAssessment: { answers: [] },
    workPlan: [],
    windowRemindersSent: 0,
  } as unknown as CertificationState;
  return {
    input: { caseId, program, levelSought: 'partner', policy, appliedBy: applicant, state } as CertificationInput,
    taskId: review.id,
  };
}

test.each([
  ['overdue', true],
  ['with its timers running', false],
])(
  'an application review (%s) approved before any worker polls the continued run opens one window, and replays',
  async (_label, overdue) => {
    const taskQueue = `cert-${randomUUID()}`;
    const now = Number((await env.connection.testService!.getCurrentTime({})).time?.seconds) * 1000;
    const { input, taskId } = continued(now, overdue);
    const h = await env.client.workflow.start(certificationWorkflow, {
      taskQueue,
      workflowId: `certification-${input.caseId}`,
      args: [input],
    });
    // Sent while no worker polls: the Update comes with the run's first activation.
    const accepted = h.startUpdate(completeTaskUpdate, {
      args: [{ taskId, outcome: 'approve', actor: reviewer }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    await new Promise((r) => setTimeout(r, 1_000));
    const worker = await uncachedWorker(taskQueue);
    const running = worker.run();
    try {
      const update = await within(accepted, 30_000, 'the approval is accepted');
      const done = await within(update.result(), 30_000, 'the approval is answered');
      expect(done.task.status).toBe('completed');
      const history = await h.fetchHistory();
      const events = history.events ?? [];
      const failed = events.filter((e) => e.workflowTaskFailedEventAttributes);
      expect(failed.map((e) => e.workflowTaskFailedEventAttributes?.failure?.message)).toEqual([]);
      // The window's first reminder, waited for once.
      const started = events.filter((e) => e.timerStartedEventAttributes).length;
      const cancelled = events.filter((e) => e.timerCanceledEventAttributes).length;
      expect(started - cancelled).toBe(1);
      await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, history);
    } finally {
      worker.shutdown();
      await running;
    }
  },
  120_000,
);
