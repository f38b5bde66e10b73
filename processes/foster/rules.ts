/** Pure rules of the foster pipeline, shared by the API and the workflows. */
import { roleToken, userToken } from '../../platform/workflow/access';
import { partiesNaming } from '../../platform/workflow/named-parties';
import type { ActingUser } from '../../platform/workflow/records';
import type { Refusal } from '../../platform/workflow/refusals';
import { namedPartiesOf, tokensOn, type CaseForRules } from '../../platform/workflow/who-may-act';

/** Age in whole years on a date (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Mentor screening cases change only through their assigned case worker or a case supervisor. */
export function assignedCaseWorkerOrSupervisor(user: ActingUser, caseWorkerId: string): Refusal | undefined {
  return user.id === caseWorkerId || user.roles.includes('case_supervisor')
    ? undefined
    : { code: 'not_permitted', message: "Only the screening's assigned case worker or a case supervisor may do this" };
}

/**
 * The same for a case that names people: a case supervisor named in another party role of
 * it (the youth's social worker) does not act as its supervisor; its case worker must still
 * hold the case worker's role.
 */
export function caseWorkerOrSupervisorOf(user: ActingUser, c: CaseForRules, caseWorkerId: string): Refusal | undefined {
  const named = partiesNaming(user, namedPartiesOf(c));
  if (user.id !== caseWorkerId && named.length)
    return { code: 'self_approval', message: 'You are named in this case in another role' };
  if (user.id === caseWorkerId && !tokensOn(user, c).length)
    return { code: 'not_a_candidate', message: 'You no longer hold the case worker role' };
  return assignedCaseWorkerOrSupervisor(user, caseWorkerId);
}

/**
 * Tokens of who may be handed the tasks of a foster case: its assigned case worker or a
 * case supervisor, and for youth and match cases the youth's social worker.
 */
export function fosterAssignable(caseWorkerId: string, socialWorkerId?: string): string[] {
  return [
    userToken(caseWorkerId),
    roleToken('case_supervisor'),
    ...(socialWorkerId ? [userToken(socialWorkerId)] : []),
  ];
}
