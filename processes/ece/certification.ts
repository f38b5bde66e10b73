/**
 * Early-childhood mentor certification (`ece-certification-<caseId>`, docs/processes/early-childhood.md). A
 * college coordinator applies for a teacher or director; the college's selection committee
 * votes, each member once (a vote task that excludes those who voted), and the decision is
 * taken once at least 3 have voted and one side has the majority (a tie waits). Certified
 * for 2 years; reminders 60 and 30 days before it lapses; at its end 12 hours of logged
 * professional development in the period renew it, otherwise it lapses: no new
 * placements, and the coordinator is told of any still open. The case stays open as the
 * mentor's record while certified (it holds the placements, at most 2 at once).
 *
 * This file is the certification's main line and its table of task handlers; the parts it
 * wires are in certification/: certification-case.ts (state and runtime), votes.ts (the
 * committee's vote), lifecycle.ts (development hours, renewal, lapse) and reservations.ts
 * (the placements the mentor holds).
 */
import { continueAsNew, patched } from '@temporalio/workflow';
import { mergeChanges, taskHandlersByType } from '../../platform/workflow/case-runtime';
import type { EceCertificationInput } from './types';
import { openCertification, type EceCertification } from './certification/certification-case';
import { closeWhenFree, lifecycle, registerDevelopmentLog } from './certification/lifecycle';
import { registerPlacementMessages, releaseIfNeverStarted } from './certification/reservations';
import { committeeVote } from './certification/votes';

export { MENTOR_FOR } from './certification/certification-case';
export const eceCertificationWorkflowId = (caseId: string): string => `ece-certification-${caseId}`;

export async function eceCertificationWorkflow(
  input: EceCertificationInput,
): Promise<{ caseId: string; stage: string }> {
  const ece = openCertification(input);
  const { state, rt, voteTask } = ece;
  registerTaskTable(ece);
  registerDevelopmentLog(ece);
  registerPlacementMessages(ece);

  if (!state.recorded) {
    await rt.commit(mergeChanges({ events: [rt.event(input.appliedBy, 'applied', { role: state.role })] }, voteTask()));
    state.recorded = true;
  } else {
    rt.resumeTaskTimers();
    if (state.stage === 'certified') void lifecycle(ece);
    if (state.stage === 'lapsed') void closeWhenFree(ece);
    // Reservations carried over a continue-as-new are watched again until their placement starts.
    if (patched('placement-reservations-watched-after-continue')) {
      for (const p of state.openPlacements) if (!p.started) void releaseIfNeverStarted(ece, p.placementId);
    }
  }
  await rt.runUntilClosed((s) => continueAsNew<typeof eceCertificationWorkflow>({ ...input, state: s }));
  return { caseId: state.caseId, stage: state.stage };
}

/**
 * The certification's tasks, one named handler per task type (certification/votes.ts); a
 * task of any other type is refused. The entry hands back its handler's own promise, adding
 * no step: the commands come when they did when one function completed every task.
 */
function registerTaskTable(ece: EceCertification): void {
  ece.rt.registerTaskHandlers(
    taskHandlersByType<'committee_vote'>({
      committee_vote: (task, done) => committeeVote(ece, task, done),
    }),
  );
}
