/**
 * Mentor screening (`mentor-screening-<caseId>`): application with references, then in
 * parallel the four background checks, reference answers through one-time links, an
 * interview and pre-match training; only then the case supervisor's screening decision.
 * An approved mentor's case stays open as their record in the mentor pool. A wellness
 * caller's screening (caller-screening.ts) runs this workflow on its shorter track.
 *
 * This file is the screening's main line and its table of task handlers; the parts it wires
 * are in mentor-screening/: screening-case.ts (state, runtime, progress to the decision),
 * tasks.ts (the tasks' handlers), applicant.ts (references' answers, training, withdrawal)
 * and timers.ts (references chased, the screening target).
 */
import { continueAsNew } from '@temporalio/workflow';
import { issueReferenceLink } from './activity-calls';
import { addDuration } from '../../platform/workflow/calendar';
import { mergeChanges, taskHandlersByType } from '../../platform/workflow/case-runtime';
import { registerAvailability } from './availability';
import type { FosterResult, MentorScreeningInput } from './types';
import { registerApplicantUpdates } from './mentor-screening/applicant';
import { checksOf, openScreening, type Screening } from './mentor-screening/screening-case';
import {
  backgroundCheck,
  checkCompletion,
  interview,
  referenceFollowup,
  screeningDecision,
} from './mentor-screening/tasks';
import { chaseReference, watchScreeningTarget } from './mentor-screening/timers';

export { mentorScreeningWorkflowId } from './ids';

export async function mentorScreeningWorkflow(input: MentorScreeningInput): Promise<FosterResult> {
  const sc = openScreening(input);
  const { state, policy, caller, rules, callerLink, rt, caseWorkerTask } = sc;
  registerTaskTable(sc);
  registerApplicantUpdates(sc);
  if (!caller)
    registerAvailability(
      rt,
      () => (state.stage === 'approved' ? undefined : `The mentor's screening is ${state.stage}`),
      'mentor_not_available',
    );

  if (!state.recorded) {
    state.screeningDueAt = new Date(addDuration(Date.now(), rules.screeningTarget, rt.calendar)).toISOString();
    const tasks = mergeChanges(
      ...checksOf(state).map((c) =>
        caseWorkerTask('background_check', `Background check: ${c.title}`, ['clear', 'flagged'], c.name),
      ),
      // Callers have no interview on their shorter track.
      caller ? {} : caseWorkerTask('interview', 'In-person interview with the mentor applicant', ['pass', 'fail']),
    );
    await rt.commit(
      mergeChanges({ events: [rt.event(input.appliedBy, 'applied', { references: state.references.length })] }, tasks),
    );
    state.recorded = true;
    for (const ref of state.references) {
      await issueReferenceLink({
        caseId: state.caseId,
        referenceId: ref.id,
        referenceName: ref.name,
        email: ref.email,
        applicantName: state.applicant.name,
        kind: 'request',
        validFor: rules.referenceLinkValidity,
        publicBaseUrl: policy.publicBaseUrl,
        ...callerLink,
        // The reference reads the applicant's language.
        ...(state.applicant.language ? { language: state.applicant.language } : {}),
      });
    }
  } else {
    rt.resumeTaskTimers();
  }
  for (const ref of state.references) if (ref.status !== 'answered') void chaseReference(sc, ref);
  void watchScreeningTarget(sc);

  // An approved mentor's record lives on (pool, matches) until withdrawn.
  await rt.runUntilClosed((s) => continueAsNew<typeof mentorScreeningWorkflow>({ ...input, state: s }));
  return { caseId: state.caseId, stage: state.stage };
}

/**
 * The screening's tasks, one named handler per task type (mentor-screening/tasks.ts). Each
 * entry hands back its handler's own promise, adding no step: the commands come when they
 * always did.
 */
function registerTaskTable(sc: Screening): void {
  sc.rt.registerTaskHandlers(
    taskHandlersByType<'background_check' | 'interview' | 'reference_followup' | 'screening_decision'>({
      background_check: (task, done) => backgroundCheck(sc, task, done),
      interview: (task, done) => interview(sc, task, done),
      reference_followup: (task, done) => referenceFollowup(sc, task, done),
      screening_decision: (task, done) => screeningDecision(sc, task, done),
    }),
    (task, done) => checkCompletion(sc, task, done),
  );
}
