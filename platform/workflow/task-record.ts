/**
 * A new task's record from what a process asks for: candidates as tokens, due and reminder
 * instants from the policy's durations on the business calendar, where it escalates
 * (never to admin for youth data). Pure apart from the workflow's deterministic uuid4,
 * so the runtime that opens tasks stays about their timers and commits.
 */
import { uuid4 } from '@temporalio/workflow';
import { roleToken } from './access';
import { addDuration, subtractDuration, type BusinessCalendar } from './calendar';
import type { TaskSpec } from './case-core';
import { taskPolicy, type Policy } from './policy';
import type { TaskRecord } from './records';
import { escalationRole } from './who-may-act';

export function newTaskRecord(
  spec: TaskSpec,
  c: { caseId: string; caseType: string; policy: Policy; calendar: BusinessCalendar; now: number },
): TaskRecord {
  const p = taskPolicy(c.policy, spec.type);
  const dueMs = spec.dueAtMs ?? addDuration(c.now, p.due, c.calendar);
  return {
    id: uuid4(),
    caseId: c.caseId,
    type: spec.type,
    title: spec.title,
    status: 'open',
    candidateRoles: spec.candidateRoles,
    candidates: spec.candidates ?? spec.candidateRoles.map((r) => roleToken(r, spec.scope)),
    escalatedTo: [],
    ...(spec.assignable ? { assignable: spec.assignable } : {}),
    ...(spec.excludedActors?.length ? { excludedActors: spec.excludedActors } : {}),
    ...(spec.expiresAtDue ? { expiresAtDue: true } : {}),
    scope: spec.scope,
    notifyEmail: spec.notifyEmail,
    createdAt: new Date(c.now).toISOString(),
    dueAt: new Date(dueMs).toISOString(),
    remindAt: new Date(Math.max(c.now, subtractDuration(dueMs, p.reminderBefore, c.calendar))).toISOString(),
    reminded: !!spec.noReminder,
    escalated: false,
    escalateTo: escalationRole(c.caseType, spec.escalateTo ?? p.escalateTo),
    ...(spec.escalateAlso ? { escalateAlso: spec.escalateAlso } : {}),
    outcomes: spec.outcomes,
    ref: spec.ref,
  };
}
