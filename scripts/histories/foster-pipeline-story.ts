/**
 * The foster pipeline's first recording: a mentor screened and approved, a youth referred and
 * ready, a match through consents, first meeting, check-ins (one with a safety concern) and
 * closure; then the match's life and edge stories on the same two records.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Policy } from '../../platform/workflow/policy';
import {
  caseDetailsQuery,
  caseRecordedUpdate,
  completeTaskUpdate,
  openTasksQuery,
} from '../../platform/workflow/messages';
import { mentorScreeningWorkflow } from '../../processes/foster/mentor-screening';
import { youthReferralWorkflow } from '../../processes/foster/youth-referral';
import { matchWorkflow } from '../../processes/foster/match';
import {
  closeMatchUpdate,
  logTrainingUpdate,
  referenceAnswerUpdate,
  reserveForMatchUpdate,
} from '../../processes/foster/messages';
import { completerOf } from './first-stories';
import { fosterEdgeStories } from './more-stories';
import { matchLifeStory } from './timer-stories';
import { cw1, person as actor, type Save } from './shared';

/** Records mentor-screening, youth-referral and match, then the stories that reuse the two records. */
export async function fosterPipelineStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const later = Number(await env.currentTimeMs());
  const mentor = await env.client.workflow.start(mentorScreeningWorkflow, {
    taskQueue,
    workflowId: 'mentor-screening-history-1',
    args: [
      {
        caseId: 'mentor-history-1',
        caseWorkerId: 'cw-1',
        policy,
        appliedBy: actor('cw-1'),
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
  const completeOn = async (
    h: { query: typeof mentor.query; executeUpdate: typeof mentor.executeUpdate },
    type: string,
    outcome: string,
    extra: { comment?: string; data?: Record<string, unknown> } = {},
  ) => {
    for (const task of (await h.query(openTasksQuery)).filter((t) => t.type === type)) {
      await h.executeUpdate(completeTaskUpdate, {
        args: [{ taskId: task.id, outcome, ...extra, actor: completerOf(task) }],
      });
    }
  };
  await mentor.executeUpdate(caseRecordedUpdate);
  await completeOn(mentor, 'background_check', 'clear');
  await completeOn(mentor, 'interview', 'pass');
  for (const ref of (await mentor.query(caseDetailsQuery)).references as { id: string }[]) {
    await mentor.executeUpdate(referenceAnswerUpdate, { args: [{ referenceId: ref.id, recommendation: 'yes' }] });
  }
  await mentor.executeUpdate(logTrainingUpdate, {
    args: [{ date: '2026-01-10', hours: 6, module: 'Orientation', actor: cw1 }],
  });
  await completeOn(mentor, 'screening_decision', 'approve');

  const youth = await env.client.workflow.start(youthReferralWorkflow, {
    taskQueue,
    workflowId: 'youth-referral-history-1',
    args: [
      {
        caseId: 'youth-history-1',
        caseWorkerId: 'cw-1',
        policy,
        referredBy: actor('sw-1'),
        youth: {
          name: 'Y',
          dateOfBirth: '2012-01-01',
          county: 'Los Angeles',
          languages: [],
          interests: [],
          needs: '',
        },
        socialWorker: { id: 'sw-1', name: 'S', email: 's@example.org' },
        caregiver: { name: 'C' },
      },
    ],
  });
  await youth.executeUpdate(caseRecordedUpdate);
  await completeOn(youth, 'consent', 'accept', { data: { how: 'signed form' } });
  await completeOn(youth, 'intake', 'done');

  await mentor.executeUpdate(reserveForMatchUpdate, { args: [{ matchId: 'match-history-1' }] });
  await youth.executeUpdate(reserveForMatchUpdate, { args: [{ matchId: 'match-history-1' }] });
  const match = await env.client.workflow.start(matchWorkflow, {
    taskQueue,
    workflowId: 'match-history-1',
    args: [
      {
        caseId: 'match-history-1',
        mentorCaseId: 'mentor-history-1',
        youthCaseId: 'youth-history-1',
        mentorWorkflowId: mentor.workflowId,
        youthWorkflowId: youth.workflowId,
        caseWorkerId: 'cw-1',
        socialWorker: { id: 'sw-1', email: 's@example.org' },
        caregiverName: 'C',
        rationale: 'r',
        policy,
        proposedBy: actor('cw-1'),
      },
    ],
  });
  await match.executeUpdate(caseRecordedUpdate);
  await completeOn(match, 'consent', 'accept', { data: { how: 'phone' } });
  await completeOn(match, 'first_meeting', 'done');
  await env.sleep(Math.max(0, later - Number(await env.currentTimeMs())) + 50 * 86_400_000);
  await completeOn(match, 'check_in', 'done', {
    data: { contactMentor: true, contactYouth: true, contactCaregiver: true, satisfaction: 2, safetyConcern: true },
  });
  await completeOn(match, 'safety_review', 'done');
  await match.executeUpdate(closeMatchUpdate, { args: [{ reason: 'safety', notes: 'n', actor: cw1 }] });
  await completeOn(match, 'closure_interview', 'done', { comment: 'talked' });
  // Not match.result(): it lets the test server skip time freely while it waits, and the
  // long-lived mentor and youth records would run into the server's default timeout.
  while ((await match.describe()).status.name !== 'COMPLETED') await new Promise((r) => setTimeout(r, 100));
  await matchLifeStory(env, taskQueue, policy, mentor, youth, save);
  await fosterEdgeStories(env, taskQueue, policy, mentor, youth, save);
  await mentor.terminate('history recorded');
  await youth.terminate('history recorded');
  await save('mentor-screening', mentor);
  await save('youth-referral', youth);
  await save('match', match);
}
