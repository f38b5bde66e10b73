/**
 * A certification whose self-assessment asks a versioned question bank carried in its
 * workflow input (the shipped full bank, version 2): a draft, the whole bank answered and
 * submitted, a work plan verified. It protects the cases started since banks became data,
 * as the older certification histories protect those asking version 1.
 * `npm run record-histories -- --only question-bank` records it alone.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { caseDetailsQuery, completeTaskUpdate, openTasksQuery } from '../../platform/workflow/messages';
import type { Policy } from '../../platform/workflow/policy';
import {
  completeWorkPlanItemUpdate,
  saveAssessmentUpdate,
  submitAssessmentUpdate,
} from '../../processes/certification/messages';
import { questionListInput } from '../../processes/certification/question-bank';
import shippedBank from '../../processes/certification/question-bank-v2.json';
import { certificationWorkflow } from '../../processes/certification/workflow';
import { completerOf } from './first-stories';
import { person, type Save } from './shared';

export async function questionBankStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const staff = person('staff-qb', ['program_staff'], { programId: 'prog-history-qb' });
  const questions = questionListInput.parse(shippedBank.questions);
  const cert = await env.client.workflow.start(certificationWorkflow, {
    taskQueue,
    workflowId: 'certification-prog-history-qb-1',
    args: [
      {
        caseId: 'case-history-qb',
        levelSought: 'partner',
        policy,
        appliedBy: staff,
        questionBank: { version: shippedBank.version, questions },
        program: { id: 'prog-history-qb', name: 'Q', contactEmail: 'q@example.org', levelAtApplication: 'none' },
      },
    ],
  });
  const complete = async (type: string, outcome: string, extra: Record<string, unknown> = {}) => {
    const task = (await cert.query(openTasksQuery)).find((t) => t.type === type)!;
    await cert.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.id, outcome, ...extra, actor: completerOf(task) }],
    });
  };
  await complete('application_review', 'approve');
  const yes = questions.map((q) => ({ questionId: q.id, response: 'yes' as const }));
  await cert.executeUpdate(saveAssessmentUpdate, { args: [{ answers: yes.slice(0, 9), actor: staff }] });
  await cert.executeUpdate(saveAssessmentUpdate, { args: [{ answers: yes, actor: staff }] });
  await cert.executeUpdate(submitAssessmentUpdate, { args: [{ actor: staff }] });
  const due = new Date(Number(await env.currentTimeMs()) + 60 * 86_400_000).toISOString().slice(0, 10);
  await complete('assessment_review', 'work_plan', {
    data: { items: [{ standard: 'screening', description: 'Renew record checks every two years', dueDate: due }] },
  });
  const itemId = ((await cert.query(caseDetailsQuery)).workPlan as { id: string }[])[0].id;
  await cert.executeUpdate(completeWorkPlanItemUpdate, { args: [{ itemId, evidence: 'policy', actor: staff }] });
  await complete('work_plan_verification', 'verified');
  await cert.result();
  await save('certification-question-bank', cert);
}
