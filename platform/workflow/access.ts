/**
 * Access tokens: one mechanism for who may see a case and who may act on a task.
 *
 * A case lists `viewers` and a task lists `candidates`, as tokens; a user holds tokens
 * derived from the claims of their bearer token. Access is any overlap. Pure, so
 * workflows (which set the tokens) and the API (which checks them) share it.
 *
 * Which roles are scoped, and by what, each process declares with its roles (the registry's
 * ROLE_SCOPES). Descriptors import only this module's types, so loading the registry does
 * not come back here (no import circle).
 */
import { ROLE_SCOPES } from './registry';

export interface Scope {
  department?: string;
  programId?: string;
  collegeId?: string;
}

/**
 * The claim a role whose authority is limited to a department, program or college needs;
 * without it the role grants nothing (docs/security.md, "Who may act").
 */
export function scopeClaimOf(role: string): 'department' | 'programId' | 'collegeId' | undefined {
  return ROLE_SCOPES.get(role);
}

/** The roles that count: a scoped role without its scope claim is dropped. */
export function effectiveRoles<R extends string>(p: {
  roles: R[];
  department?: string;
  programId?: string;
  collegeId?: string;
}): R[] {
  return p.roles.filter((r) => {
    const claim = scopeClaimOf(r);
    return !claim || !!p[claim];
  });
}

export const userToken = (userId: string): string => `user:${userId}`;

/** The token of a role within a scope: "HR officers of department X". */
export function roleToken(role: string, scope: Scope = {}): string {
  const claim = scopeClaimOf(role);
  if (claim === 'department' && scope.department) return `dept:${scope.department}:${role}`;
  if (claim === 'programId' && scope.programId) return `program:${scope.programId}:${role}`;
  if (claim === 'collegeId' && scope.collegeId) return `college:${scope.collegeId}:${role}`;
  return `role:${role}`;
}

export interface Principal {
  sub: string;
  roles: string[];
  department?: string;
  programId?: string;
  collegeId?: string;
}

/**
 * Every token a user holds: their own, and each role's within its scope. A scoped role
 * yields only its scoped token (never `role:hr_officer` for every department), and
 * nothing at all without its claim.
 */
export function principalTokens(p: Principal): string[] {
  const tokens = new Set([userToken(p.sub)]);
  for (const role of effectiveRoles(p)) {
    const claim = scopeClaimOf(role);
    if (!claim) tokens.add(`role:${role}`);
    else if (claim === 'department') tokens.add(roleToken(role, { department: p.department }));
    else if (claim === 'collegeId') tokens.add(roleToken(role, { collegeId: p.collegeId }));
    else tokens.add(roleToken(role, { programId: p.programId }));
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
    (scope.collegeId && mailboxes[`${role}:${scope.collegeId}`]) ||
    mailboxes[role]
  );
}
