/**
 * Where the milliseconds of one click go, from timestamps that can be observed: when the
 * bench sent the HTTP request and got its answer, and the eventTime of each event in the
 * workflow's Temporal history. The click's critical path is traced backwards from the
 * Update that answered it: the workflow task that completed the Update, what scheduled
 * that task (an activity's completion, else the request itself), the workflow task that
 * scheduled that activity, and so on. Each phase runs from the previous point of the path
 * to the next, so the phases of one click add up to its wall time exactly. Pure: the bench
 * (scripts/bench/profile-click.ts) feeds it histories, test/unit/click-phases.test.ts a literal one.
 */
import { percentile } from './load';

/** One history event, reduced to what the phases need. */
export interface ClickEvent {
  id: number;
  /** The event type without its EVENT_TYPE_ prefix, e.g. WORKFLOW_TASK_SCHEDULED. */
  type: string;
  /** eventTime in epoch milliseconds. */
  at: number;
  /** Activity started / completed: the id of the activity's ACTIVITY_TASK_SCHEDULED. */
  scheduledEventId?: number;
  /** Activity scheduled: the activity's type. */
  activityType?: string;
}

export interface Phase {
  name: string;
  ms: number;
}

export interface ClickProfile {
  phases: Phase[];
  /** Workflow tasks and activity tasks in the history from the request up to the answering Update. */
  workflowTasks: number;
  activityTasks: number;
}

/** A history event as @temporalio/proto gives it (Long ids, Timestamp times, an enum number type). */
export interface ProtoEvent {
  eventId?: unknown;
  eventType?: unknown;
  eventTime?: { seconds?: unknown; nanos?: number | null } | null;
  activityTaskScheduledEventAttributes?: { activityType?: { name?: string | null } | null } | null;
  activityTaskStartedEventAttributes?: { scheduledEventId?: unknown } | null;
  activityTaskCompletedEventAttributes?: { scheduledEventId?: unknown } | null;
}

/** Reduces a proto history event; `typeName` maps the enum number to its name (EventType[n]). */
export function clickEvent(e: ProtoEvent, typeName: (n: number) => string): ClickEvent {
  const scheduled =
    e.activityTaskStartedEventAttributes?.scheduledEventId ?? e.activityTaskCompletedEventAttributes?.scheduledEventId;
  return {
    id: Number(e.eventId),
    type: typeName(Number(e.eventType)).replace(/^EVENT_TYPE_/, ''),
    at: Number(e.eventTime?.seconds ?? 0) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6,
    ...(scheduled !== undefined && scheduled !== null ? { scheduledEventId: Number(scheduled) } : {}),
    ...(e.activityTaskScheduledEventAttributes?.activityType?.name
      ? { activityType: e.activityTaskScheduledEventAttributes.activityType.name }
      : {}),
  };
}

const lastBefore = (events: ClickEvent[], type: string, id: number) =>
  events.filter((e) => e.type === type && e.id < id).at(-1);

type Link =
  | { kind: 'workflow task'; scheduled: ClickEvent; started: ClickEvent; completed: ClickEvent }
  | { kind: 'activity'; name: string; scheduled: ClickEvent; started: ClickEvent; completed: ClickEvent };

/**
 * The phases of one click. `events` are the history events written since the request was
 * sent (for a new workflow, its whole history); `sentAt` and `answeredAt` are the bench's
 * own clock (epoch ms, the same machine as the Temporal server).
 */
export function clickPhases(events: ClickEvent[], sentAt: number, answeredAt: number): ClickProfile {
  const sorted = [...events].sort((a, b) => a.id - b.id);
  const update = sorted.find((e) => e.type === 'WORKFLOW_EXECUTION_UPDATE_COMPLETED');
  if (!update) throw new Error('no completed Update in the history: the click was not answered by an Update');
  const path: Link[] = [];
  let completed = lastBefore(sorted, 'WORKFLOW_TASK_COMPLETED', update.id);
  while (completed) {
    const started = lastBefore(sorted, 'WORKFLOW_TASK_STARTED', completed.id);
    const scheduled = started && lastBefore(sorted, 'WORKFLOW_TASK_SCHEDULED', started.id);
    if (!started || !scheduled) throw new Error(`workflow task ${completed.id} has no scheduled/started event`);
    path.unshift({ kind: 'workflow task', scheduled, started, completed });
    // What scheduled this workflow task: an activity that completed since the task before it.
    const before = lastBefore(sorted, 'WORKFLOW_TASK_COMPLETED', scheduled.id)?.id ?? 0;
    const done = sorted.filter((e) => e.type === 'ACTIVITY_TASK_COMPLETED' && e.id > before && e.id < scheduled.id);
    const activityDone = done.at(-1);
    if (!activityDone) break; // the request itself (a start, or an Update arriving)
    const activityScheduled = sorted.find((e) => e.id === activityDone.scheduledEventId);
    const activityStarted = sorted.find(
      (e) => e.type === 'ACTIVITY_TASK_STARTED' && e.scheduledEventId === activityDone.scheduledEventId,
    );
    if (!activityScheduled || !activityStarted)
      throw new Error(`activity completed at event ${activityDone.id} has no scheduled/started event`);
    path.unshift({
      kind: 'activity',
      name: activityScheduled.activityType ?? 'activity',
      scheduled: activityScheduled,
      started: activityStarted,
      completed: activityDone,
    });
    completed = lastBefore(sorted, 'WORKFLOW_TASK_COMPLETED', activityScheduled.id);
  }
  const phases: Phase[] = [];
  let at = sentAt;
  const step = (name: string, to: number) => {
    phases.push({ name, ms: to - at });
    at = to;
  };
  let n = 0;
  for (const [i, link] of path.entries()) {
    if (i === 0) step('request to its workflow task scheduled', link.scheduled.at);
    const what = link.kind === 'workflow task' ? `workflow task ${++n}` : `activity ${link.name}`;
    step(`${what}: queue wait`, link.started.at);
    step(`${what}: run`, link.completed.at);
  }
  step('Update completed to the answer', answeredAt);
  const upTo = sorted.filter((e) => e.id <= update.id);
  return {
    phases,
    workflowTasks: upTo.filter((e) => e.type === 'WORKFLOW_TASK_COMPLETED').length,
    activityTasks: upTo.filter((e) => e.type === 'ACTIVITY_TASK_COMPLETED').length,
  };
}

export interface PhaseSummary {
  name: string;
  p50: number;
  mean: number;
  /** In how many of the samples the phase was on the path. */
  samples: number;
}

/** p50 and mean of each phase over many clicks, in the order the phases first appear; the total last. */
export function summarize(profiles: ClickProfile[]): PhaseSummary[] {
  const by = new Map<string, number[]>();
  for (const p of profiles) for (const ph of p.phases) by.set(ph.name, [...(by.get(ph.name) ?? []), ph.ms]);
  const totals = profiles.map((p) => p.phases.reduce((s, ph) => s + ph.ms, 0));
  const row = (name: string, xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return { name, p50: percentile(sorted, 50), mean: xs.reduce((s, x) => s + x, 0) / xs.length, samples: xs.length };
  };
  return [...[...by].map(([name, xs]) => row(name, xs)), row('total (wall time of the request)', totals)];
}
