/**
 * One certification cycle of a program (workflow ID `certification-<programId>-<n>`):
 * application review -> Affiliate, or for Partner: Associate Partner with a 4-month clock
 * -> self-assessment -> reviewer's assessment review -> Partner, or a work plan whose
 * items the reviewer verifies -> Partner. Not Partner by the deadline: back to Affiliate.
 * A renewal (the program is Partner already) keeps the old certificate until it expires.
 * The certificate's own life (renewal reminders, expiry) is kept by the program's workflow.
 *
 * This file is the cycle's main line and its table of task handlers; the parts it wires:
 * cycle.ts (state and runtime), reviews.ts (the reviewers' tasks), program-staff.ts (the
 * program's Updates), partner-window.ts (the 4-month window) and program-level.ts (the level
 * signalled to the program's workflow).
 */
import { continueAsNew } from '@temporalio/workflow';
import { mergeChanges, taskHandlersByType } from '../../platform/workflow/case-runtime';
import { openCycle, type Cycle } from './cycle';
import { runPartnerWindow } from './partner-window';
import { registerProgramStaffUpdates } from './program-staff';
import { checkReview, reviewApplication, reviewAssessment, verifyWorkPlanItem } from './reviews';
import { IN_PROGRESS_STAGES, type CertificationInput, type CertificationResult } from './types';

/** The n-th certification cycle of a program: two applications racing for the same n get one case. */
export const certificationWorkflowId = (programId: string, n: number): string => `certification-${programId}-${n}`;

export async function certificationWorkflow(input: CertificationInput): Promise<CertificationResult> {
  const cycle = openCycle(input);
  const { state, program, rt } = cycle;
  registerReviewerTasks(cycle);
  registerProgramStaffUpdates(cycle);

  if (!state.recorded) {
    const review = cycle.reviewerTask(
      'application_review',
      `Review the ${state.levelSought} application of ${program.name}`,
      ['approve', 'deny'],
    );
    await rt.commit(
      mergeChanges(
        { events: [rt.event(input.appliedBy, 'applied', { levelSought: state.levelSought, renewal: state.renewal })] },
        review,
      ),
    );
    state.recorded = true;
  } else {
    rt.resumeTaskTimers();
    if (state.deadline && IN_PROGRESS_STAGES.includes(state.stage)) void runPartnerWindow(cycle);
  }

  await rt.runUntilClosed((s) => continueAsNew<typeof certificationWorkflow>({ ...input, state: s }));
  return {
    caseId: state.caseId,
    stage: state.stage,
    ...(state.certifiedUntil ? { certifiedUntil: state.certifiedUntil } : {}),
  };
}

/**
 * The reviewers' tasks, one named handler per task type (reviews.ts). Each entry hands back
 * its handler's own promise, adding no step: the commands come when they always did.
 */
function registerReviewerTasks(cycle: Cycle): void {
  cycle.rt.registerTaskHandlers(
    taskHandlersByType<'application_review' | 'assessment_review' | 'work_plan_verification'>({
      application_review: (task, done) => reviewApplication(cycle, task, done),
      assessment_review: (task, done) => reviewAssessment(cycle, task, done),
      work_plan_verification: (task, done) => verifyWorkPlanItem(cycle, task, done),
    }),
    checkReview,
  );
}
