/**
 * When the organisation's calendar changes (a holiday added this year, a date removed, a new
 * jurisdiction), the open deadlines counted in business days follow it: a task due ten
 * business days after it opened is due ten business days after it opened on the new
 * calendar, and its reminder moves with it. Deadlines a process set itself (an instant, not a
 * count of business days), deadlines already passed and tasks already escalated stay where
 * they are. The task timers follow the moved instants (task-timers.ts).
 *
 * The settings' signal may share a workflow task with a person's Update; its work (the moved
 * deadlines' write) runs in turn after the task's Updates (in-turn.ts), so a replay issues the
 * same commands whatever order core hands the two over in.
 */
import { patched, setHandler } from '@temporalio/workflow';
import { addDuration, subtractDuration, type BusinessCalendar } from './calendar';
import type { CaseCore } from './case-core';
import type { CaseRuntime } from './case-runtime';
import { workInTurn } from './in-turn';
import { businessCalendarOf } from './jurisdiction';
import {
  applyOrganisationSettings,
  organisationSettingsSignal,
  type OrganisationSettings,
} from './organisation-settings';
import { taskPolicy, type Policy } from './policy';
import { SYSTEM, type TaskRecord } from './records';

/** Moves the open tasks' business-day deadlines, in place, onto the new calendar; returns those moved. */
export function moveOpenDeadlines(
  tasks: TaskRecord[],
  policy: Policy,
  before: BusinessCalendar,
  after: BusinessCalendar,
  now: number,
): TaskRecord[] {
  const moved: TaskRecord[] = [];
  for (const task of tasks) {
    const dueMs = Date.parse(task.dueAt);
    if (task.status !== 'open' || task.escalated || dueMs <= now) continue;
    const p = taskPolicy(policy, task.type);
    if (typeof p.due === 'string') continue;
    const opened = Date.parse(task.createdAt);
    // A due time the process gave the task itself is not the policy's count of business days.
    if (addDuration(opened, p.due, before) !== dueMs) continue;
    const due = addDuration(opened, p.due, after);
    if (due === dueMs) continue;
    task.dueAt = new Date(due).toISOString();
    if (!task.reminded)
      task.remindAt = new Date(Math.max(opened, subtractDuration(due, p.reminderBefore, after))).toISOString();
    moved.push(task);
  }
  return moved;
}

/** Moves a case's open deadlines after its calendar changed from `before`, and records each move. */
export async function followCalendar<S extends CaseCore>(rt: CaseRuntime<S>, before: BusinessCalendar): Promise<void> {
  const moved = moveOpenDeadlines(Object.values(rt.state.tasks), rt.policy, before, rt.calendar, Date.now());
  if (!moved.length) return;
  const events = moved.map((t) => rt.event(SYSTEM, 'task_due_moved', { taskId: t.id, type: t.type, dueAt: t.dueAt }));
  await rt.commit({ tasks: moved, events });
}

/** Open business-day deadlines follow a calendar the organisation changed. */
const CALENDAR_MOVES_DEADLINES = 'calendar-moves-open-deadlines';
/** The settings' work waits for the Updates of its workflow task (runs started before it apply them at once). */
const SETTINGS_IN_TURN = 'organisation-settings-in-turn';

/** Handles the organisation's settings told to a running case: applied to its policy, deadlines moved. */
export function followOrganisationSettings<S extends CaseCore>(rt: CaseRuntime<S>): void {
  const inTurn = patched(SETTINGS_IN_TURN) ? workInTurn() : undefined;
  const apply = async (settings: OrganisationSettings) => {
    const before = rt.calendar;
    applyOrganisationSettings(rt.policy, settings);
    rt.calendar = businessCalendarOf(rt.policy);
    // Settings without a calendar (those in older histories) move nothing, as before.
    if (settings.calendar && patched(CALENDAR_MOVES_DEADLINES)) await followCalendar(rt, before);
  };
  setHandler(organisationSettingsSignal, (settings) => (inTurn ? inTurn(() => apply(settings)) : apply(settings)));
}
