/**
 * What every part of a match's workflow shares: its state (new, or carried over a
 * continue-as-new), the case runtime that records it, the match's rules (policy), the
 * assigned case worker's task fields and the closing of open tasks. The workflow
 * (../match.ts) opens it once and hands it to each part.
 */
import { roleToken, userToken } from '../../../platform/workflow/access';
import {
  CaseRuntime,
  mergeChanges,
  newCase,
  type Change,
  type TaskSpec,
} from '../../../platform/workflow/case-runtime';
import type { Actor, TaskRecord } from '../../../platform/workflow/records';
import { fosterAssignable } from '../rules';
import { supportRows, supportTaskIfNeeded } from './support';
import type { MatchInput, MatchState } from '../types';

export type Party = 'mentor' | 'caregiver' | 'social_worker';

export interface MatchCase {
  input: MatchInput;
  /** The foster section of the policy: check-in cadence, commitment. */
  rules: MatchInput['policy']['foster'];
  state: MatchState;
  /** The case reference in titles (no personal data). */
  short: string;
  rt: CaseRuntime<MatchState>;
  /** The fields of a task for the match's assigned case worker. */
  caseWorker: Pick<TaskSpec, 'candidateRoles' | 'candidates' | 'scope' | 'assignable'>;
  /** Ends the open tasks (those `filter` picks) with a status and a reason. */
  closeOpen: (
    status: 'cancelled' | 'expired',
    actor: Actor,
    reason: string,
    filter?: (t: TaskRecord) => boolean,
  ) => Change;
  /**
   * Records a change of the match's support (a contact, a survey, a closure step) together with
   * what follows from it: the match's health recomputed and its read-model row (match/support.ts).
   */
  commitSupport: (change: Change) => Promise<void>;
  /** What of the schedule is waiting in this run (not carried over: a new run starts it again). */
  running: { checkIns: boolean; contacts?: boolean; anniversaryAt?: string };
}

function initialState(input: MatchInput): MatchState {
  return {
    ...newCase({
      caseId: input.caseId,
      type: 'match',
      stage: 'proposed',
      subject: `Match ${input.caseId.slice(0, 8)}`,
      // A match reveals the youth: the youth's own readers only.
      viewers: [userToken(input.caseWorkerId), roleToken('case_supervisor'), userToken(input.socialWorker.id)],
      ownerId: input.caseWorkerId,
    }),
    mentorCaseId: input.mentorCaseId,
    youthCaseId: input.youthCaseId,
    mentorWorkflowId: input.mentorWorkflowId,
    youthWorkflowId: input.youthWorkflowId,
    caseWorkerId: input.caseWorkerId,
    socialWorkerId: input.socialWorker.id,
    rationale: input.rationale,
    consents: { mentor: { status: 'pending' }, caregiver: { status: 'pending' }, social_worker: { status: 'pending' } },
    checkIns: [],
  };
}

/** The match's state and runtime: a new proposal's, or the one carried over a continue-as-new. */
export function openMatch(input: MatchInput): MatchCase {
  const policy = input.policy;
  const rules = policy.foster;
  const state = input.state ?? initialState(input);
  const short = state.caseId.slice(0, 8);
  // Every transition carries the match's typed row once it records its support (match/support.ts).
  const box: { m?: MatchCase } = {};
  const rt = new CaseRuntime(
    state,
    policy,
    (s) => ({
      mentorCaseId: s.mentorCaseId,
      youthCaseId: s.youthCaseId,
      caseWorkerId: s.caseWorkerId,
      // A named party: the read model's rules need the social worker as much as the workflow's.
      socialWorkerId: s.socialWorkerId,
      rationale: s.rationale,
      consents: s.consents,
      ...(s.firstMeetingAt ? { firstMeetingAt: s.firstMeetingAt } : {}),
      checkIns: s.checkIns,
      ...(s.nextCheckInDue ? { nextCheckInDue: s.nextCheckInDue } : {}),
      ...(s.anniversaryAt ? { anniversaryAt: s.anniversaryAt } : {}),
      ...(s.closure ? { closure: s.closure } : {}),
      ...(s.contacts ? { contacts: s.contacts } : {}),
      ...(s.nextContactDue ? { nextContactDue: s.nextContactDue } : {}),
      ...(s.surveys ? { surveys: s.surveys } : {}),
      ...(s.health ? { health: s.health } : {}),
      ...(s.pastClosures ? { pastClosures: s.pastClosures } : {}),
    }),
    () => (box.m ? supportRows(box.m) : {}),
  );
  const caseWorker = {
    candidateRoles: ['case_worker'],
    candidates: [userToken(state.caseWorkerId)],
    scope: {},
    assignable: fosterAssignable(state.caseWorkerId, state.socialWorkerId),
  };
  const closeOpen = (
    status: 'cancelled' | 'expired',
    actor: Actor,
    reason: string,
    filter: (t: TaskRecord) => boolean = () => true,
  ): Change => mergeChanges(...rt.openTasks(filter).map((t) => rt.closeTask(t, status, actor, reason)));
  const m: MatchCase = {
    input,
    rules,
    state,
    short,
    rt,
    caseWorker,
    closeOpen,
    commitSupport: (change) => rt.commit(mergeChanges(change, supportTaskIfNeeded(m))),
    running: { checkIns: false },
  };
  box.m = m;
  return m;
}
