/**
 * Access tokens: one mechanism for who may see a case and who may act on a task.
 *
 * A case lists `viewers` and a task lists `candidates`, as tokens; a user holds tokens
 * derived from the claims of their bearer token. Access is any overlap. Pure, so
 * workflows (which set the tokens) and the API (which checks them) share it.
 */

export interface Scope {
  department?: string;
  programId?: string;
}

/** Roles whose authority is limited to their department or program claim. */
const DEPARTMENT_ROLES = new Set(['supervisor', 'hr_officer']);
const PROGRAM_ROLES = new Set(['org_coordinator', 'program_staff']);

export const userToken = (userId: string): string => `user:${userId}`;

/** The token of a role within a scope: "HR officers of department X". */
export function roleToken(role: string, scope: Scope = {}): string {
  if (DEPARTMENT_ROLES.has(role) && scope.department) return `dept:${scope.department}:${role}`;
  if (PROGRAM_ROLES.has(role) && scope.programId) return `program:${scope.programId}:${role}`;
  return `role:${role}`;
}

export interface Principal {
  sub: string;
  roles: string[];
  department?: string;
  programId?: string;
}

/** Every token a user holds. */
export function principalTokens(p: Principal): string[] {
  const tokens = new Set([userToken(p.sub)]);
  for (const role of p.roles) {
    tokens.add(`role:${role}`);
    if (p.department) tokens.add(roleToken(role, { department: p.department }));
    if (p.programId) tokens.add(roleToken(role, { programId: p.programId }));
  }
  return [...tokens];
}

export function overlaps(a: readonly string[], b: readonly string[]): boolean {
  return a.some((t) => b.includes(t));
}

/** The mailbox for a role within a scope: the most specific policy entry wins. */
export function roleMailbox(mailboxes: Record<string, string>, role: string, scope: Scope = {}): string | undefined {
  return (
    (scope.department && mailboxes[`${role}:${scope.department}`]) ||
    (scope.programId && mailboxes[`${role}:${scope.programId}`]) ||
    mailboxes[role]
  );
}
