/**
 * Recorded lives of wellness check-ins (docs/processes/wellness-check-ins.md): a caller screened on the shorter
 * track and approved; check-ins whose first call is logged late (escalated), that bring up
 * a need and a safety concern, are extended to five calls and close once the follow-ups
 * are done; and check-ins ended when the referrer finds the youth unreachable after two
 * unreached calls. `npm run record-histories -- --only wellness` records these alone.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { logTrainingUpdate, referenceAnswerUpdate } from '../../processes/foster/messages';
import { callerScreeningWorkflow, callerScreeningWorkflowId } from '../../processes/foster/caller-screening';
import {
  caseDetailsQuery,
  caseRecordedUpdate,
  completeTaskUpdate,
  openTasksQuery,
} from '../../platform/workflow/messages';
import type { Policy } from '../../platform/workflow/policy';
import type { ActingUser } from '../../platform/workflow/records';
import { wellnessCheckinWorkflow, wellnessWorkflowId } from '../../processes/wellness/workflow';
import { completed, cw1, person, type Save } from './shared';

const DAY = 86_400_000;
const caseSup = person('csup-1', ['case_supervisor']);
const coordinator = person('pc-1', ['partnership_coordinator']);
const counselor = person('sc-1', ['school_counselor'], { email: 'sc@school.example' });
const caller = person('caller-history-1', ['caller']);
const callerFacts = {
  caseId: 'caller-history-1',
  userId: caller.id,
  name: 'C',
  email: 'c@example.org',
  languages: ['Spanish'],
  stage: 'approved',
};

async function complete(
  h: WorkflowHandle,
  type: string,
  outcome: string,
  actor: ActingUser,
  extra: { comment?: string; data?: Record<string, unknown>; context?: Record<string, unknown> } = {},
) {
  const task = (await h.query(openTasksQuery)).find((t) => t.type === type)!;
  await h.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, outcome, ...extra, actor }] });
}

export async function wellnessStories(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const screening = await env.client.workflow.start(callerScreeningWorkflow, {
    taskQueue,
    workflowId: callerScreeningWorkflowId('caller-history-1'),
    args: [
      {
        caseId: 'caller-history-1',
        track: 'caller',
        caseWorkerId: cw1.id,
        policy,
        appliedBy: cw1,
        applicant: {
          id: caller.id,
          name: 'C',
          email: 'c@example.org',
          phone: '555-0100',
          dateOfBirth: '1990-01-01',
          languages: ['Spanish'],
          interests: [],
          formerFosterYouth: true,
        },
        references: [{ name: 'R', email: 'r@example.org', relationship: 'coach' }],
      },
    ],
  });
  await screening.executeUpdate(caseRecordedUpdate);
  for (let i = 0; i < 2; i++) await complete(screening, 'background_check', 'clear', cw1);
  const [ref] = (await screening.query(caseDetailsQuery)).references as { id: string }[];
  await screening.executeUpdate(referenceAnswerUpdate, { args: [{ referenceId: ref.id, recommendation: 'yes' }] });
  await screening.executeUpdate(logTrainingUpdate, {
    args: [{ date: '2026-01-10', hours: 2, module: 'Check-in calls', actor: cw1 }],
  });
  await complete(screening, 'screening_decision', 'approve', caseSup);

  const start = async (id: string) => {
    const h = await env.client.workflow.start(wellnessCheckinWorkflow, {
      taskQueue,
      workflowId: wellnessWorkflowId(id),
      args: [
        {
          caseId: id,
          youth: { name: 'Y', dateOfBirth: '2011-01-01', county: 'Fresno', languages: ['Spanish'] },
          source: 'school_disconnection',
          contact: { phone: '555-0199', preferredTimes: 'evenings' },
          guardianConsent: { how: 'signed form' },
          referrer: { id: counselor.id, email: 'sc@school.example' },
          policy,
          referredBy: counselor,
        },
      ],
    });
    await h.executeUpdate(caseRecordedUpdate);
    await complete(h, 'assign_caller', 'assigned', coordinator, {
      data: { callerCaseId: callerFacts.caseId },
      context: { caller: callerFacts },
    });
    return h;
  };
  const call = (h: WorkflowHandle, data: Record<string, unknown>) =>
    complete(h, 'wellness_call', 'logged', caller, { data });

  // Late first call (escalated), a need, a safety concern, extended to five, closed once followed up.
  const extended = await start('wellness-history-1');
  await env.sleep(3 * DAY);
  await call(extended, { reached: true, minutes: 20, mood: 3, needs: ['food'] });
  await call(extended, { reached: true, minutes: 15, mood: 2, needs: ['safety'] });
  await call(extended, { reached: true, minutes: 25, mood: 4, needs: [] });
  await complete(extended, 'extend_or_close', 'extend', caller);
  await call(extended, { reached: true, minutes: 20, mood: 4, needs: [] });
  await call(extended, { reached: true, minutes: 20, mood: 5, needs: [] });
  await complete(extended, 'safety_review', 'done', coordinator, { comment: 'Guardian called' });
  await complete(extended, 'resource_referral', 'done', coordinator);
  await completed(extended);
  await save('wellness-extended-closed', extended);

  // Two unreached calls: the referrer finds the youth unreachable; the check-ins end.
  const unreachable = await start('wellness-history-2');
  await call(unreachable, { reached: false, minutes: 0, needs: [] });
  await call(unreachable, { reached: false, minutes: 0, needs: [] });
  await complete(unreachable, 'confirm_contact', 'unreachable', counselor);
  await completed(unreachable);
  await save('wellness-unreachable', unreachable);

  await screening.terminate('history recorded');
  await save('caller-screening', screening);
}

/**
 * A first call logged late, half a day before the second call's date: that call keeps its
 * date and is reminded on it (a call already due would start now, unreminded).
 * `npm run record-histories -- --only wellness-late-call` records it alone.
 */
export async function wellnessLateCallStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const h = await env.client.workflow.start(wellnessCheckinWorkflow, {
    taskQueue,
    workflowId: wellnessWorkflowId('wellness-history-3'),
    args: [
      {
        caseId: 'wellness-history-3',
        source: 'school_disconnection',
        youth: { name: 'Z', dateOfBirth: '2011-05-01', county: 'Fresno', languages: ['Spanish'] },
        contact: { phone: '555-0198', preferredTimes: 'mornings' },
        guardianConsent: { how: 'phone' },
        referrer: { id: counselor.id, email: 'sc@school.example' },
        policy,
        referredBy: counselor,
      },
    ],
  });
  await h.executeUpdate(caseRecordedUpdate);
  const assignment = { data: { callerCaseId: callerFacts.caseId }, context: { caller: callerFacts } };
  await complete(h, 'assign_caller', 'assigned', coordinator, assignment);
  await env.sleep(6.5 * DAY);
  await complete(h, 'wellness_call', 'logged', caller, { data: { reached: true, minutes: 10, mood: 4, needs: [] } });
  await h.terminate('history recorded');
  await save('wellness-call-logged-day-before', h);
}
