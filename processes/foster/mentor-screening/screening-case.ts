/**
 * What every part of a screening's workflow shares: its state (new, or carried over a
 * continue-as-new), the case runtime that records it, the track's rules (a caller's shorter
 * track asks for fewer references and training hours), and the helpers every stage uses: a
 * task for the assigned case worker, the training hours so far, and the screening's progress
 * towards the supervisor's decision. The workflow (../mentor-screening.ts) opens it once.
 */
import { uuid4 } from '@temporalio/workflow';
import { roleToken, userToken } from '../../../platform/workflow/access';
import { CaseRuntime, newCase, type Change } from '../../../platform/workflow/case-runtime';
import type { Policy } from '../../../platform/workflow/policy';
import { SYSTEM } from '../../../platform/workflow/records';
import { fosterAssignable } from '../rules';
import { callerScreeningWorkflowId } from '../ids';
import { CALLER_CHECKS, CHECKS, type MentorScreeningInput, type MentorScreeningState, type Reference } from '../types';

/** The stages after which nothing more is screened. */
export const FINAL = ['approved', 'declined', 'withdrawn'];

export const checksOf = (input: Pick<MentorScreeningInput, 'track'>) =>
  input.track === 'caller' ? CALLER_CHECKS : CHECKS;

export interface Screening {
  input: MentorScreeningInput;
  policy: Policy;
  state: MentorScreeningState;
  /** A wellness caller's shorter track. */
  caller: boolean;
  /** The track's rules: the foster section of the policy, a caller's minimums in place. */
  rules: Policy['foster'];
  /** `caller` or `mentor`, as events and e-mails name the applicant. */
  who: 'caller' | 'mentor';
  /** A caller's reference link answers the caller's workflow, and its e-mail says what was applied for. */
  callerLink: { workflowId?: string; role?: 'caller' };
  trainingHours: () => number;
  rt: CaseRuntime<MentorScreeningState>;
  /** A task for the assigned case worker. */
  caseWorkerTask: (type: string, title: string, outcomes: string[], ref?: string) => Change;
}

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

/** The screening's state and runtime: a new application's, or the one carried over a continue-as-new. */
export function openScreening(input: MentorScreeningInput): Screening {
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
  return { input, policy, state, caller, rules, who, callerLink, trainingHours, rt, caseWorkerTask };
}

/** Everything screened? Then the case supervisor decides. */
export function decisionIfReady(sc: Screening): Change {
  const { state, rules, who, trainingHours, rt } = sc;
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

/** A reference's answer, through the link or by phone. */
export function markAnswered(
  sc: Screening,
  ref: Reference,
  recommendation: Reference['recommendation'],
  comments: string | undefined,
  via: 'link' | 'phone',
): void {
  ref.status = 'answered';
  ref.recommendation = recommendation;
  if (comments) ref.comments = comments;
  ref.answeredVia = via;
  ref.answeredAt = sc.rt.nowIso();
}
