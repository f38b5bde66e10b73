/**
 * Foster parties for the recorded stories: a mentor screened and approved and a youth referred
 * and ready (records of their own, numbered), and a match proposed between them; plus the
 * task-completing helper the stories share.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { matchWorkflow, matchWorkflowId } from '../../processes/foster/match';
import { logTrainingUpdate, referenceAnswerUpdate, reserveForMatchUpdate } from '../../processes/foster/messages';
import { mentorScreeningWorkflow } from '../../processes/foster/mentor-screening';
import { youthReferralWorkflow } from '../../processes/foster/youth-referral';
import {
  caseDetailsQuery,
  caseRecordedUpdate,
  completeTaskUpdate,
  openTasksQuery,
} from '../../platform/workflow/messages';
import type { Policy } from '../../platform/workflow/policy';
import type { ActingUser } from '../../platform/workflow/records';
import { cw1, person } from './shared';

export const csup = person('csup-1', ['case_supervisor']);
export const sw = person('sw-1', ['social_worker']);

/** Completes every open task of `type` (or the first, `one`) as `actor`. */
export async function complete(
  h: WorkflowHandle,
  type: string,
  outcome: string,
  actor: ActingUser,
  extra: { comment?: string; data?: Record<string, unknown> } = {},
  one = false,
): Promise<void> {
  const tasks = (await h.query(openTasksQuery)).filter((t) => t.type === type);
  for (const task of one ? tasks.slice(0, 1) : tasks) {
    const by = task.type === 'consent' && task.ref === 'social_worker' ? sw : actor;
    await h.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, outcome, ...extra, actor: by }] });
  }
}

/** A mentor screened and approved, and a youth referred and ready: parties of their own. */
export async function fosterParties(env: TestWorkflowEnvironment, taskQueue: string, policy: Policy, n: number) {
  const mentor = await env.client.workflow.start(mentorScreeningWorkflow, {
    taskQueue,
    workflowId: `mentor-screening-history-${n}`,
    args: [
      {
        caseId: `mentor-history-${n}`,
        caseWorkerId: cw1.id,
        policy,
        appliedBy: cw1,
        applicant: {
          name: 'A Mentor',
          email: 'a@example.org',
          phone: '555',
          dateOfBirth: '1990-01-01',
          languages: [],
          interests: [],
          formerFosterYouth: false,
        },
        references: [
          { name: 'R1', email: 'r1@example.org', relationship: 'coworker' },
          { name: 'R2', email: 'r2@example.org', relationship: 'coach' },
        ],
      },
    ],
  });
  await mentor.executeUpdate(caseRecordedUpdate);
  await complete(mentor, 'background_check', 'clear', cw1);
  await complete(mentor, 'interview', 'pass', cw1);
  for (const ref of (await mentor.query(caseDetailsQuery)).references as { id: string }[]) {
    await mentor.executeUpdate(referenceAnswerUpdate, { args: [{ referenceId: ref.id, recommendation: 'yes' }] });
  }
  const training = { date: '2026-01-10', hours: 6, module: 'Orientation', actor: cw1 };
  await mentor.executeUpdate(logTrainingUpdate, { args: [training] });
  await complete(mentor, 'screening_decision', 'approve', csup);
  const youth = await referredYouth(env, taskQueue, policy, n);
  return { mentor, youth };
}

export async function referredYouth(env: TestWorkflowEnvironment, taskQueue: string, policy: Policy, n: number) {
  const youth = await env.client.workflow.start(youthReferralWorkflow, {
    taskQueue,
    workflowId: `youth-referral-history-${n}`,
    args: [
      {
        caseId: `youth-history-${n}`,
        caseWorkerId: cw1.id,
        policy,
        referredBy: sw,
        youth: { name: 'Y', dateOfBirth: '2012-01-01', county: 'Los Angeles', languages: [], interests: [], needs: '' },
        socialWorker: { id: 'sw-1', name: 'S', email: 's@example.org' },
        caregiver: { name: 'C' },
      },
    ],
  });
  await youth.executeUpdate(caseRecordedUpdate);
  await complete(youth, 'consent', 'accept', cw1, { data: { how: 'signed form' } });
  await complete(youth, 'intake', 'done', cw1);
  return youth;
}

/** A match's input for the two records of `fosterParties(…, n)`, proposed by the case worker. */
export function matchInputOf(
  id: string,
  n: number,
  parties: { mentor: WorkflowHandle; youth: WorkflowHandle },
  policy: Policy,
) {
  return {
    caseId: id,
    mentorCaseId: `mentor-history-${n}`,
    youthCaseId: `youth-history-${n}`,
    mentorWorkflowId: parties.mentor.workflowId,
    youthWorkflowId: parties.youth.workflowId,
    caseWorkerId: cw1.id,
    socialWorker: { id: 'sw-1', email: 's@example.org' },
    caregiverName: 'C',
    rationale: 'r',
    policy,
    proposedBy: cw1,
  };
}

export async function proposal(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  parties: { mentor: WorkflowHandle; youth: WorkflowHandle },
  n: number,
  id: string,
) {
  for (const h of [parties.mentor, parties.youth]) {
    await h.executeUpdate(reserveForMatchUpdate, { args: [{ matchId: id }] });
  }
  return env.client.workflow.start(matchWorkflow, {
    taskQueue,
    workflowId: matchWorkflowId(id),
    args: [matchInputOf(id, n, parties, policy)],
  });
}
