/**
 * What the foster cases' routes share, and the wellness process's caller screenings with them
 * (a caller screening is a foster case type on the shorter track): the assigned case worker
 * (or a case supervisor) as the one who changes a case, the applicant's minimum age, the start
 * of a screening, and the route that logs a screening's training hours.
 */
import type { Db } from '../../../db';
import { businessCalendarOf } from '../../../platform/workflow/jurisdiction';
import { assignedCaseWorkerOrSupervisor } from '../rules';
import { actorOf, type User } from '../../../platform/api/auth';
import { readDetails } from '../../../platform/api/details';
import { conflict, problemFromRefusal, unprocessable } from '../../../platform/api/errors';
import type { RouteContext } from '../../../platform/api/process-routes';
import type { Policy } from '../../../platform/workflow/policy';
import { startCase } from '../../../platform/api/start-case';
import { updateCase } from '../../../platform/api/updates';
import { loadVisibleCase, type CaseRow } from '../../../platform/api/views';
import { callerScreeningWorkflow, callerScreeningWorkflowId } from '../caller-screening';
import { matchDetails, screeningDetails, youthReferralDetails } from '../details';
import { trainingInput } from '../inputs';
import { logTrainingUpdate } from '../messages';
import { mentorScreeningWorkflow, mentorScreeningWorkflowId } from '../mentor-screening';
import { ageOn } from '../rules';
import type { MentorScreeningInput } from '../types';

/** The foster case types a case worker is assigned to, with the schema of each one's details. */
const ASSIGNED = {
  mentor_screening: screeningDetails,
  caller_screening: screeningDetails,
  youth_referral: youthReferralDetails,
  match: matchDetails,
} as const;
type AssignedType = keyof typeof ASSIGNED;

/** A case the caller may see that changes only through its assigned case worker or a case supervisor. */
export async function caseOfItsWorker(db: Db, user: User, caseId: string, type: AssignedType): Promise<CaseRow> {
  const c = await loadVisibleCase(db, user, caseId, type);
  const r = assignedCaseWorkerOrSupervisor(actorOf(user), readDetails(ASSIGNED[type], c).caseWorkerId);
  if (r) throw problemFromRefusal(r);
  return c;
}

/** Applicants (mentors and callers alike) are at least the policy's minimum age today. */
export function refuseUnderAge(policy: Policy, dateOfBirth: string, who: 'Mentors' | 'Callers'): void {
  const minimum = policy.foster.applicantMinimumAge;
  if (ageOn(dateOfBirth, businessCalendarOf(policy).date(Date.now())) < minimum)
    throw unprocessable('applicant_under_age', `${who} must be at least ${minimum}`);
}

/** Starts a screening entered by a case worker (its assigned case worker): a mentor's, or a caller's shorter one. */
export async function startScreening(
  { db, temporal, taskQueue }: RouteContext,
  /** The policy the case starts with (the one its application was checked against). */
  policy: Policy,
  user: User,
  caseId: string,
  application: Pick<MentorScreeningInput, 'applicant' | 'references'>,
  track: 'mentor' | 'caller',
) {
  const input: MentorScreeningInput = {
    caseId,
    ...(track === 'caller' ? { track } : {}),
    applicant: application.applicant,
    references: application.references,
    caseWorkerId: user.sub,
    policy,
    appliedBy: actorOf(user),
  };
  const duplicate = () => conflict('duplicate', 'This application exists already');
  return track === 'caller'
    ? startCase(temporal, db, {
        workflow: callerScreeningWorkflow,
        workflowId: callerScreeningWorkflowId(caseId),
        taskQueue,
        args: [input],
        caseId,
        caseType: 'caller_screening',
        duplicate,
      })
    : startCase(temporal, db, {
        workflow: mentorScreeningWorkflow,
        workflowId: mentorScreeningWorkflowId(caseId),
        taskQueue,
        args: [input],
        caseId,
        caseType: 'mentor_screening',
        duplicate,
      });
}

/** `POST <path>/:caseId/training`: the screening's case worker (or a case supervisor) logs training hours. */
export function trainingRoute(
  { api, db, temporal }: RouteContext,
  spec: { path: string; tag: string; type: 'mentor_screening' | 'caller_screening'; summary: string },
): void {
  api.route({
    method: 'post',
    path: `${spec.path}/:caseId/training`,
    tag: spec.tag,
    auth: ['case_worker', 'case_supervisor'],
    status: 201,
    idempotent: true,
    errors: [404, 409],
    summary: spec.summary,
    body: trainingInput,
    handler: async ({ user, params, body, updateId }) => {
      const c = await caseOfItsWorker(db, user, params.caseId, spec.type);
      return {
        body: await updateCase(temporal, c, logTrainingUpdate, { arg: body, as: user, updateId: updateId() }),
      };
    },
  });
}
