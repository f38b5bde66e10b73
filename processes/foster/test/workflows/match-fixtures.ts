/**
 * A match record carried into a new run (its state as continue-as-new hands it over), with its
 * open tasks, for the workflow tests of a match on a worker without a cache.
 */
import { randomUUID } from 'node:crypto';
import { userToken } from '../../../../platform/workflow/access';
import type { TaskRecord } from '../../../../platform/workflow/records';
import { person, policy } from '../../../../test/workflows/harness';
import type { MatchInput, MatchState } from '../../types';

export const cw = person('cw-sched', ['case_worker']);
export const sw = { id: 'sw-sched', email: 'sw@example.org' };
export const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** An open case-worker task of `type`, overdue (reminded and escalated) or with its timers running. */
export function task(caseId: string, type: string, now: number, overdue: boolean, outcomes: string[]): TaskRecord {
  const due = overdue ? now - DAY : now + 3 * DAY;
  return {
    id: randomUUID(),
    caseId,
    type,
    title: type,
    status: 'open',
    candidateRoles: ['case_worker'],
    candidates: [userToken(cw.id)],
    escalatedTo: overdue ? ['role:case_supervisor'] : [],
    scope: {},
    createdAt: iso(now - 20 * DAY),
    dueAt: iso(due),
    remindAt: iso(due - DAY),
    reminded: overdue,
    escalated: overdue,
    escalateTo: 'case_supervisor',
    outcomes,
  } as TaskRecord;
}

export function continued(now: number, stage: 'awaiting_first_meeting' | 'active', open: TaskRecord[]): MatchInput {
  const caseId = open[0]?.caseId ?? randomUUID();
  const accepted = { status: 'accepted', at: iso(now - 30 * DAY), by: cw.id };
  const state = {
    caseId,
    type: 'match',
    status: 'open',
    stage,
    subject: `Match ${caseId.slice(0, 8)}`,
    viewers: [userToken(cw.id), 'role:case_supervisor', userToken(sw.id)],
    ownerId: cw.id,
    version: 6,
    createdAt: iso(now - 40 * DAY),
    updatedAt: iso(now - 2 * DAY),
    recorded: true,
    tasks: Object.fromEntries(open.map((t) => [t.id, t])),
    mentorCaseId: 'mentor-case',
    youthCaseId: 'youth-case',
    mentorWorkflowId: 'mentor-wf',
    youthWorkflowId: 'youth-wf',
    caseWorkerId: cw.id,
    socialWorkerId: sw.id,
    rationale: 'shared interests',
    consents: { mentor: accepted, caregiver: accepted, social_worker: accepted },
    checkIns: [],
    ...(stage === 'active'
      ? { firstMeetingAt: iso(now - 365 * DAY), nextCheckInDue: iso(now + 10 * DAY), anniversaryAt: iso(now - DAY) }
      : {}),
  } as MatchState;
  return {
    caseId,
    mentorCaseId: state.mentorCaseId,
    youthCaseId: state.youthCaseId,
    mentorWorkflowId: state.mentorWorkflowId,
    youthWorkflowId: state.youthWorkflowId,
    caseWorkerId: cw.id,
    socialWorker: sw,
    caregiverName: 'Carer',
    rationale: state.rationale,
    policy,
    proposedBy: cw,
    state,
  };
}
