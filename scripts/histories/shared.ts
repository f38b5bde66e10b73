/** What the history recorder's stories share: who acts, how to wait, how a match starts. */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { matchWorkflow, matchWorkflowId } from '../../processes/foster/match';
import { reserveForMatchUpdate } from '../../processes/foster/messages';
import type { Policy } from '../../platform/workflow/policy';
import type { ActingUser } from '../../platform/workflow/records';
import { completeTaskUpdate, openTasksQuery } from '../../platform/workflow/messages';

export type Save = (name: string, handle: WorkflowHandle, runId?: string) => Promise<void>;

export const person = (id: string, roles: string[] = [], extra: Partial<ActingUser> = {}): ActingUser => ({
  id,
  roles,
  ...extra,
});
export const cw1 = person('cw-1', ['case_worker']);

/** Completes the case's open task of `type` as `by` (the first one, with `outcome`). */
export const taskCompleter =
  (h: WorkflowHandle) =>
  async (type: string, by: ActingUser, outcome = 'approve'): Promise<void> => {
    const task = (await h.query(openTasksQuery)).find((t) => t.type === type)!;
    await h.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, outcome, actor: by }] });
  };

/** A CDT employee's enrollment for `year` with the recorder's supervisor and program. */
export const leaveEnrollment = (year: number, employee: { id: string; name: string; email: string }) => ({
  year,
  employee: { ...employee, department: 'CDT', bargainingUnit: 1, appointment: 'permanent' as const },
  supervisor: { id: 'sup-1', name: 'Supervisor', email: 'sup@example.gov' },
  program: { programId: 'prog-1', name: 'Program' },
  commitment: { startDate: `${year}-01-15`, endDate: `${year + 1}-06-15` },
});

/**
 * Starts recorded employee `n`'s leave case for `year` (`emp-history-n`, enrolling themselves)
 * on `taskQueue`, by the workflow's type name, so an older commit's bundle can run it too.
 */
export function startLeaveCase(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  year: number,
  enrolledBy: ActingUser,
  n: number,
) {
  return env.client.workflow.start('mentoringLeaveWorkflow', {
    taskQueue,
    workflowId: `mentoring-leave-${year}-emp-history-${n}`,
    args: [
      {
        caseId: `case-history-${n}`,
        policy,
        enrolledBy,
        enrollment: leaveEnrollment(year, { id: enrolledBy.id, name: 'Employee', email: `emp${n}@example.gov` }),
      },
    ],
  });
}

/** Polls (in real time: the test server's clock does not move) until `what` holds, at most 10 s. */
export async function until(what: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await what()); i++) await new Promise((r) => setTimeout(r, 50));
}

export const completed = (h: WorkflowHandle) => until(async () => (await h.describe()).status.name === 'COMPLETED');
export const continuedAsNew = (h: WorkflowHandle, firstRunId: string) =>
  until(async () => (await h.describe()).runId !== firstRunId);

/**
 * Starts match `id` between the recorder's mentor and youth, reserving both first unless
 * `reserve` is false (a late match whose proposal lost its reservations).
 */
export async function startMatch(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  mentor: WorkflowHandle,
  youth: WorkflowHandle,
  id: string,
  reserve = true,
) {
  if (reserve) {
    await mentor.executeUpdate(reserveForMatchUpdate, { args: [{ matchId: id }] }).catch(() => undefined);
    await youth.executeUpdate(reserveForMatchUpdate, { args: [{ matchId: id }] }).catch(() => undefined);
  }
  return env.client.workflow.start(matchWorkflow, {
    taskQueue,
    workflowId: matchWorkflowId(id),
    args: [
      {
        caseId: id,
        mentorCaseId: 'mentor-history-1',
        youthCaseId: 'youth-history-1',
        mentorWorkflowId: mentor.workflowId,
        youthWorkflowId: youth.workflowId,
        caseWorkerId: cw1.id,
        socialWorker: { id: 'sw-1', email: 's@example.org' },
        caregiverName: 'C',
        rationale: 'r',
        policy,
        proposedBy: cw1,
      },
    ],
  });
}
