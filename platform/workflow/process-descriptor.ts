/**
 * What a process declares about itself (processes/<name>/descriptor.ts), so the platform can
 * derive every list that would otherwise name each process: case types, task types and the
 * schemas of their data, who supervises and where lateness escalates, the people a case
 * names in roles, the policy's defaults and sections, the schema modules workers preload,
 * the workflow types and the API's routes. The registry of descriptors is processes/index.ts.
 *
 * Pure data and pure functions, loaded by workflow code: a descriptor imports no API or Node
 * module (its routes are named by folder and loaded by the API alone).
 */
import type { ZodTypeAny } from 'zod';
import { roleToken, type Scope } from './access';
import type { PolicyDuration } from './calendar';
import type { CaseFacts, Reader, View } from './read-view';
import type { ActingUser, CaseParties } from './records';

/** What the date bounds of task data are measured against: today in Los Angeles (YYYY-MM-DD). */
export interface DataBounds {
  today: string;
}

export interface TaskTypeDescriptor {
  /** The schema of the `data` a person sends when completing it; `bounds` adds the checks against today. */
  data: (bounds?: DataBounds) => ZodTypeAny;
  /** The roles the process makes candidates of the task (within its scope). */
  candidateRoles: readonly string[];
}

/** The default time a task of a type has, its reminder and where it escalates (policy `tasks`). */
export interface TaskPolicy {
  /** Time the person has to act, from when the task is created. */
  due: PolicyDuration;
  /** How long before the due time the reminder e-mail goes out. */
  reminderBefore: PolicyDuration;
  /** The role an overdue task escalates to (flagged, e-mailed, may reassign it). */
  escalateTo: string;
}

/** A role that supervises a case type's tasks; `scopedBy` limits it to the task's own scope value. */
export interface SupervisingRole {
  role: string;
  scopedBy?: keyof Scope;
}

/** A person a case names in a role, read from the case's fields (state or read-model details). */
export interface PartyRule {
  party: string;
  /** Acting as the party needs one of these roles at the moment of acting. */
  roles: readonly string[];
  id: (fields: Record<string, unknown>) => unknown;
}

export interface CaseTypeDescriptor {
  /** Youth records: never visible to admin; a task escalating to admin goes to this role instead. */
  youthData?: { escalateInsteadOfAdmin: string };
  /** The task types its cases open, in the order people meet them (the inbox's filter offers these). */
  taskTypes: readonly string[];
  /** Who hands the tasks of this case type over (whoever a task escalated to does too). */
  supervisingRoles: readonly SupervisingRole[];
  /** The people the case names in roles (its social worker, case worker, caller …). */
  namedParties?: readonly PartyRule[];
  /** People whose own case it is beyond its recorded parties (an applicant with an account). */
  subjectIds?: (fields: Record<string, unknown>) => unknown[];
  /** Roles in conflict of interest on a case of their own program (a program's reviewers under review). */
  programConflictRoles?: readonly string[];
  /** Its readers' kinds and what each reads (default: the listed viewers read everything). */
  readViews?: readonly View[];
  /** Which of its views a reader gets, or undefined (nothing: 404); default: a viewer gets the first. */
  readerKind?: (r: Reader, c: CaseFacts) => string | undefined;
  /**
   * A screening's listing: only its case worker, case supervisors and approved pool records
   * reach the lists, never through the admin role (the SQL superset the read views narrow).
   */
  screeningListing?: boolean;
  /** Roles whose task report counts this type's open tasks (a scoped one: within its own scope). */
  taskReportRoles?: readonly SupervisingRole[];
  /** Roles that list every case of this type (the case supervisors, for wellness records). */
  listedToRoles?: readonly string[];
  /** Its task answers reach only a view that lists them (not every candidate of a task). */
  sensitiveTaskAnswers?: boolean;
  /** Whose case it is, for cases started before parties were recorded. */
  partiesBeforeRecorded?: (c: { ownerId?: string | null; programId?: string | null }) => CaseParties | undefined;
}

/** A process's own section of the policy: its key, its defaults and the check of an override. */
export interface PolicySection<K extends string, S> {
  key: K;
  defaults: S;
  /** The zod schema of the section, given the platform's schema of a policy duration. */
  schema: (duration: ZodTypeAny) => ZodTypeAny;
}

export interface Process<C extends string, T extends string, S> {
  /** The process's folder under processes/. */
  name: string;
  caseTypes: Record<C, CaseTypeDescriptor>;
  /** The task types this process declares (a process may open another's, e.g. `safety_review`). */
  tasks: Record<T, TaskTypeDescriptor>;
  /** Defaults of policy `tasks` for the task types it declares. */
  taskPolicy: Record<T, TaskPolicy>;
  policySection: S;
  /** Modules of zod schemas the workflows share, preloaded by the workers (workflows/shared/preloaded.ts). */
  schemaModules: readonly object[];
  /** The workflow types it runs, exported by its workflows.ts (the bundle's entry exports them all). */
  workflows: readonly string[];
  /** The folder, inside the process's, whose index.ts exports `registerRoutes` (loaded by the API only). */
  routes: string;
  /**
   * The kinds of read-model rows of its own its transitions carry (`projections`), written
   * by the writers its projection.ts exports as `projectionWriters` (loaded by the worker only).
   */
  projectionKinds?: readonly string[];
}

export type AnyProcess = Process<string, string, PolicySection<string, object> | undefined>;

/** Declares a process, keeping its case and task types as literal unions. */
export function defineProcess<
  C extends string,
  T extends string,
  S extends PolicySection<string, object> | undefined = undefined,
>(p: Process<C, T, S>): Process<C, T, S> {
  return p;
}

/** Supervises: whoever holds one of the roles, a scoped one within the task's own scope value. */
export function holdsSupervisingRole(
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
