/**
 * The platform's view of the registered processes (processes/index.ts): the case and task
 * types as literal unions and arrays, and each type's descriptor. Every list that would name
 * the processes is derived here or from these, so the platform itself names none.
 */
import { PROCESSES } from '../../processes';
import type { Scope } from './access';
import type {
  CaseTypeDescriptor,
  Process,
  RoleDeclaration,
  SupervisingRole,
  TaskTypeDescriptor,
} from './process-descriptor';

export type RegisteredProcess = (typeof PROCESSES)[number];
type CaseTypeOf<P> = P extends Process<infer C, string, unknown, string, string> ? C : never;
type TaskTypeOf<P> = P extends Process<string, infer T, unknown, string, string> ? T : never;
type RefusalCodeOf<P> = P extends Process<string, string, unknown, infer F, string> ? F : never;
type RoleOf<P> = P extends Process<string, string, unknown, string, infer R> ? R : never;
export type CaseType = CaseTypeOf<RegisteredProcess>;
export type TaskType = TaskTypeOf<RegisteredProcess>;
/** The refusal codes the processes declare as their own (the platform's: refusals.ts). */
export type ProcessRefusalCode = RefusalCodeOf<RegisteredProcess>;
/** The platform's own role: administrators of the organisation (its people, rules, words and cases). */
export const ADMIN_ROLE = 'admin';
/** Every role a token may carry: the admins' and each process's. */
export type Role = typeof ADMIN_ROLE | RoleOf<RegisteredProcess>;

export { PROCESSES };

/** Every case type, in the registry's order (feeds the API's zod enum). */
export const CASE_TYPES = PROCESSES.flatMap((p) => Object.keys(p.caseTypes)) as unknown as readonly [
  CaseType,
  ...CaseType[],
];

/** Every task type, in the registry's order. */
export const TASK_TYPES = PROCESSES.flatMap((p) => Object.keys(p.tasks)) as unknown as readonly [
  TaskType,
  ...TaskType[],
];

const caseTypes = new Map<string, CaseTypeDescriptor>(
  PROCESSES.flatMap((p) => Object.entries<CaseTypeDescriptor>(p.caseTypes)),
);
const taskTypes = new Map<string, TaskTypeDescriptor>(
  PROCESSES.flatMap((p) => Object.entries<TaskTypeDescriptor>(p.tasks)),
);

/** What a case type's process declares about it (undefined for a type no process declares). */
export function caseTypeDescriptor(type: string): CaseTypeDescriptor | undefined {
  return caseTypes.get(type);
}

/** What a task type's process declares about it (undefined for a type no process declares). */
export function taskTypeDescriptor(type: string): TaskTypeDescriptor | undefined {
  return taskTypes.get(type);
}

/** The path prefixes every process's one-time links open (their tokens follow), longest first. */
export const ONE_TIME_LINK_PATHS: readonly string[] = PROCESSES.flatMap((p) => p.oneTimeLinkPaths ?? []).sort(
  (a, b) => b.length - a.length,
);

/** A regular-expression alternation of the one-time link paths without their slashes (`references|…`). */
export const oneTimeLinkAlternation = (): string =>
  ONE_TIME_LINK_PATHS.map((p) => p.replace(/^\/|\/$/g, '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');

const declaredRoles = PROCESSES.flatMap((p) => Object.entries<RoleDeclaration>(p.roles));

/** Every role a token may carry, the admins' first, then each process's in the registry's order, once. */
export const ROLES = [...new Set<string>([ADMIN_ROLE, ...declaredRoles.map(([role]) => role)])] as unknown as readonly [
  Role,
  ...Role[],
];

/** The claim each scoped role needs (a role declared by several processes has one scope: the registry's test). */
export const ROLE_SCOPES: ReadonlyMap<string, keyof Scope> = new Map(
  declaredRoles.flatMap(([role, d]) => (d.scopedBy ? [[role, d.scopedBy] as const] : [])),
);

const uniqueRoles = (roles: readonly SupervisingRole[]) => [...new Set(roles.map((r) => r.role))] as Role[];
const caseTypeList = PROCESSES.flatMap((p) => Object.values<CaseTypeDescriptor>(p.caseTypes));

/**
 * The roles that supervise someone's work: they see their team's open tasks and the task
 * report (each case type's `taskReportRoles`), and the admins.
 */
export const TEAM_SUPERVISING_ROLES: readonly Role[] = [
  ...uniqueRoles(caseTypeList.flatMap((d) => d.taskReportRoles ?? [])),
  ADMIN_ROLE,
];

/** The roles that read every screening listed (the supervisors of the case types listed as screenings). */
export const SCREENING_SUPERVISING_ROLES: readonly Role[] = uniqueRoles(
  caseTypeList.flatMap((d) => (d.screeningListing ? d.supervisingRoles : [])),
);

/** The roles beyond a task's candidate roles whose holders may be handed tasks (every case type's). */
export const ASSIGNABLE_ROLES: readonly Role[] = [
  ...new Set(caseTypeList.flatMap((d) => d.assignableRoles ?? [])),
] as Role[];
