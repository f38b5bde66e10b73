/**
 * The stories `npm run record-histories` records beyond each process's main path, so the
 * replay suite reaches what running cases can reach: claim and assignment, an incident
 * and its retry, continue-as-new, the outbox sweeper, a declined proposal, a reservation
 * let go because its match never started, and a late match that finds its party taken.
 * `npm run replay-coverage` lists the await points no history reaches yet.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { WorkflowUpdateStage } from '@temporalio/client';
import { matchWorkflow, matchWorkflowId } from '../../workflows/foster/match';
import { reserveForMatchUpdate } from '../../workflows/foster/messages';
import { logPersonalTimeUpdate } from '../../workflows/mentoring-leave/messages';
import { mentoringLeaveWorkflow } from '../../workflows/mentoring-leave/workflow';
import { outboxSweeperWorkflow } from '../../workflows/outbox/sweeper';
import { assignTaskUpdate, caseRecordedUpdate, claimTaskUpdate, completeTaskUpdate, openTasksQuery, retryIncidentUpdate } from '../../workflows/shared/messages';
import type { Policy } from '../../workflows/shared/policy';
import type { ActingUser } from '../../workflows/shared/records';

/** Faults the recorder's fake activities obey. */
export const faults = { failNextRecord: false, matchesNeverStarted: new Set<string>() };

type Save = (name: string, handle: WorkflowHandle, runId?: string) => Promise<void>;
const person = (id: string, roles: string[], extra: Partial<ActingUser> = {}): ActingUser => ({ id, roles, ...extra });
const hr1 = person('hr-1', ['hr_officer'], { department: 'CDT' });
const hr2 = person('hr-2', ['hr_officer'], { department: 'CDT', email: 'hr2@example.gov' });
const cw1 = person('cw-1', ['case_worker']);

const until = async (what: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await what()); i++) await new Promise((r) => setTimeout(r, 50));
};

/** A leave case: claim, assign, an incident and its retry, then continue-as-new. */
export async function leaveIncidentStory(env: TestWorkflowEnvironment, taskQueue: string, policy: Policy, save: Save): Promise<void> {
  const now = Number(await env.currentTimeMs());
  const year = new Date(now).getUTCFullYear();
  const today = new Date(now).toISOString().slice(0, 10);
  const leave = await env.client.workflow.start(mentoringLeaveWorkflow, {
    taskQueue, workflowId: `mentoring-leave-${year}-emp-history-2`,
    args: [{
      caseId: 'case-history-3', policy: { ...policy, maxHistoryEvents: 120 }, enrolledBy: person('emp-history-2', ['employee']),
      enrollment: {
        year,
        employee: { id: 'emp-history-2', name: 'Employee Two', email: 'emp2@example.gov', department: 'CDT', bargainingUnit: 1, appointment: 'permanent' },
        supervisor: { id: 'sup-1', name: 'Supervisor', email: 'sup@example.gov' },
        program: { programId: 'prog-1', name: 'Program' },
        commitment: { startDate: `${year}-01-15`, endDate: `${year + 1}-06-15` },
      },
    }],
  });
  const firstRunId = leave.firstExecutionRunId;
  await leave.executeUpdate(caseRecordedUpdate);
  const review = (await leave.query(openTasksQuery))[0];
  await leave.executeUpdate(claimTaskUpdate, { args: [{ taskId: review.id, actor: hr1 }] });
  await leave.executeUpdate(assignTaskUpdate, { args: [{ taskId: review.id, assigneeId: hr2.id, assignee: hr2, actor: hr1 }] });
  await leave.executeUpdate(completeTaskUpdate, { args: [{ taskId: review.id, outcome: 'approve', actor: hr2 }] });

  // The read model refuses the next transition: the case waits on an incident, then an admin retries.
  faults.failNextRecord = true;
  const logging = await leave.startUpdate(logPersonalTimeUpdate, {
    args: [{ date: today, hours: 1, kind: 'off_duty', description: 'Tutoring', actor: person('emp-history-2', ['employee']) }],
    waitForStage: WorkflowUpdateStage.ACCEPTED,
  });
  // Retried once the case shows its incident (until then the Update is refused: no incident).
  for (let i = 0; i < 200; i++) {
    const ok = await leave.executeUpdate(retryIncidentUpdate, { args: [{ actor: person('admin-1', ['admin']) }] }).then(() => true, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await logging.result();

  // Enough transitions to continue as new (the policy's limit is low for this case).
  for (let i = 0; i < 12; i++) {
    await leave.executeUpdate(logPersonalTimeUpdate, { args: [{ date: today, hours: 0.25, kind: 'cto', description: `entry ${i}`, actor: person('emp-history-2', ['employee']) }] });
  }
  await until(async () => (await leave.describe()).runId !== firstRunId);
  await leave.terminate('history recorded');
  await save('mentoring-leave-incident-run1', leave, firstRunId);
  await save('mentoring-leave-incident-run2', leave);
}

export async function sweeperStory(env: TestWorkflowEnvironment, taskQueue: string, save: Save): Promise<void> {
  // Every second for 200 rounds: long enough to continue as new once.
  const sweeper = await env.client.workflow.start(outboxSweeperWorkflow, { taskQueue, workflowId: 'outbox-sweeper-history', args: [{ everySeconds: 1 }] });
  await env.sleep(210_000);
  for (let i = 0; i < 100 && (await sweeper.describe()).runId === sweeper.firstExecutionRunId; i++) await new Promise((r) => setTimeout(r, 50));
  await sweeper.terminate('history recorded');
  await save('outbox-sweeper', sweeper, sweeper.firstExecutionRunId);
}

/**
 * With an approved mentor and a ready youth (both free): a proposal the social worker
 * declines; a reservation whose match never starts, let go after the hold; a match that
 * takes the mentor, and a late one that finds the mentor taken and cancels.
 */
export async function fosterEdgeStories(env: TestWorkflowEnvironment, taskQueue: string, policy: Policy, mentor: WorkflowHandle, youth: WorkflowHandle, save: Save): Promise<void> {
  const startMatch = async (id: string) => {
    await mentor.executeUpdate(reserveForMatchUpdate, { args: [{ matchId: id }] }).catch(() => undefined);
    await youth.executeUpdate(reserveForMatchUpdate, { args: [{ matchId: id }] }).catch(() => undefined);
    return env.client.workflow.start(matchWorkflow, {
      taskQueue, workflowId: matchWorkflowId(id),
      args: [{
        caseId: id, mentorCaseId: 'mentor-history-1', youthCaseId: 'youth-history-1', mentorWorkflowId: mentor.workflowId, youthWorkflowId: youth.workflowId,
        caseWorkerId: 'cw-1', socialWorker: { id: 'sw-1', email: 's@example.org' }, caregiverName: 'C', rationale: 'r', policy, proposedBy: cw1,
      }],
    });
  };
  const declined = await startMatch('match-history-declined');
  await declined.executeUpdate(caseRecordedUpdate);
  const sw = (await declined.query(openTasksQuery)).find((t) => t.ref === 'social_worker')!;
  await declined.executeUpdate(completeTaskUpdate, { args: [{ taskId: sw.id, outcome: 'decline', comment: 'Not now', actor: person('sw-1', ['social_worker']) }] });
  await until(async () => (await declined.describe()).status.name === 'COMPLETED');
  await save('match-declined', declined);

  // A proposal that reserved the mentor and died before its match case started.
  faults.matchesNeverStarted.add('match-history-never');
  await mentor.executeUpdate(reserveForMatchUpdate, { args: [{ matchId: 'match-history-never' }] });
  await env.sleep(10 * 60_000);

  const taker = await startMatch('match-history-taker');
  await taker.executeUpdate(caseRecordedUpdate);
  const late = await env.client.workflow.start(matchWorkflow, {
    taskQueue, workflowId: matchWorkflowId('match-history-late'),
    args: [{
      caseId: 'match-history-late', mentorCaseId: 'mentor-history-1', youthCaseId: 'youth-history-1', mentorWorkflowId: mentor.workflowId, youthWorkflowId: youth.workflowId,
      caseWorkerId: 'cw-1', socialWorker: { id: 'sw-1', email: 's@example.org' }, caregiverName: 'C', rationale: 'late', policy, proposedBy: cw1,
    }],
  });
  await until(async () => (await late.describe()).status.name === 'COMPLETED');
  await save('match-late-party-taken', late);
  await taker.terminate('history recorded');
  await save('match-taker', taker);
}
