/**
 * What the program's own staff do in a certification cycle, as Updates: save answers to the
 * self-assessment, submit it (a reviewer's task opens), and complete a work-plan item with its
 * evidence (a verification task opens, for anyone but the plan's author). Each validator
 * refuses before anything changes.
 */
import { setHandler } from '@temporalio/workflow';
import { mergeChanges, refuse } from '../../platform/workflow/case-runtime';
import type { ActingUser } from '../../platform/workflow/records';
import { checkInput, refuseWith } from '../../platform/workflow/refusals';
import { programStaff } from '../programs/staff';
import { REVIEWERS, type Cycle } from './cycle';
import { answerInput, evidenceInput } from './inputs';
import { completeWorkPlanItemUpdate, saveAssessmentUpdate, submitAssessmentUpdate } from './messages';
import type { SaveAssessmentInput } from './types';

/** The self-assessment and the work plan are the program's own staff's to fill in. */
const staffOfProgram = (actor: ActingUser, programId: string) =>
  refuseWith(programStaff({ ...actor, roles: actor.roles ?? [] }, programId));

/** Registers the program staff's Updates, in this order: save, submit, complete an item. */
export function registerProgramStaffUpdates(cycle: Cycle): void {
  const { state, program, rt, reviewerTask } = cycle;
  // The questions of the bank the case started with: the validators check against them alone.
  const questions = cycle.bank.questions;

  setHandler(
    saveAssessmentUpdate,
    async ({ answers, actor }) => {
      const byId = new Map(state.selfAssessment.answers.map((a) => [a.questionId, a]));
      for (const a of answers) byId.set(a.questionId, a);
      state.selfAssessment.answers = questions
        .map((q) => byId.get(q.id))
        .filter((a): a is NonNullable<typeof a> => !!a);
      await rt.commit({
        events: [
          rt.event(actor, 'self_assessment_saved', {
            answered: state.selfAssessment.answers.length,
            of: questions.length,
          }),
        ],
      });
      return { answers: state.selfAssessment.answers, questions: questions.length };
    },
    {
      validator: ({ answers, actor }: SaveAssessmentInput) => {
        staffOfProgram(actor, program.id);
        checkInput(answerInput.array().max(questions.length * 2), answers, 'The answers are not valid', 'body.answers');
        if (state.stage !== 'self_assessment')
          refuse('assessment_closed', `The self-assessment is not open (stage ${state.stage})`);
        const ids = new Set(questions.map((q) => q.id));
        const unknown = answers.filter((a) => !ids.has(a.questionId)).map((a) => a.questionId);
        if (unknown.length) refuse('unknown_question', `No such questions: ${unknown.join(', ')}`);
      },
    },
  );

  setHandler(
    submitAssessmentUpdate,
    async ({ actor }) => {
      const submittedAt = rt.nowIso();
      state.selfAssessment.submittedAt = submittedAt;
      rt.setStage('review');
      const review = reviewerTask('assessment_review', `Review the self-assessment of ${program.name}`, [
        'partner',
        'work_plan',
      ]);
      await rt.commit(mergeChanges({ events: [rt.event(actor, 'self_assessment_submitted', {})] }, review));
      return { submittedAt };
    },
    {
      validator: ({ actor }) => {
        staffOfProgram(actor, program.id);
        if (state.stage !== 'self_assessment')
          refuse('assessment_closed', `The self-assessment is not open (stage ${state.stage})`);
        const answered = new Set(state.selfAssessment.answers.map((a) => a.questionId));
        const missing = questions.filter((q) => !answered.has(q.id)).map((q) => q.id);
        if (missing.length) refuse('assessment_incomplete', `Unanswered questions: ${missing.join(', ')}`);
      },
    },
  );

  setHandler(
    completeWorkPlanItemUpdate,
    async ({ itemId, evidence, actor }) => {
      const item = state.workPlan.find((i) => i.id === itemId)!;
      item.status = 'submitted';
      item.evidence = evidence;
      delete item.reason;
      const verify = rt.openTask({
        type: 'work_plan_verification',
        title: `Verify work-plan item of ${program.name}: ${item.description}`,
        candidateRoles: REVIEWERS,
        scope: { programId: program.id },
        outcomes: ['verified', 'rejected'],
        ref: item.id,
        // Whoever wrote the plan does not verify it.
        excludedActors: state.workPlanSetBy ? [state.workPlanSetBy] : [],
      });
      await rt.commit(mergeChanges({ events: [rt.event(actor, 'work_plan_item_completed', { itemId })] }, verify));
      return item;
    },
    {
      validator: ({ itemId, evidence, actor }) => {
        staffOfProgram(actor, program.id);
        checkInput(evidenceInput, { evidence }, 'The evidence is not valid');
        if (state.stage !== 'work_plan')
          refuse('work_plan_closed', `There is no open work plan (stage ${state.stage})`);
        const item = state.workPlan.find((i) => i.id === itemId);
        if (!item) refuse('work_plan_item_not_found', 'No such work-plan item');
        if (item.status !== 'open' && item.status !== 'rejected')
          refuse('work_plan_item_not_open', `The item is ${item.status}`);
      },
    },
  );
}
