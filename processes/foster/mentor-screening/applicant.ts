/**
 * What comes into a screening from outside its tasks, as Updates: a reference's answer
 * through their one-time link (it ends the phone follow-up), training hours logged by the
 * case worker, and the application's withdrawal. Each validator refuses before anything
 * changes.
 */
import { patched, setHandler } from '@temporalio/workflow';
import { referenceAnsweredProjection } from '../projection';
import { mergeChanges, refuse } from '../../../platform/workflow/case-runtime';
import { checkInput, refuseWith } from '../../../platform/workflow/refusals';
import { SYSTEM, type TaskRecord } from '../../../platform/workflow/records';
import { assignedCaseWorkerOrSupervisor } from '../rules';
import { referenceAnswerInput, trainingInput, withdrawInput } from '../inputs';
import { logTrainingUpdate, referenceAnswerUpdate, withdrawApplicationUpdate } from '../messages';
import { decisionIfReady, FINAL, markAnswered, type Screening } from './screening-case';

/** Registers the screening's Updates, in this order: a reference's answer, training, a withdrawal. */
export function registerApplicantUpdates(sc: Screening): void {
  const { state, trainingHours, rt } = sc;

  setHandler(
    referenceAnswerUpdate,
    async ({ referenceId, recommendation, comments }) => {
      const ref = state.references.find((r) => r.id === referenceId)!;
      markAnswered(sc, ref, recommendation, comments, 'link');
      // An answer through the link ends the phone follow-up, if one was opened.
      const followUp = patched('followup-ends-on-answer')
        ? mergeChanges(
            ...rt
              .openTasks((t) => t.type === 'reference_followup' && t.ref === ref.id)
              .map((t) => rt.closeTask(t, 'cancelled', SYSTEM, 'the reference answered through the link')),
          )
        : {};
      await rt.commit({
        ...mergeChanges(
          {
            events: [
              rt.event({ id: `reference:${ref.id}`, name: 'reference' }, 'reference_answered', {
                referenceId,
                recommendation,
              }),
            ],
          },
          followUp,
          decisionIfReady(sc),
        ),
        projections: [referenceAnsweredProjection({ caseId: state.caseId, referenceId })],
      });
      return ref;
    },
    {
      validator: ({ referenceId, ...answer }) => {
        const ref = state.references.find((r) => r.id === referenceId);
        if (!ref || ref.status === 'answered' || FINAL.includes(state.stage))
          refuse('reference_link_used', 'This link was already used or is no longer valid');
        checkInput(referenceAnswerInput, answer, 'The answer is not valid');
      },
    },
  );

  setHandler(
    logTrainingUpdate,
    async ({ date, hours, module, actor }) => {
      state.training.push({ date, hours, module });
      await rt.commit(
        mergeChanges(
          { events: [rt.event(actor, 'training_logged', { date, hours, module, total: trainingHours() })] },
          decisionIfReady(sc),
        ),
      );
      return { trainingHours: trainingHours() };
    },
    {
      validator: ({ actor, ...training }) => {
        refuseWith(assignedCaseWorkerOrSupervisor({ roles: [], ...actor }, state.caseWorkerId));
        checkInput(trainingInput, training, 'The training entry is not valid');
        if (FINAL.includes(state.stage)) refuse('case_closed', `The screening is ${state.stage}`);
      },
    },
  );

  setHandler(
    withdrawApplicationUpdate,
    async ({ reason, actor }) => {
      rt.setStage('withdrawn', 'closed');
      const closed = mergeChanges(
        ...rt.openTasks().map((t: TaskRecord) => rt.closeTask(t, 'cancelled', actor, 'application withdrawn')),
      );
      await rt.commit(mergeChanges(closed, { events: [rt.event(actor, 'application_withdrawn', { reason })] }));
      return { stage: state.stage };
    },
    {
      validator: ({ actor, reason }) => {
        refuseWith(assignedCaseWorkerOrSupervisor({ roles: [], ...actor }, state.caseWorkerId));
        checkInput(withdrawInput, { reason }, 'The withdrawal is not valid');
        if (FINAL.includes(state.stage) && !(state.stage === 'approved' && !state.activeMatchId))
          refuse('case_closed', `The screening is ${state.stage}`);
        if (state.activeMatchId) refuse('in_active_match', 'Close the active match first');
      },
    },
  );
}
