/**
 * The first stories recorded: a leave year, and a program record with a certification cycle
 * (the foster pipeline is in foster-pipeline-story.ts). They are the oldest recordings (every
 * generation has them); record-histories runs them before the later stories.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Policy } from '../../platform/workflow/policy';
import { laDate, laYear, laYearEnd } from '../../platform/workflow/calendar';
import { caseDetailsQuery, completeTaskUpdate, openTasksQuery } from '../../platform/workflow/messages';
import {
  logPersonalTimeUpdate,
  requestLeaveUpdate,
  withdrawRequestUpdate,
} from '../../processes/mentoring-leave/messages';
import { mentoringLeaveWorkflow } from '../../processes/mentoring-leave/workflow';
import { programRecordWorkflow, programWorkflowId, setProgramLevelUpdate } from '../../processes/programs/workflow';
import { certificationWorkflow } from '../../processes/certification/workflow';
import {
  completeWorkPlanItemUpdate,
  saveAssessmentUpdate,
  submitAssessmentUpdate,
} from '../../processes/certification/messages';
import { QUESTIONS } from '../../processes/certification/questions';
import { cw1, leaveEnrollment, person as actor, type Save } from './shared';

// Who completes each task type: real candidates, so the who-may-act rules admit them.
const hr1 = actor('hr-1', ['hr_officer'], { department: 'CDT' });
const staff = actor('staff', ['program_staff'], { programId: 'prog-history-1' });
const BY_TYPE: Record<string, ReturnType<typeof actor>> = {
  eligibility_review: hr1,
  verify_personal_hours: actor('coord-1', ['org_coordinator'], { programId: 'prog-1' }),
  supervisor_approval: actor('sup-1', ['supervisor'], { department: 'CDT' }),
  hr_approval: actor('hr-2', ['hr_officer'], { department: 'CDT' }),
  application_review: actor('rev-1', ['quality_reviewer']),
  assessment_review: actor('rev-1', ['quality_reviewer']),
  work_plan_verification: actor('rev-2', ['quality_reviewer']),
  screening_decision: actor('csup-1', ['case_supervisor']),
  safety_review: actor('csup-1', ['case_supervisor']),
};
export const completerOf = (t: { type: string; ref?: string }) =>
  t.type === 'consent' && t.ref === 'social_worker' ? actor('sw-1', ['social_worker']) : (BY_TYPE[t.type] ?? cw1);

/** A leave year: enrolment, hours, approved, withdrawn and open requests, then the year end. Returns its start. */
export async function leaveYearStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<number> {
  const now = Number(await env.currentTimeMs());
  const year = laYear(now);
  // Calendar dates in Los Angeles, as the workflows read them (UTC is a day ahead in the evening).
  const today = laDate(now);
  const leave = await env.client.workflow.start(mentoringLeaveWorkflow, {
    taskQueue,
    workflowId: `mentoring-leave-${year}-emp-history`,
    args: [
      {
        caseId: 'case-history-1',
        policy,
        enrolledBy: actor('emp-history'),
        enrollment: leaveEnrollment(year, { id: 'emp-history', name: 'Employee', email: 'emp@example.gov' }),
      },
    ],
  });
  const complete = async (type: string, outcome: string, comment?: string) => {
    const task = (await leave.query(openTasksQuery)).find((t) => t.type === type)!;
    await leave.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.id, outcome, comment, actor: completerOf(task) }],
    });
  };
  await complete('eligibility_review', 'approve');
  await leave.executeUpdate(logPersonalTimeUpdate, {
    args: [
      {
        date: today,
        hours: 4,
        kind: 'off_duty',
        description: 'mentoring',
        actor: actor('emp-history', ['employee'], { department: 'CDT' }),
      },
    ],
  });
  await complete('verify_personal_hours', 'verify');
  await leave.executeUpdate(requestLeaveUpdate, {
    args: [
      {
        date: today,
        hours: 2,
        attestNoTravel: true,
        actor: actor('emp-history', ['employee'], { department: 'CDT' }),
      },
    ],
  });
  await complete('supervisor_approval', 'approve');
  await complete('hr_approval', 'approve');
  const withdrawn = await leave.executeUpdate(requestLeaveUpdate, {
    args: [
      {
        date: today,
        hours: 1,
        attestNoTravel: true,
        actor: actor('emp-history', ['employee'], { department: 'CDT' }),
      },
    ],
  });
  await leave.executeUpdate(withdrawRequestUpdate, {
    args: [{ requestId: withdrawn.id, actor: actor('emp-history', ['employee'], { department: 'CDT' }) }],
  });
  await leave.executeUpdate(requestLeaveUpdate, {
    args: [
      {
        date: today,
        hours: 1,
        attestNoTravel: true,
        actor: actor('emp-history', ['employee'], { department: 'CDT' }),
      },
    ],
  });
  await env.sleep(laYearEnd(year) - now + 60_000);
  await leave.result();
  await save('mentoring-leave-year', leave);
  return now;
}

/**
 * A program record given Partner by an import (`startedAt`: the leave story's start), then a
 * certification cycle of the same program: application, self-assessment, work plan with a
 * rejected item, Partner (its level changes reach the program as signals).
 */
export async function programCertificationStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
  startedAt: number,
): Promise<void> {
  const now = startedAt;
  const program = await env.client.workflow.start(programRecordWorkflow, {
    taskQueue,
    workflowId: programWorkflowId('prog-history-1'),
    args: [
      {
        policy,
        createdBy: actor('admin'),
        program: {
          id: 'prog-history-1',
          name: 'P',
          organization: 'O',
          contactEmail: 'c@example.org',
          county: 'Sacramento',
          startedOn: '2015-01-01',
          minimumMatchMonths: 12,
          level: 'none',
          certifiedUntil: null,
          createdBy: 'admin',
          createdAt: new Date(now).toISOString(),
        },
      },
    ],
  });
  const until = new Date(now + 100 * 86_400_000).toISOString().slice(0, 10);
  await program.executeUpdate(setProgramLevelUpdate, {
    args: [{ level: 'partner', certifiedUntil: until, note: 'import', actor: actor('admin') }],
  });

  const cert = await env.client.workflow.start(certificationWorkflow, {
    taskQueue,
    workflowId: 'certification-prog-history-1-1',
    args: [
      {
        caseId: 'case-history-2',
        levelSought: 'partner',
        policy,
        appliedBy: actor('staff'),
        program: {
          id: 'prog-history-1',
          name: 'P',
          contactEmail: 'c@example.org',
          levelAtApplication: 'partner',
          certifiedUntilAtApplication: until,
        },
      },
    ],
  });
  const completeCert = async (
    type: string,
    outcome: string,
    extra: { comment?: string; data?: Record<string, unknown> } = {},
  ) => {
    const task = (await cert.query(openTasksQuery)).find((t) => t.type === type)!;
    await cert.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.id, outcome, ...extra, actor: completerOf(task) }],
    });
  };
  await completeCert('application_review', 'approve');
  await cert.executeUpdate(saveAssessmentUpdate, {
    args: [{ answers: QUESTIONS.map((q) => ({ questionId: q.id, response: 'yes' as const })), actor: staff }],
  });
  await cert.executeUpdate(submitAssessmentUpdate, { args: [{ actor: staff }] });
  const planDue = new Date(Number(await env.currentTimeMs()) + 60 * 86_400_000).toISOString().slice(0, 10);
  await completeCert('assessment_review', 'work_plan', {
    data: { items: [{ standard: 'closure', description: 'Write a closure procedure', dueDate: planDue }] },
  });
  const details = await cert.query(caseDetailsQuery);
  const itemId = (details.workPlan as { id: string }[])[0].id;
  await cert.executeUpdate(completeWorkPlanItemUpdate, { args: [{ itemId, evidence: 'v1', actor: staff }] });
  await completeCert('work_plan_verification', 'rejected', { comment: 'incomplete' });
  await cert.executeUpdate(completeWorkPlanItemUpdate, { args: [{ itemId, evidence: 'v2', actor: staff }] });
  await completeCert('work_plan_verification', 'verified');
  await cert.result();
  await env.sleep(90 * 86_400_000); // past the renewal reminders, inside the 4-month window
  await program.terminate('history recorded');
  await save('program-record', program);
  await save('certification', cert);
}
