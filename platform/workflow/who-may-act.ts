/**
 * Who may act (docs/security.md, "Who may act"): one place per rule, named like the rule. The
 * workflows' Update validators decide with these functions, and the API gives its early
 * answers with the same ones, so no route, script or future client can get around a rule.
 * Pure: no I/O, deterministic, shared by workflow code and the API.
 */
import { overlaps, principalTokens, roleToken, scopeClaimOf, userToken, type Scope } from './access';
import { holdsPartyRoles, namedPartiesIn, partiesNaming, subjectIdsIn, type NamedParty } from './named-parties';
import type { Refusal } from './refusals';
import type { CaseTypeDescriptor, SupervisingRole } from './process-descriptor';
import type { ActingUser, CaseParties, CaseType, TaskRecord } from './records';
import { caseTypeDescriptor, PROCESSES } from './registry';

/** The case as the rules see it. */
export interface CaseForRules {
  type: CaseType | string;
  viewers: string[];
  programId?: string | null;
  ownerId?: string | null;
  parties?: CaseParties | null;
  /** The process's fields (the read model's `details`); a workflow passes its state, which holds them itself. */
  details?: unknown;
}

/** The task as the rules see it (a workflow's record or a read-model row). */
export type TaskForRules = Pick<TaskRecord, 'type' | 'candidates' | 'scope'> &
  Partial<Pick<TaskRecord, 'assigneeId' | 'escalatedTo' | 'assignable' | 'excludedActors'>>;

/** Youth records are the most sensitive data: these cases are never visible to `admin` (declared by their processes). */
export const YOUTH_CASE_TYPES: readonly string[] = PROCESSES.flatMap((p) =>
  Object.entries<CaseTypeDescriptor>(p.caseTypes).flatMap(([type, d]) => (d.youthData ? [type] : [])),
);

/**
 * The acting user's tokens: every scope claim it carries counts (a new scope needs no change
 * here), and the personal token of each absent colleague they stand in for.
 */
const tokensOf = ({ id, onBehalfOf, ...claims }: ActingUser) => [
  ...principalTokens({ sub: id, ...claims }),
  ...(onBehalfOf ?? []).map(userToken),
];
/** The task is held by this person, or by someone they stand in for. */
const holds = (u: ActingUser, task: TaskForRules) =>
  !!task.assigneeId && (task.assigneeId === u.id || (u.onBehalfOf ?? []).includes(task.assigneeId));
const has = (u: ActingUser, role: string) => u.roles.includes(role);
const sameEmail = (a?: string, b?: string) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

const fieldsOf = (c: CaseForRules) => (c.details ?? c) as Record<string, unknown>;

/**
 * Whose case it is; older cases recorded no parties, so they are derived from the core. An
 * applicant with an account is a party of their own screening however the case was recorded.
 */
export function partiesOf(c: CaseForRules): CaseParties {
  const recorded: CaseParties = c.parties ?? caseTypeDescriptor(c.type)?.partiesBeforeRecorded?.(c) ?? { ids: [] };
  const subjects = subjectIdsIn(c.type, fieldsOf(c)).filter((id) => !recorded.ids.includes(id));
  return subjects.length ? { ...recorded, ids: [...recorded.ids, ...subjects] } : recorded;
}

/** The people the case names in roles (its social worker, case worker, caller, mentor …). */
export function namedPartiesOf(c: CaseForRules): NamedParty[] {
  return namedPartiesIn(c.type, fieldsOf(c));
}

/**
 * The tokens a user acts and reads with on this case. Someone the case names in a party
 * role acts on it only as that party, through their own token, and only while they hold
 * the party's role: a case worker named as a youth's social worker, or an admin named as
 * one, gets nothing through it; an ECE coordinator who is the placement's mentor does not
 * close it as its coordinator.
 */
export function tokensOn(user: ActingUser, c: CaseForRules): string[] {
  const named = namedPartiesOf(c);
  if (!partiesNaming(user, named).length) return tokensOf(user);
  return holdsPartyRoles(user, named) ? [userToken(user.id)] : [];
}

/** Named as a party but acting through another role (or without the party's role): refused. */
function partyInAnotherRole(user: ActingUser, task: TaskForRules, c: CaseForRules): Refusal | undefined {
  const named = partiesNaming(user, namedPartiesOf(c));
  if (!named.length || overlaps(tokensOn(user, c), [...task.candidates, ...(task.assignable ?? [])])) return undefined;
  if (!overlaps(tokensOf(user), [...task.candidates, ...(task.assignable ?? [])])) return undefined;
  const as = named.map((p) => p.party.replace(/_/g, ' ')).join(' and ');
  return holdsPartyRoles(user, namedPartiesOf(c))
    ? { code: 'self_approval', message: `You are named in this case as its ${as}: you act on it only as that` }
    : { code: 'not_a_candidate', message: `You are named in this case as its ${as} but do not hold that role` };
}

// ---- the rules ----------------------------------------------------------------------

/**
 * Nobody acts on their own case: the employee of an enrollment, the applicant of a
 * screening, the staff of a program under review (whoever holds a role scoped by that
 * program), a referrer on their own referral.
 */
export function ownCase(user: ActingUser, c: CaseForRules): Refusal | undefined {
  const p = partiesOf(c);
  const programStaff = () => user.roles.some((r) => scopeClaimOf(r) === 'programId');
  const mine =
    p.ids.includes(user.id) ||
    (p.emails ?? []).some((e) => sameEmail(e, user.email)) ||
    (!!p.programId && user.programId === p.programId && programStaff());
  return mine ? { code: 'self_approval', message: 'Nobody acts on their own case' } : undefined;
}

/**
 * A reviewer whose own program is under review has a conflict of interest (the roles each
 * process names for its case types: a certification's quality reviewers and review lead).
 */
export function conflictOfInterest(user: ActingUser, c: CaseForRules): Refusal | undefined {
  const reviewer = (caseTypeDescriptor(c.type)?.programConflictRoles ?? []).some((r) => has(user, r));
  return reviewer && !!user.programId && user.programId === c.programId
    ? { code: 'conflict_of_interest', message: 'A reviewer may not review their own program' }
    : undefined;
}

/** Two approval steps of one item need two different people. */
export function twoPersonRule(userId: string, task: TaskForRules): Refusal | undefined {
  return (task.excludedActors ?? []).includes(userId)
    ? {
        code: 'self_approval',
        message: 'Two steps of one approval need two different people: you gave the step before',
      }
    : undefined;
}

/**
 * A candidate holds one of the task's candidate tokens. Whoever holds the task (claimed or
 * assigned) must still hold a candidate or assignable role and scope: a holder moved to
 * another department no longer completes what they claimed.
 */
export function isCandidate(user: ActingUser, task: TaskForRules, c: CaseForRules): boolean {
  const tokens = tokensOn(user, c);
  if (task.assigneeId) return holds(user, task) && overlaps(tokens, [...task.candidates, ...(task.assignable ?? [])]);
  return overlaps(tokens, task.candidates);
}

/** Who may be handed a task: a candidate role within the task's scope (defaults to the candidates). */
export function isAssignable(user: ActingUser, task: TaskForRules, c: CaseForRules): boolean {
  return overlaps(tokensOn(user, c), task.assignable ?? task.candidates);
}

/** The holder of a task no longer holds a role that lets them complete it: it goes back to its candidates. */
export function holderLostRole(user: ActingUser, task: TaskForRules, c: CaseForRules): boolean {
  return task.assigneeId === user.id && !isCandidate(user, task, c);
}

/**
 * Supervising roles hand tasks over, as each process declares them for its case types (the
 * department's HR officers for leave, case supervisors for foster cases — never admin for
 * youth, the review lead for certification …); admins for a type no process declares; and
 * whoever an overdue task was escalated to.
 */
export function supervises(user: ActingUser, task: TaskForRules, c: CaseForRules): boolean {
  const tokens = tokensOf(user);
  if (overlaps(tokens, task.escalatedTo ?? [])) return true;
  const roles = caseTypeDescriptor(c.type)?.supervisingRoles ?? [{ role: 'admin' }];
  return holdsSupervisingRole(user, tokens, task.scope, roles);
}

/** Supervises: whoever holds one of the roles, a scoped one within the task's own scope value. */
function holdsSupervisingRole(
  user: Pick<ActingUser, 'roles'>,
  tokens: readonly string[],
  scope: Scope,
  roles: readonly SupervisingRole[],
): boolean {
  return roles.some(({ role, scopedBy }) => {
    if (!scopedBy) return user.roles.includes(role);
    const value = scope[scopedBy];
    return !!value && tokens.includes(roleToken(role, { [scopedBy]: value }));
  });
}

/** May this user see the case? Listed viewers; admins too, except youth and match cases. */
export function canSeeCase(user: ActingUser, c: CaseForRules): boolean {
  return (has(user, 'admin') && !YOUTH_CASE_TYPES.includes(c.type)) || overlaps(tokensOn(user, c), c.viewers);
}

// ---- the three task actions -----------------------------------------------------------

const first = (...checks: (() => Refusal | undefined)[]): Refusal | undefined => {
  for (const check of checks) {
    const r = check();
    if (r) return r;
  }
  return undefined;
};

/** Completing a task (state checks such as "still open" are the runtime's). */
export function mayComplete(user: ActingUser, task: TaskForRules, c: CaseForRules): Refusal | undefined {
  return first(
    () =>
      task.assigneeId && !holds(user, task)
        ? { code: 'task_claimed', message: 'Another person holds this task' }
        : undefined,
    () => ownCase(user, c),
    () => conflictOfInterest(user, c),
    () => partyInAnotherRole(user, task, c),
    () =>
      holderLostRole(user, task, c)
        ? {
            code: 'holder_not_candidate',
            message: 'You no longer hold a role that lets you complete this task; it goes back to its candidates',
          }
        : undefined,
    () =>
      isCandidate(user, task, c)
        ? undefined
        : { code: 'not_a_candidate', message: 'Only a candidate for this task may complete it' },
    () => twoPersonRule(user.id, task),
  );
}

/** Claiming: a candidate (not of their own case, no conflict) becomes the assignee. */
export function mayClaim(user: ActingUser, task: TaskForRules, c: CaseForRules): Refusal | undefined {
  return first(
    () =>
      task.assigneeId && !holds(user, task)
        ? { code: 'task_claimed', message: 'Another person holds this task' }
        : undefined,
    () => ownCase(user, c),
    () => conflictOfInterest(user, c),
    () => partyInAnotherRole(user, task, c),
    () =>
      isCandidate(user, { ...task, assigneeId: undefined }, c) || isCandidate(user, task, c)
        ? undefined
        : { code: 'not_a_candidate', message: 'You are not a candidate for this task' },
    () => twoPersonRule(user.id, task),
  );
}

/**
 * Whether someone may hand this task on at all (before asking to whom): a supervising role,
 * or whoever holds it (or stands in for its holder).
 */
export function mayReassign(by: ActingUser, task: TaskForRules, c: CaseForRules): Refusal | undefined {
  return first(
    () => ownCase(by, c),
    () => conflictOfInterest(by, c),
    () =>
      partiesNaming(by, namedPartiesOf(c)).length
        ? { code: 'self_approval', message: 'A person named in this case does not hand its tasks on' }
        : undefined,
    // The holder hands over what they hold (out of office: docs/administration.md, "Absence").
    () =>
      supervises(by, task, c) || holds(by, task)
        ? undefined
        : { code: 'not_permitted', message: 'Only a supervising role of this case may assign its tasks' },
  );
}

/** Assigning: someone who may hand the task on gives it to a candidate who may act on it. */
export function mayAssign(
  by: ActingUser,
  assignee: ActingUser,
  task: TaskForRules,
  c: CaseForRules,
): Refusal | undefined {
  return first(
    () => mayReassign(by, task, c),
    () =>
      ownCase(assignee, c)
        ? { code: 'self_approval', message: 'Nobody may be assigned a task of their own case' }
        : undefined,
    () => conflictOfInterest(assignee, c),
    () =>
      isAssignable(assignee, task, c)
        ? undefined
        : {
            code: 'invalid_assignee',
            message: 'The assignee must hold a candidate role of this task within its scope',
          },
    () =>
      twoPersonRule(assignee.id, task)
        ? {
            code: 'invalid_assignee',
            message: 'The assignee gave the step before: two steps of one approval need two people',
          }
        : undefined,
  );
}

// ---- escalation -------------------------------------------------------------------------

/**
 * Where an overdue task escalates: a youth case's task never to admin, but to the role its
 * process names instead (case supervisors for youth and match tasks, the partnership's
 * coordinators for wellness check-ins).
 */
export function escalationRole(caseType: string, policyRole: string): string {
  const youth = caseTypeDescriptor(caseType)?.youthData;
  if (!youth || policyRole !== 'admin') return policyRole;
  return youth.escalateInsteadOfAdmin;
}
