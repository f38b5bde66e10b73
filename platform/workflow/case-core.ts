/**
 * The shapes every case shares: the part of a process's state the human-task core manages
 * (CaseCore), a task to open (TaskSpec), and a change to record (Change), with the helpers
 * that make them. Types and pure functions only; the runtime that acts on them is
 * case-runtime.ts.
 */
import type { Scope } from './access';
import { mergeProjections, type ProjectionRow } from './projections';
import type { CompleteTaskInput } from './messages';
import { refuse } from './refusals';
import type { CaseHeader, CaseSnapshot, EmailMessage, TaskRecord, TimelineEvent } from './records';

/** The part of every process's state the runtime manages. */
export interface CaseCore extends CaseHeader {
  caseId: string;
  /** True once the first read-model row is written. */
  recorded: boolean;
  /** A transition that could not be written: the case waits for an admin's retry. */
  incident?: { since: string; reason: string };
  tasks: Record<string, TaskRecord>;
}

/** The case's read-model row as a transition writes it: its header and the process's details. */
export function caseSnapshot(s: CaseCore, workflowId: string, details: Record<string, unknown>): CaseSnapshot {
  return {
    id: s.caseId,
    workflowId,
    type: s.type,
    status: s.status,
    stage: s.stage,
    subject: s.subject,
    viewers: s.viewers,
    ownerId: s.ownerId,
    ...(s.parties ? { parties: s.parties } : {}),
    department: s.department,
    programId: s.programId,
    details,
    version: s.version,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

/** The core of a new case: open, unrecorded, no tasks yet. */
export function newCase<Stage extends string>(
  fields: Pick<CaseCore, 'caseId' | 'type' | 'subject' | 'viewers'> & { stage: Stage } & Partial<
      Pick<CaseCore, 'ownerId' | 'parties' | 'department' | 'programId'>
    >,
): CaseCore & { stage: Stage } {
  const now = new Date(Date.now()).toISOString();
  return { status: 'open', version: 0, createdAt: now, updatedAt: now, recorded: false, tasks: {}, ...fields };
}

export interface TaskSpec {
  type: string;
  title: string;
  candidateRoles: string[];
  /** Access tokens of who may complete it; defaults to the candidate roles in `scope`. */
  candidates?: string[];
  scope: Scope;
  /** For a task addressed to a named person: their e-mail. */
  notifyEmail?: string;
  outcomes: string[];
  ref?: string;
  /** Tokens of who may be handed the task; defaults to the candidates. */
  assignable?: string[];
  /** Two-person rule: who gave the step before and so may not act on this one. */
  excludedActors?: string[];
  /** Not done by its due time, the task expires (the process's expiry hook says what next) instead of escalating. */
  expiresAtDue?: boolean;
  /** A due instant of the task's own (a call's date plus the time to log it) instead of the policy's duration. */
  dueAtMs?: number;
  /** Where it escalates when late, instead of the policy's role for its type. */
  escalateTo?: string;
  /** A named person alerted too when it escalates (the coordinator who assigned a wellness caller). */
  escalateAlso?: { id: string; email?: string };
  /** No reminder (its reminder would fall at once: the assignment e-mail says it already). */
  noReminder?: boolean;
}

export interface Change {
  events?: TimelineEvent[];
  tasks?: TaskRecord[];
  emails?: EmailMessage[];
  /** The process's own rows (one per kind). */
  projections?: ProjectionRow[];
}

/** Several changes recorded as one transition (scalar parts: the last one given wins). */
export function mergeChanges(...changes: Change[]): Change {
  return {
    tasks: changes.flatMap((c) => c.tasks ?? []),
    events: changes.flatMap((c) => c.events ?? []),
    emails: changes.flatMap((c) => c.emails ?? []),
    projections: mergeProjections(...changes.map((c) => c.projections)),
  };
}

export type TaskCompletionHook = (task: TaskRecord, input: CompleteTaskInput) => Promise<Change>;

/**
 * A process's named handlers, one per task type (`{ contact_volunteer: …, report_outcome: … }`,
 * typed over the process's task-type union so the compiler checks each has one), as the one
 * completion hook the runtime takes; a task of any other type is refused.
 */
export function onCompletedByType<T extends string>(handlers: Record<T, TaskCompletionHook>): TaskCompletionHook {
  return async (task, input) =>
    Object.prototype.hasOwnProperty.call(handlers, task.type)
      ? handlers[task.type as T](task, input)
      : refuse('unknown_task', `Unknown task type ${task.type}`);
}
/**
 * The same dispatch, adding no step of its own: what the runtime awaits is the handler's own
 * promise, so a handler's commands come at the same moment they did when the process
 * completed its tasks in one function (the leave, certification, screening and match
 * workflows: their recorded histories depend on it). onCompletedByType awaits in between, a
 * few microtasks later, so a timer or activity started meanwhile by another part of the case
 * may issue its command first; the processes that use it recorded their histories that way.
 */
export function taskHandlersByType<T extends string>(handlers: Record<T, TaskCompletionHook>): TaskCompletionHook {
  return (task, input) =>
    Object.prototype.hasOwnProperty.call(handlers, task.type)
      ? handlers[task.type as T](task, input)
      : (async () => refuse('unknown_task', `Unknown task type ${task.type}`))();
}
export type TaskValidator = (task: TaskRecord, input: CompleteTaskInput) => void;
/** What a process does when a task that expires at its due time does (see TaskSpec.expiresAtDue). */
export type TaskExpiryHook = (task: TaskRecord) => Promise<Change> | Change;
