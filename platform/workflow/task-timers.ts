/**
 * A task's timers: its reminder before it is due, then at its due time either its expiry
 * (a task that expires instead of escalating) or its escalation. Derived from the task
 * record, so after continue-as-new the runtime rebuilds them from what was carried over.
 * Part of the human-task core (case-runtime.ts), apart so each reads on its own.
 */
import { patched } from '@temporalio/workflow';
import { roleMailbox, roleToken, userToken } from './access';
import { mergeChanges, type CaseCore } from './case-core';
import type { CaseRuntime } from './case-runtime';
import type { Policy } from './policy';
import { SYSTEM, type TaskRecord } from './records';
import { escalationRole } from './who-may-act';
import { platformEmail } from '../emails/platform-emails';

/** An expiry's hook and commit are waited for before the case closes or continues as new. */
const EXPIRY_DRAINED = 'expiry-hook-drained';

/** Who a task's notices go to: its named person, else its candidate roles' mailboxes. */
export function taskRecipients(policy: Policy, task: TaskRecord): (string | undefined)[] {
  if (task.notifyEmail) return [task.notifyEmail];
  return task.candidateRoles.map((r) => roleMailbox(policy.mailboxes, r, task.scope));
}

/**
 * The wake-up condition of a wait for the instant in the task's `remindAt` or `dueAt`: the
 * task closed, or a changed calendar moved the instant (deadline-moves.ts), when the wait
 * starts again at the new one. The waits await `untilOr` directly, as they always did, so a
 * case's coroutines wake in the order its history recorded.
 */
const closedOrMoved = (task: TaskRecord, field: 'remindAt' | 'dueAt', at: string) => () =>
  task.status !== 'open' || task[field] !== at;

export async function runTaskTimers<S extends CaseCore>(rt: CaseRuntime<S>, taskId: string): Promise<void> {
  const task = rt.state.tasks[taskId];
  const closed = () => task.status !== 'open';
  if (!task.reminded) {
    for (let at = task.remindAt; await rt.untilOr(closedOrMoved(task, 'remindAt', at), Date.parse(at)); ) {
      if (closed()) return;
      at = task.remindAt;
    }
    task.reminded = true;
    await rt.commit({
      tasks: [task],
      events: [rt.event(SYSTEM, 'task_reminder_sent', { taskId, type: task.type })],
      emails: [
        rt.email(
          `${taskId}:reminder`,
          taskRecipients(rt.policy, task),
          platformEmail('task-reminder', { taskTitle: task.title, dueAt: task.dueAt }),
          rt.taskLink(taskId),
        ),
      ],
    });
  }
  if (task.expiresAtDue) {
    for (let at = task.dueAt; await rt.untilOr(closedOrMoved(task, 'dueAt', at), Date.parse(at)); ) {
      if (closed()) return;
      at = task.dueAt;
    }
    // Counted as a commit from the moment the task expires: the hook's own work (a referral's
    // pass-on asks the read model) is never cut off by the case closing or continuing as new.
    const drained = patched(EXPIRY_DRAINED);
    if (drained) rt.commitsInFlight++;
    try {
      const expired = rt.closeTask(task, 'expired', SYSTEM, 'not done by its due time');
      await rt.commit(mergeChanges(expired, await (rt.expiryHook?.(task) ?? {})));
    } finally {
      if (drained) rt.commitsInFlight--;
    }
    return;
  }
  if (!task.escalated) {
    for (let at = task.dueAt; await rt.untilOr(closedOrMoved(task, 'dueAt', at), Date.parse(at)); ) {
      if (closed()) return;
      at = task.dueAt;
    }
    task.escalated = true;
    // Youth and match tasks go to case supervisors whatever the policy says (never admin).
    task.escalateTo = escalationRole(rt.state.type, task.escalateTo);
    task.escalatedTo = [
      roleToken(task.escalateTo, task.scope),
      ...(task.escalateAlso ? [userToken(task.escalateAlso.id)] : []),
    ];
    await rt.commit({
      tasks: [task],
      events: [rt.event(SYSTEM, 'task_escalated', { taskId, type: task.type, to: task.escalateTo })],
      emails: [
        rt.email(
          `${taskId}:escalation`,
          [roleMailbox(rt.policy.mailboxes, task.escalateTo, task.scope), task.escalateAlso?.email],
          platformEmail('task-escalation', { taskTitle: task.title, dueAt: task.dueAt }),
          rt.taskLink(taskId),
        ),
      ],
    });
  }
}
