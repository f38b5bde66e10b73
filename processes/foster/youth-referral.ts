/**
 * Youth referral (`youth-referral-<caseId>`): consent from the youth's social worker (their
 * own task) and from the caregiver (recorded by the case worker), then intake, then the
 * youth is ready to match. The case stays open as the youth's record while in the program.
 * The youth's name, birth date and needs never appear in titles or e-mails.
 *
 * Read top to bottom: the main line, its table of task handlers, one named handler per task
 * type (consent, intake), the case worker's closing Update, and the state and runtime.
 */
import { continueAsNew, setHandler } from '@temporalio/workflow';
import { roleToken, userToken } from '../../platform/workflow/access';
import {
  CaseRuntime,
  mergeChanges,
  newCase,
  refuse,
  taskHandlersByType,
  type Change,
  type TaskSpec,
} from '../../platform/workflow/case-runtime';
import type { CompleteTaskInput } from '../../platform/workflow/messages';
import { checkInput, refuseWith } from '../../platform/workflow/refusals';
import type { TaskRecord } from '../../platform/workflow/records';
import { caseWorkerOrSupervisorOf, fosterAssignable } from './rules';
import { isFree, registerAvailability } from './availability';
import { withdrawInput } from './inputs';
import { closeYouthReferralUpdate } from './messages';
import type { FosterResult, YouthReferralInput, YouthReferralState } from './types';

export { youthReferralWorkflowId } from './ids';

export async function youthReferralWorkflow(input: YouthReferralInput): Promise<FosterResult> {
  const y = openYouthReferral(input);
  const { state, short, rt, caseWorker } = y;
  registerTaskTable(y);
  registerAvailability(
    rt,
    () => (state.stage === 'ready' ? undefined : `The youth referral is ${state.stage}`),
    'youth_not_available',
  );
  registerCloseReferral(y);

  if (!state.recorded) {
    const sw = rt.openTask({
      type: 'consent',
      title: `Consent to mentoring for youth referral ${short} (social worker)`,
      candidateRoles: ['social_worker'],
      candidates: [userToken(state.socialWorker.id)],
      assignable: fosterAssignable(state.caseWorkerId, state.socialWorker.id),
      notifyEmail: state.socialWorker.email,
      scope: {},
      outcomes: ['accept', 'decline'],
      ref: 'social_worker',
    });
    const cg = rt.openTask({
      ...caseWorker,
      type: 'consent',
      title: `Record the caregiver's consent for youth referral ${short}`,
      outcomes: ['accept', 'decline'],
      ref: 'caregiver',
    });
    await rt.commit({
      tasks: [...(sw.tasks ?? []), ...(cg.tasks ?? [])],
      emails: [...(sw.emails ?? []), ...(cg.emails ?? [])],
      events: [
        rt.event(input.referredBy, 'referred', { county: state.youth.county }),
        ...(sw.events ?? []),
        ...(cg.events ?? []),
      ],
    });
    state.recorded = true;
  } else {
    rt.resumeTaskTimers();
  }

  await rt.runUntilClosed((s) => continueAsNew<typeof youthReferralWorkflow>({ ...input, state: s }));
  return { caseId: state.caseId, stage: state.stage };
}

/**
 * The referral's tasks, one named handler per task type; a task of any other type is
 * refused. Each entry hands back its handler's own promise, adding no step: the commands
 * come when they did when one function completed every task.
 */
function registerTaskTable(y: YouthReferral): void {
  y.rt.registerTaskHandlers(
    taskHandlersByType<'consent' | 'intake'>({
      consent: (task, done) => consent(y, task, done),
      intake: (task, done) => intake(y, task, done),
    }),
    (task, { outcome, data }) => {
      // The caregiver has no account: the case worker records how consent was given.
      if (task.type === 'consent' && task.ref === 'caregiver' && outcome === 'accept' && !data?.how) {
        refuse(
          'consent_method_required',
          'Record how the caregiver consented in data.how (e.g. "signed form", "phone")',
        );
      }
    },
  );
}

/** The social worker's or the caregiver's consent: both given opens the intake; a decline closes the referral. */
async function consent(
  y: YouthReferral,
  task: TaskRecord,
  { outcome, comment, data, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, short, rt, caseWorker } = y;
  const party = task.ref as 'social_worker' | 'caregiver';
  state.consents[party] = {
    status: outcome === 'accept' ? 'accepted' : 'declined',
    by: actor.id,
    at: rt.nowIso(),
    ...(data?.how ? { how: String(data.how) } : {}),
  };
  if (outcome === 'decline') {
    rt.setStage('closed', 'closed');
    const cancelled = rt.openTasks().map((t: TaskRecord) => rt.closeTask(t, 'cancelled', actor, 'consent declined'));
    return {
      tasks: cancelled.flatMap((c) => c.tasks ?? []),
      events: [
        rt.event(actor, 'consent_declined', { party, ...(comment ? { reason: comment } : {}) }),
        ...cancelled.flatMap((c) => c.events ?? []),
      ],
    };
  }
  const accepted = { events: [rt.event(actor, 'consent_given', { party, how: state.consents[party].how })] };
  if (state.consents.social_worker.status === 'accepted' && state.consents.caregiver.status === 'accepted') {
    rt.setStage('intake');
    const intakeTask = rt.openTask({
      ...caseWorker,
      type: 'intake',
      title: `Intake for youth referral ${short}`,
      outcomes: ['done'],
    });
    return { ...intakeTask, events: [...accepted.events, ...(intakeTask.events ?? [])] };
  }
  return accepted;
}

/** The intake done: the youth is ready to match. */
async function intake(y: YouthReferral, _task: TaskRecord, { comment, actor }: CompleteTaskInput): Promise<Change> {
  const { state, rt } = y;
  state.intake = { by: actor.id, at: rt.nowIso(), ...(comment ? { notes: comment } : {}) };
  rt.setStage('ready');
  return { events: [rt.event(actor, 'intake_done', {}), rt.event(actor, 'ready_to_match', {})] };
}

/** Not every referral ends in a match: the youth leaves care, moves, or the family declines. */
function registerCloseReferral(y: YouthReferral): void {
  const { state, rt } = y;
  setHandler(
    closeYouthReferralUpdate,
    async ({ reason, actor }) => {
      rt.setStage('closed', 'closed');
      const cancelled = rt.openTasks().map((t) => rt.closeTask(t, 'cancelled', actor, 'referral closed'));
      await rt.commit(mergeChanges(...cancelled, { events: [rt.event(actor, 'referral_closed', { reason })] }));
      return { stage: state.stage };
    },
    {
      validator: ({ reason, actor }) => {
        const acting = { roles: [], ...actor };
        refuseWith(caseWorkerOrSupervisorOf(acting, state, state.caseWorkerId));
        checkInput(withdrawInput, { reason }, 'The reason is not valid');
        if (state.status === 'closed') refuse('case_closed', 'The referral is closed');
        if (!isFree(state))
          refuse('in_active_match', 'The youth is in an active or proposed match: close the match first');
      },
    },
  );
}

// ---- the case's state and runtime ---------------------------------------------------------

interface YouthReferral {
  state: YouthReferralState;
  /** The case reference in titles (no personal data). */
  short: string;
  rt: CaseRuntime<YouthReferralState>;
  /** The fields of a task for the assigned case worker. */
  caseWorker: Pick<TaskSpec, 'candidateRoles' | 'candidates' | 'scope' | 'assignable'>;
}

function initialState(input: YouthReferralInput): YouthReferralState {
  return {
    ...newCase({
      caseId: input.caseId,
      type: 'youth_referral',
      stage: 'consent',
      subject: `Youth referral ${input.caseId.slice(0, 8)} (${input.youth.county})`,
      // Only the assigned case worker, case supervisors and the youth's social worker.
      viewers: [userToken(input.caseWorkerId), roleToken('case_supervisor'), userToken(input.socialWorker.id)],
      ownerId: input.caseWorkerId,
    }),
    youth: input.youth,
    ...(input.mentorPreferences ? { mentorPreferences: input.mentorPreferences } : {}),
    socialWorker: input.socialWorker,
    caregiver: input.caregiver,
    caseWorkerId: input.caseWorkerId,
    consents: { social_worker: { status: 'pending' }, caregiver: { status: 'pending' } },
    pastMatchIds: [],
  };
}

/** The referral's state and runtime: a new one's, or the one carried over a continue-as-new. */
function openYouthReferral(input: YouthReferralInput): YouthReferral {
  const state = input.state ?? initialState(input);
  const short = state.caseId.slice(0, 8);
  const rt = new CaseRuntime(state, input.policy, (s) => ({
    youth: s.youth,
    ...(s.mentorPreferences ? { mentorPreferences: s.mentorPreferences } : {}),
    socialWorker: s.socialWorker,
    caregiver: s.caregiver,
    caseWorkerId: s.caseWorkerId,
    consents: s.consents,
    ...(s.intake ? { intake: s.intake } : {}),
    ...(s.activeMatchId ? { activeMatchId: s.activeMatchId } : {}),
    pastMatchIds: s.pastMatchIds,
  }));
  const caseWorker = {
    candidateRoles: ['case_worker'],
    candidates: [userToken(state.caseWorkerId)],
    scope: {},
    assignable: fosterAssignable(state.caseWorkerId, state.socialWorker.id),
  };
  return { state, short, rt, caseWorker };
}
