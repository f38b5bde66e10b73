/**
 * The human-task core shared by every process: a workflow opens tasks (read-model row,
 * candidates, due date from policy, e-mail), each task gets a reminder before it is due
 * and an escalation when it is late, and is completed, claimed or assigned through
 * Updates whose synchronous validators refuse invalid transitions.
 *
 * Reminder and escalation timers are derived from the task records in the state, so
 * after continue-as-new `resumeTaskTimers()` rebuilds them from what was carried over.
 */
import { allHandlersFinished, condition, log, patched, uuid4, workflowInfo } from '@temporalio/workflow';
import type { EmailLanguage, EmailTemplateRef } from '../emails/messages';
import { platformEmail } from '../emails/platform-emails';
import { deliverEmails, recordTransition } from './activities';
import type { BusinessCalendar } from './calendar';
import { followOrganisationSettings } from './deadline-moves';
import { businessCalendarOf } from './jurisdiction';
import { DEFAULT_MIDNIGHT_SPREAD, isDayBoundary, spreadInstant } from './mass-instants';
import type { Policy } from './policy';
import {
  caseSnapshot,
  type CaseCore,
  type Change,
  type TaskCompletionHook,
  type TaskExpiryHook,
  type TaskSpec,
  type TaskValidator,
} from './case-core';
import { mergeProjections } from './projections';
import { recordOrWaitOnIncident, type IncidentWaits } from './incidents';
import { newTaskRecord } from './task-record';
import { runTaskTimers, taskRecipients } from './task-timers';
import { registerTaskUpdates } from './task-updates';
import {
  SYSTEM,
  type Actor,
  templatedEmail,
  type TemplatedEmail,
  type TaskRecord,
  type TaskStatus,
  type TimelineEvent,
  type TransitionInput,
} from './records';

/**
 * Versioning (see the README, "Changing a workflow"): cases that started before e-mail
 * became its own step and before incidents existed replay their recorded commits as they
 * were; from this marker on a commit writes, flags an incident if it cannot, and then
 * hands its e-mails to deliverEmails (until EMAILS_RELAYED).
 */
const COMMIT_WITH_INCIDENTS = 'commit-with-incidents-and-email-step';
/** Work due at a day boundary is done at the case's own instant within a window after it. */
const MASS_INSTANTS_SPREAD = 'mass-instants-spread';
/** A continued run resumes its tasks' timers before its handlers can run an early Update. */
const TIMERS_BEFORE_HANDLERS = 'timers-resumed-before-handlers';
/**
 * A commit's e-mails are relayed from the outbox by the mail worker
 * (platform/activities/outbox-relay.ts) rather than handed to a delivery activity: a person's
 * action no longer costs a second activity task and a workflow task that does nothing.
 */
const EMAILS_RELAYED = 'emails-relayed-from-outbox';

export { refuse } from './refusals';
export * from './case-core';

export class CaseRuntime<S extends CaseCore> {
  /** Business days and local dates in the organisation's jurisdiction (replaced when it changes). */
  calendar: BusinessCalendar;
  /** Commits (and expiry hooks) under way: the case never ends or continues as new with one left. */
  commitsInFlight = 0;
  private deliveriesInFlight = 0;
  private timersResumed = false;
  /** Admins' retries and the commits waiting on the case's incident (incidents.ts). */
  readonly incidents: IncidentWaits = { retries: 0, waiting: 0 };
  /** What happens when a task that expires at its due time does. */
  expiryHook?: TaskExpiryHook;

  constructor(
    readonly state: S,
    readonly policy: Policy,
    /** The process-specific view the API serves with the case. */
    private readonly details: (s: S) => Record<string, unknown>,
    /** Extra read-model rows written with every transition (e.g. the leave ledger). */
    private readonly extra: (s: S) => Omit<TransitionInput, 'case'> = () => ({}),
  ) {
    this.calendar = businessCalendarOf(policy);
    followOrganisationSettings(this);
  }

  nowIso(): string {
    return new Date(Date.now()).toISOString();
  }

  /** The case's page in the web app (e-mails link people to where the work is done). */
  caseLink(): string {
    return `${this.policy.publicBaseUrl}/cases/${this.state.caseId}`;
  }

  /** The task's page in the web app: it opens the case with this task's form first. */
  taskLink(taskId: string): string {
    return `${this.policy.publicBaseUrl}/tasks/${taskId}`;
  }

  /** A timeline event; of the actor only the id and name are recorded. */
  event(actor: Actor, event: string, detail: Record<string, unknown> = {}): TimelineEvent {
    const who: Actor = { id: actor.id, ...(actor.name ? { name: actor.name } : {}) };
    return { id: uuid4(), caseId: this.state.caseId, at: this.nowIso(), actor: who, event, detail };
  }

  /** A message by template (platform/emails): rendered in English when the outbox row is written. */
  /** A message; `language` when the case knows its recipients' (a public person's choice). */
  email(
    key: string,
    to: (string | undefined)[],
    message: EmailTemplateRef,
    link: string,
    language?: EmailLanguage,
  ): TemplatedEmail {
    const m = templatedEmail(key, to, message, link);
    return language ? { ...m, language } : m;
  }

  /**
   * Mirrors the state into the read model with the change's events, tasks and e-mails, then
   * hands the e-mails to their own delivery step (not awaited: SMTP never holds a case up).
   */
  async commit(change: Change): Promise<void> {
    // Counted so that the workflow never finishes with a transition still being recorded
    // (timer coroutines commit outside any Update handler).
    this.commitsInFlight++;
    try {
      this.state.version++;
      this.state.updatedAt = this.nowIso();
      const extra = this.extra(this.state);
      const projections = mergeProjections(extra.projections, change.projections);
      const snapshot = caseSnapshot(this.state, workflowInfo().workflowId, this.details(this.state));
      const input = { case: snapshot, ...extra, ...change, projections };
      if (!patched(COMMIT_WITH_INCIDENTS)) {
        await recordTransition(input);
        return;
      }
      await recordOrWaitOnIncident(this.state, this.incidents, input, () => this.nowIso());
      const keys = (change.emails ?? []).map((m) => m.key);
      if (keys.length && !patched(EMAILS_RELAYED)) this.deliverLater(keys);
    } finally {
      this.commitsInFlight--;
    }
  }

  /** Whether a commit waits on the incident, or is writing again after a retry (a read; no command). */
  incidentWaiting(): boolean {
    return this.incidents.waiting > 0 || this.state.incident !== undefined;
  }

  /** An admin's retry of the incident (the Update's validator checks there is one). */
  retryIncident(): void {
    this.incidents.retries++;
  }

  private deliverLater(keys: string[]): void {
    this.deliveriesInFlight++;
    // Failures are left to the outbox sweep.
    void deliverEmails({ keys })
      .catch(() => undefined)
      .finally(() => this.deliveriesInFlight--);
  }

  setStage(stage: string, status: 'open' | 'closed' = this.state.status): void {
    this.state.stage = stage;
    this.state.status = status;
  }

  // ---- tasks -------------------------------------------------------------------------

  /** Creates a task and starts its reminder and escalation timers; commit the returned change. */
  openTask(spec: TaskSpec, actor: Actor = SYSTEM): Change {
    const task = newTaskRecord(spec, {
      caseId: this.state.caseId,
      caseType: this.state.type,
      policy: this.policy,
      calendar: this.calendar,
      now: Date.now(),
    });
    this.state.tasks[task.id] = task;
    void runTaskTimers(this, task.id);
    return {
      tasks: [task],
      events: [this.event(actor, 'task_created', { taskId: task.id, type: task.type, dueAt: task.dueAt })],
      emails: [
        this.email(
          `${task.id}:assigned`,
          taskRecipients(this.policy, task),
          platformEmail('task-opened', { taskTitle: task.title, dueAt: task.dueAt }),
          this.taskLink(task.id),
        ),
      ],
    };
  }

  openTasks(filter: (t: TaskRecord) => boolean = () => true): TaskRecord[] {
    return Object.values(this.state.tasks).filter((t) => t.status === 'open' && filter(t));
  }

  /** Ends an open task without a decision (withdrawn request, year end, …). */
  closeTask(task: TaskRecord, status: Exclude<TaskStatus, 'open' | 'completed'>, actor: Actor, reason: string): Change {
    task.status = status;
    task.completedAt = this.nowIso();
    return {
      tasks: [task],
      events: [this.event(actor, `task_${status}`, { taskId: task.id, type: task.type, reason })],
    };
  }

  /** Drops finished tasks from the state (their rows stay in the read model). */
  forgetClosedTasks(): void {
    for (const [id, t] of Object.entries(this.state.tasks)) if (t.status !== 'open') delete this.state.tasks[id];
  }

  /** A continued run's carried-over tasks get their timers again (once: a second call does nothing). */
  resumeTaskTimers(): void {
    if (this.timersResumed) return;
    this.timersResumed = true;
    for (const t of this.openTasks()) void runTaskTimers(this, t.id);
  }

  /**
   * Registers the task Updates (complete, claim, assign) and the case's queries; see
   * task-updates.ts. `validate` adds the process's own synchronous checks of a completion.
   * A continued run's timers are resumed first: an Update that came with the run's first
   * activation runs inside setHandler, and a replay delivers it one activation later
   * (docs/testing.md, "Changing a workflow: the rule").
   */
  registerTaskHandlers(onComplete: TaskCompletionHook, validate: TaskValidator = () => undefined): void {
    if (this.state.recorded && !this.timersResumed && patched(TIMERS_BEFORE_HANDLERS)) this.resumeTaskTimers();
    registerTaskUpdates(this, onComplete, validate);
  }

  /** Says what happens when a task opened with `expiresAtDue` is not done in time. */
  onTaskExpired(hook: TaskExpiryHook): void {
    this.expiryHook = hook;
  }

  /** The process-specific view the read model and the API get. */
  detailsView(): Record<string, unknown> {
    return this.details(this.state);
  }

  /**
   * Waits for `pred` or the instant `untilMs`; false when the instant came first. An instant
   * at a day boundary is met at this case's place in the spread window after it.
   */
  async untilOr(pred: () => boolean, untilMs: number): Promise<boolean> {
    return condition(pred, Math.max(1, this.actsAt(untilMs) - Date.now()));
  }

  private actsAt(ms: number): number {
    if (!isDayBoundary(ms, this.calendar) || !patched(MASS_INSTANTS_SPREAD)) return ms;
    return spreadInstant(
      ms,
      workflowInfo().workflowId,
      this.policy.midnightSpread ?? DEFAULT_MIDNIGHT_SPREAD,
      this.calendar,
    );
  }

  /** True when history is long enough that the workflow should continue as new. */
  historyFull(): boolean {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength > this.policy.maxHistoryEvents;
  }

  /**
   * The life of a case that lasts until it closes: waits for that, and whenever history is
   * full continues as new (via `next`, carrying the state) once handlers have finished.
   */
  async runUntilClosed(next: (state: S) => Promise<never>): Promise<void> {
    await condition(() => this.state.status === 'closed' || this.historyFull());
    await this.drainHandlers();
    if (this.state.status !== 'closed') {
      this.forgetClosedTasks();
      await next(this.state);
    }
    this.reportTasksLeftOpen();
  }

  /**
   * Every task has a defined end when its case ends: each closing path closes its own
   * tasks in the same commit, with its reason (cancelled when withdrawn or declined,
   * expired at a deadline); `case-ends.test.ts` walks each path. A task still open here
   * is a bug in that path, reported loudly. It is deliberately not a commit: a safety net
   * that no recorded history can reach would be a path the replay suite cannot protect.
   */
  private reportTasksLeftOpen(): void {
    const open = this.openTasks();
    if (open.length)
      log.error('Case closed with open tasks', {
        caseId: this.state.caseId,
        tasks: open.map((t) => `${t.type}:${t.id}`),
      });
  }

  /** Before finishing or continuing as new: let running Update handlers and commits complete. */
  async drainHandlers(): Promise<void> {
    await condition(() => allHandlersFinished() && this.commitsInFlight === 0 && this.deliveriesInFlight === 0);
  }
}
