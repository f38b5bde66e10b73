/**
 * What a process declares about itself (processes/<name>/descriptor.ts), so the platform can
 * derive every list that would otherwise name each process: case types, task types and the
 * schemas of their data, the roles its people hold, who supervises and where lateness
 * escalates, the people a case names in roles, the policy's defaults and sections, the schema modules workers preload,
 * the workflow types and the API's routes. The registry of descriptors is processes/index.ts.
 *
 * Pure data and pure functions, loaded by workflow code: a descriptor imports no API or Node
 * module (its routes are named by folder and loaded by the API alone).
 */
import type { ZodTypeAny } from 'zod';
import type { EmailCatalogue } from '../emails/messages';
import type { Scope } from './access';
import type { PolicyDuration } from './calendar';
import type { CaseFacts, Reader, View } from './read-view';
import type { CaseParties } from './records';

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

/**
 * A role the people of a process hold (a token's `roles` claim). `scopedBy` is the claim a
 * scoped role needs — its holder's department, program or college — without which it grants
 * nothing; with it, the role counts only within that scope (docs/security.md, "Who may act").
 */
export interface RoleDeclaration {
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
  /**
   * The shape of its read-model `details` (what the workflow's runtime view writes): the API
   * reads details through it (platform/api/details.ts), and a unit test parses every recorded
   * transition with it, so the workflow and the readers of its details cannot drift apart.
   */
  details: ZodTypeAny;
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
  /**
   * Roles whose task report counts this type's open tasks (a scoped one: within its own scope);
   * with the admins, they see their team's open tasks and the task report.
   */
  taskReportRoles?: readonly SupervisingRole[];
  /** Roles that list every case of this type (the case supervisors, for wellness records). */
  listedToRoles?: readonly string[];
  /**
   * Roles beyond its tasks' candidate roles whose holders its tasks may be handed to (a case
   * supervisor, the youth's social worker): the people a task may be handed to are looked for
   * among the holders of these (every case type's) and of the task's candidate roles, then
   * narrowed by the rules.
   */
  assignableRoles?: readonly string[];
  /** Its task answers reach only a view that lists them (not every candidate of a task). */
  sensitiveTaskAnswers?: boolean;
  /**
   * Its owner of record (`owner_id`) is the staff member who works it (a foster case's case
   * worker), so the case is among that person's "my cases" (GET /cases?assigneeId=me).
   */
  ownerWorksTheCase?: boolean;
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

/** The HTTP status of a refusal: the input's shape, who may act, not there, the state moved on, a business rule. */
export type RefusalStatus = 400 | 403 | 404 | 409 | 422;

export interface Process<C extends string, T extends string, S, F extends string = never, R extends string = never> {
  /** The process's folder under processes/. */
  name: string;
  /**
   * The roles its people hold, every one it names (candidates, supervisors, escalation,
   * parties, its routes); the platform's own is `admin`. A role people hold across processes
   * is declared by each that uses it, with one scope: removing a process keeps the others'.
   */
  roles: Record<R, RoleDeclaration>;
  caseTypes: Record<C, CaseTypeDescriptor>;
  /** The task types this process declares (a process may open one another declares). */
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
  /**
   * Fields its transitions carried before their rows were projections, and the kind each
   * is now (field → kind, in the order they were written): running cases scheduled writes
   * with them, which the read-model activity and the value replay read as projections.
   */
  legacyProjectionFields?: Record<string, string>;
  /**
   * Activities of its own, by the worker that runs them: `cases` on the case worker, `mail`
   * (anything that talks SMTP) on the mail worker. Its activities/index.ts exports
   * `createActivities(deps)` making them (loaded by the worker only); the names are what
   * running histories schedule, so a name never changes.
   */
  activities?: { cases?: readonly string[]; mail?: readonly string[] };
  /**
   * The path prefixes (ending in `/`, the token after them) of its pages and routes that a
   * one-time link opens (`/<page>/`): their failed look-ups are rate-limited, the
   * outbox's stored copy of an e-mail loses the token, and metrics label them by prefix.
   */
  oneTimeLinkPaths?: readonly string[];
  /**
   * The default mailboxes (policy `mailboxes`, keyed by role) of the roles its tasks go to
   * and escalate to; an administrator overrides them, per department, program or college too.
   * A role's mailbox is declared once (the admins' is the platform's).
   */
  mailboxes?: Record<string, string>;
  /**
   * The refusal codes only this process gives, with the HTTP status the API answers (the
   * platform's generic codes: platform/workflow/refusals.ts). A code is declared once.
   */
  refusals?: Record<F, RefusalStatus>;
  /** Its e-mail messages and their variables (templates in its `emails/` folder: docs/emails.md). */
  emails?: EmailCatalogue;
}

export type AnyProcess = Process<string, string, PolicySection<string, object> | undefined, string, string>;

/** Declares a process, keeping its case types, task types, refusal codes and roles as literal unions. */
export function defineProcess<
  C extends string,
  T extends string,
  S extends PolicySection<string, object> | undefined = undefined,
  F extends string = never,
  R extends string = never,
>(p: Process<C, T, S, F, R>): Process<C, T, S, F, R> {
  return p;
}
