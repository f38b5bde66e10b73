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
import { reserveForMatchUpdate } from '../../processes/foster/messages';
import { logPersonalTimeUpdate } from '../../processes/mentoring-leave/messages';
import { mentoringLeaveWorkflow } from '../../processes/mentoring-leave/workflow';
import { outboxSweeperWorkflow } from '../../platform/outbox/sweeper';
import {
  assignTaskUpdate,
  caseRecordedUpdate,
  claimTaskUpdate,
  completeTaskUpdate,
  openTasksQuery,
  retryIncidentUpdate,
} from '../../platform/workflow/messages';
import type { Policy } from '../../platform/workflow/policy';
import { laDate, laYear } from '../../platform/workflow/calendar';
import { completed, continuedAsNew, leaveEnrollment, person, startMatch, type Save } from './shared';

/** Faults the recorder's fake activities obey. */
export const faults = {
  failNextRecord: false,
  matchesNeverStarted: new Set<string>(),
  /** How long each read-model write takes (a slow database), 0 for at once. */
  writeDelayMs: 0,
};

const hr1 = person('hr-1', ['hr_officer'], { department: 'CDT' });
const hr2 = person('hr-2', ['hr_officer'], { department: 'CDT', email: 'hr2@example.gov' });

/** A leave case: claim, assign, an incident and its retry, then continue-as-new. */
export async function leaveIncidentStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const now = Number(await env.currentTimeMs());
  const year = laYear(now);
  const today = laDate(now);
  const leave = await env.client.workflow.start(mentoringLeaveWorkflow, {
    taskQueue,
    workflowId: `mentoring-leave-${year}-emp-history-2`,
    args: [
      {
        caseId: 'case-history-3',
        policy: { ...policy, maxHistoryEvents: 120 },
        enrolledBy: person('emp-history-2', ['employee']),
        enrollment: leaveEnrollment(year, { id: 'emp-history-2', name: 'Employee Two', email: 'emp2@example.gov' }),
      },
    ],
  });
  const firstRunId = leave.firstExecutionRunId;
  await leave.executeUpdate(caseRecordedUpdate);
  const review = (await leave.query(openTasksQuery))[0];
  await leave.executeUpdate(claimTaskUpdate, { args: [{ taskId: review.id, actor: hr1 }] });
  await leave.executeUpdate(assignTaskUpdate, {
    args: [{ taskId: review.id, assigneeId: hr2.id, assignee: hr2, actor: hr1 }],
  });
  await leave.executeUpdate(completeTaskUpdate, { args: [{ taskId: review.id, outcome: 'approve', actor: hr2 }] });

  // The read model refuses the next transition: the case waits on an incident, then an admin retries.
  faults.failNextRecord = true;
  const logging = await leave.startUpdate(logPersonalTimeUpdate, {
    args: [
      {
        date: today,
        hours: 1,
        kind: 'off_duty',
        description: 'Tutoring',
        actor: person('emp-history-2', ['employee']),
      },
    ],
    waitForStage: WorkflowUpdateStage.ACCEPTED,
  });
  // Retried once the case shows its incident (until then the Update is refused: no incident).
  for (let i = 0; i < 200; i++) {
    const ok = await leave.executeUpdate(retryIncidentUpdate, { args: [{ actor: person('admin-1', ['admin']) }] }).then(
      () => true,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await logging.result();

  // Enough transitions to continue as new (the policy's limit is low for this case).
  for (let i = 0; i < 12; i++) {
    await leave.executeUpdate(logPersonalTimeUpdate, {
      args: [
        {
          date: today,
          hours: 0.25,
          kind: 'cto',
          description: `entry ${i}`,
          actor: person('emp-history-2', ['employee']),
        },
      ],
    });
  }
  await continuedAsNew(leave, firstRunId);
  await leave.terminate('history recorded');
  await save('mentoring-leave-incident-run1', leave, firstRunId);
  await save('mentoring-leave-incident-run2', leave);
}

export async function sweeperStory(env: TestWorkflowEnvironment, taskQueue: string, save: Save): Promise<void> {
  // Every second for 200 rounds: long enough to continue as new once.
  const sweeper = await env.client.workflow.start(outboxSweeperWorkflow, {
    taskQueue,
    workflowId: 'outbox-sweeper-history',
    args: [{ everySeconds: 1 }],
  });
  await env.sleep(210_000);
  await continuedAsNew(sweeper, sweeper.firstExecutionRunId);
  await sweeper.terminate('history recorded');
  await save('outbox-sweeper', sweeper, sweeper.firstExecutionRunId);
}

/**
 * With an approved mentor and a ready youth (both free): a proposal the social worker
 * declines; a reservation whose match never starts, let go after the hold; a match that
 * takes the mentor, and a late one that finds the mentor taken and cancels.
 */
export async function fosterEdgeStories(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  mentor: WorkflowHandle,
  youth: WorkflowHandle,
  save: Save,
): Promise<void> {
  const declined = await startMatch(env, taskQueue, policy, mentor, youth, 'match-history-declined');
  await declined.executeUpdate(caseRecordedUpdate);
  const sw = (await declined.query(openTasksQuery)).find((t) => t.ref === 'social_worker')!;
  await declined.executeUpdate(completeTaskUpdate, {
    args: [{ taskId: sw.id, outcome: 'decline', comment: 'Not now', actor: person('sw-1', ['social_worker']) }],
  });
  await completed(declined);
  await save('match-declined', declined);

  // A proposal that reserved the mentor and died before its match case started.
  faults.matchesNeverStarted.add('match-history-never');
  await mentor.executeUpdate(reserveForMatchUpdate, { args: [{ matchId: 'match-history-never' }] });
  await env.sleep(10 * 60_000);

  const taker = await startMatch(env, taskQueue, policy, mentor, youth, 'match-history-taker');
  await taker.executeUpdate(caseRecordedUpdate);
  const late = await startMatch(env, taskQueue, policy, mentor, youth, 'match-history-late', false);
  await completed(late);
  await save('match-late-party-taken', late);
  await taker.terminate('history recorded');
  await save('match-taker', taker);
}
