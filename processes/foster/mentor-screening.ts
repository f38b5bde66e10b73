/**
 * Mentor screening (`mentor-screening-<caseId>`): application with references, then in
 * parallel the four background checks, reference answers through one-time links, an
 * interview and pre-match training; only then the case supervisor's screening decision.
 * An approved mentor's case stays open as their record in the mentor pool. A wellness
 * caller's screening (caller-screening.ts) runs this workflow on its shorter track.
 */
import { fosterEmail } from './email-messages';
import { referenceAnsweredProjection } from './projection';
import { continueAsNew, patched, setHandler, uuid4 } from '@temporalio/workflow';
import { issueReferenceLink } from '../../platform/workflow/activities';
import { roleMailbox, roleToken, userToken } from '../../platform/workflow/access';
import { addDuration } from '../../platform/workflow/calendar';
import {
  CaseRuntime,
  taskHandlersByType,
  newCase,
  mergeChanges,
  refuse,
  type Change,
} from '../../platform/workflow/case-runtime';
import { checkInput, refuseWith } from '../../platform/workflow/refusals';
import { SYSTEM, type TaskRecord } from '../../platform/workflow/records';
import { fosterAssignable, assignedCaseWorkerOrSupervisor } from '../../platform/workflow/who-may-act';
import { registerAvailability } from './availability';
import { callerScreeningWorkflowId } from './ids';
import { referenceAnswerInput, trainingInput, withdrawInput } from './inputs';
import { logTrainingUpdate, referenceAnswerUpdate, withdrawApplicationUpdate } from './messages';
import {
  CALLER_CHECKS,
  CHECKS,
  type FosterResult,
  type MentorScreeningInput,
  type MentorScreeningState,
  type Reference,
} from './types';

const FINAL = ['approved', 'declined', 'withdrawn'];

export { mentorScreeningWorkflowId } from './ids';

const checksOf = (input: Pick<MentorScreeningInput, 'track'>) => (input.track === 'caller' ? CALLER_CHECKS : CHECKS);

function initialState(input: MentorScreeningInput): MentorScreeningState {
  const now = Date.now();
  const iso = new Date(now).toISOString();
  const caller = input.track === 'caller';
  return {
    ...newCase({
      caseId: input.caseId,
      type: caller ? 'caller_screening' : 'mentor_screening',
      stage: 'screening',
      subject: `${caller ? 'Caller' : 'Mentor'} screening: ${input.applicant.name}`,
      // Case workers see the mentor pool to propose matches; supervisors decide; the
      // partnership's coordinators see the callers they assign.
      viewers: [
        userToken(input.caseWorkerId),
        roleToken('case_worker'),
        roleToken('case_supervisor'),
        ...(caller ? [roleToken('partnership_coordinator')] : []),
      ],
      ownerId: input.caseWorkerId,
      // The applicant has no account: a staff member with the applicant's e-mail is the applicant.
      parties: { ids: [], emails: [input.applicant.email] },
    }),
    applicant: input.applicant,
    caseWorkerId: input.caseWorkerId,
    references: input.references.map((r) => ({
      ...r,
      id: uuid4(),
      status: 'awaiting',
      requestedAt: iso,
      reminded: false,
      followUpOpened: false,
    })),
    checks: checksOf(input).map((c) => ({ name: c.name, status: 'pending' })),
    interview: { status: caller ? 'not_required' : 'pending' },
    ...(caller ? { track: 'caller' as const } : {}),
    training: [],
    screeningDueAt: '',
    screeningOverdue: false,
    pastMatchIds: [],
  };
}

export async function mentorScreeningWorkflow(input: MentorScreeningInput): Promise<FosterResult> {
  const policy = input.policy;
  const state = input.state ?? initialState(input);
  const caller = state.track === 'caller';
  // A caller's shorter track asks for fewer references and training hours.
  const rules = caller
    ? {
        ...policy.foster,
        minimumReferences: policy.wellness.callerMinimumReferences,
        minimumTrainingHours: policy.wellness.callerTrainingHours,
      }
    : policy.foster;
  const who = caller ? 'caller' : 'mentor';
  // A caller's reference link answers this workflow, and its e-mail says what the applicant applied for.
  const callerLink = caller ? { workflowId: callerScreeningWorkflowId(state.caseId), role: 'caller' as const } : {};
  const trainingHours = () => state.training.reduce((a, t) => a + t.hours, 0);
  const rt = new CaseRuntime(state, policy, (s) => ({
    applicant: s.applicant,
    caseWorkerId: s.caseWorkerId,
    checks: s.checks,
    // Status and recommendation only: the link's token is never stored, even hashed, here.
    references: s.references.map(
      ({ id, name, relationship, status, recommendation, comments, answeredVia, answeredAt }) => ({
        id,
        name,
        relationship,
        status,
        recommendation,
        comments,
        answeredVia,
        answeredAt,
      }),
    ),
    interview: s.interview,
    training: s.training,
    trainingHours: trainingHours(),
    screeningDueAt: s.screeningDueAt,
    screeningOverdue: s.screeningOverdue,
    ...(s.decision ? { decision: s.decision } : {}),
    ...(s.activeMatchId ? { activeMatchId: s.activeMatchId } : {}),
    pastMatchIds: s.pastMatchIds,
  }));
  const caseWorkerTask = (type: string, title: string, outcomes: string[], ref?: string): Change =>
    rt.openTask({
      type,
      title,
      candidateRoles: ['case_worker'],
      candidates: [userToken(state.caseWorkerId)],
      assignable: fosterAssignable(state.caseWorkerId),
      scope: {},
      outcomes,
      ref,
    });

  /** Everything screened? Then the case supervisor decides. */
  function decisionIfReady(): Change {
    if (state.stage !== 'screening') return {};
    const answered = state.references.filter((r) => r.status === 'answered').length;
    const ready =
      state.checks.every((c) => c.status !== 'pending') &&
      answered >= Math.min(rules.minimumReferences, state.references.length) &&
      state.interview.status !== 'pending' &&
      trainingHours() >= rules.minimumTrainingHours;
    if (!ready) return {};
    rt.setStage('decision');
    const task = rt.openTask({
      type: 'screening_decision',
      title: `Screening decision for ${who} applicant (case ${state.caseId.slice(0, 8)})`,
      candidateRoles: ['case_supervisor'],
      scope: {},
      outcomes: ['approve', 'decline'],
    });
    return {
      ...task,
      events: [
        rt.event(SYSTEM, 'screening_complete', {
          flagged: state.checks.filter((c) => c.status === 'flagged').map((c) => c.name),
        }),
        ...(task.events ?? []),
      ],
    };
  }

  function markAnswered(
    ref: Reference,
    recommendation: Reference['recommendation'],
    comments: string | undefined,
    via: 'link' | 'phone',
  ): void {
    ref.status = 'answered';
    ref.recommendation = recommendation;
    if (comments) ref.comments = comments;
    ref.answeredVia = via;
    ref.answeredAt = rt.nowIso();
  }

  // ---- tasks --------------------------------------------------------------------------

  rt.registerTaskHandlers(
    taskHandlersByType<'background_check' | 'interview' | 'reference_followup' | 'screening_decision'>({
      background_check: async (task, { outcome, comment, actor }): Promise<Change> => {
        const check = state.checks.find((c) => c.name === task.ref)!;
        check.status = outcome === 'clear' ? 'clear' : 'flagged';
        check.recordedBy = actor.id;
        check.recordedAt = rt.nowIso();
        if (comment) check.notes = comment;
        return mergeChanges(
          { events: [rt.event(actor, 'background_check_recorded', { check: check.name, result: check.status })] },
          decisionIfReady(),
        );
      },
      interview: async (_task, { outcome, comment, actor }): Promise<Change> => {
        state.interview = { status: outcome === 'pass' ? 'pass' : 'fail', ...(comment ? { notes: comment } : {}) };
        return mergeChanges(
          { events: [rt.event(actor, 'interview_recorded', { result: state.interview.status })] },
          decisionIfReady(),
        );
      },
      reference_followup: async (task, { comment, data, actor }): Promise<Change> => {
        const ref = state.references.find((r) => r.id === task.ref)!;
        if (ref.status !== 'answered')
          markAnswered(ref, data?.recommendation as Reference['recommendation'], comment, 'phone');
        return mergeChanges(
          { projections: [referenceAnsweredProjection({ caseId: state.caseId, referenceId: ref.id })] },
          {
            events: [
              rt.event(actor, 'reference_followed_up', { referenceId: ref.id, recommendation: ref.recommendation }),
            ],
          },
          decisionIfReady(),
        );
      },
      screening_decision: async (task, { outcome, comment, actor }): Promise<Change> => {
        state.decision = { outcome, by: actor.id, at: rt.nowIso(), ...(comment ? { reason: comment } : {}) };
        const approved = outcome === 'approve';
        // Approved mentors enter the pool: the case stays open as their record.
        rt.setStage(approved ? 'approved' : 'declined', approved ? 'open' : 'closed');
        return {
          events: [rt.event(actor, `${who}_${approved ? 'approved' : 'declined'}`, comment ? { reason: comment } : {})],
          emails: [
            rt.email(
              `${task.id}:result`,
              [state.applicant.email],
              approved
                ? fosterEmail(caller ? 'approved-caller' : 'approved-mentor', {})
                : // The supervisor's reasoning may cite a check or a reference: it stays on the case, out of e-mail.
                  fosterEmail('not-approved', { applicantRole: who }),
              rt.caseLink(),
            ),
          ],
        };
      },
    }),
    (task, { outcome, comment }) => {
      if (outcome === 'decline' && !comment?.trim()) refuse('reason_required', 'Declining needs a reason in `comment`');
      // A flag blocks approval until a supervisor decides: approving over one needs the reasoning.
      if (
        task.type === 'screening_decision' &&
        outcome === 'approve' &&
        state.checks.some((c) => c.status === 'flagged') &&
        !comment?.trim()
      ) {
        refuse(
          'flag_decision_required',
          "A background check is flagged: approving needs the supervisor's reasoning in `comment`",
        );
      }
    },
  );

  // ---- applicant, references, training ------------------------------------------------

  setHandler(
    referenceAnswerUpdate,
    async ({ referenceId, recommendation, comments }) => {
      const ref = state.references.find((r) => r.id === referenceId)!;
      markAnswered(ref, recommendation, comments, 'link');
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
          decisionIfReady(),
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
          decisionIfReady(),
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

  if (!caller)
    registerAvailability(
      rt,
      () => (state.stage === 'approved' ? undefined : `The mentor's screening is ${state.stage}`),
      'mentor_not_available',
    );

  // ---- timers -------------------------------------------------------------------------

  /** Reminder after 7 days; after 14 a phone follow-up task for the case worker. */
  async function chaseReference(ref: Reference): Promise<void> {
    const answered = () => ref.status === 'answered' || FINAL.includes(state.stage);
    const sent = Date.parse(ref.requestedAt);
    if (!ref.reminded) {
      if (await rt.untilOr(answered, addDuration(sent, rules.referenceReminderAfter, rt.calendar))) return;
      ref.reminded = true;
      await issueReferenceLink({
        caseId: state.caseId,
        referenceId: ref.id,
        referenceName: ref.name,
        email: ref.email,
        applicantName: state.applicant.name,
        kind: 'reminder',
        validFor: rules.referenceLinkValidity,
        publicBaseUrl: policy.publicBaseUrl,
        ...callerLink,
      });
      await rt.commit({ events: [rt.event(SYSTEM, 'reference_reminded', { referenceId: ref.id })] });
    }
    if (!ref.followUpOpened) {
      if (await rt.untilOr(answered, addDuration(sent, rules.referenceFollowUpAfter, rt.calendar))) return;
      ref.followUpOpened = true;
      await rt.commit(
        caseWorkerTask('reference_followup', `Phone follow-up with reference ${ref.name}`, ['done'], ref.id),
      );
    }
  }

  /** The 30-day screening target: missed, it shows on the case and escalates to supervisors. */
  async function watchScreeningTarget(): Promise<void> {
    if (state.screeningOverdue) return;
    if (await rt.untilOr(() => FINAL.includes(state.stage), Date.parse(state.screeningDueAt))) return;
    state.screeningOverdue = true;
    await rt.commit({
      events: [rt.event(SYSTEM, 'screening_target_missed', { dueAt: state.screeningDueAt })],
      emails: [
        rt.email(
          `${state.caseId}:screening-target`,
          [roleMailbox(policy.mailboxes, 'case_supervisor')],
          fosterEmail('screening-past-target', { caseId: state.caseId, dueAt: `${state.screeningDueAt}` }),
          rt.caseLink(),
        ),
      ],
    });
  }

  // ---- main ---------------------------------------------------------------------------

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
      });
    }
  } else {
    rt.resumeTaskTimers();
  }
  for (const ref of state.references) if (ref.status !== 'answered') void chaseReference(ref);
  void watchScreeningTarget();

  // An approved mentor's record lives on (pool, matches) until withdrawn.
  await rt.runUntilClosed((s) => continueAsNew<typeof mentorScreeningWorkflow>({ ...input, state: s }));
  return { caseId: state.caseId, stage: state.stage };
}
