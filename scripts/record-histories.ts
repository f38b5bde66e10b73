/**
 * `npm run record-histories`: runs each workflow through a representative life on the
 * time-skipping test server and saves its event history under test/histories/. The suite
 * replays these against the current workflow code, so a change that would break running
 * cases fails the tests. Re-record only when a change is meant to be incompatible (and
 * then version it with patched() so that running cases keep working).
 * Activities are faked at the activity boundary: a history depends only on workflow code.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { TransitionResult } from '../workflows/shared/records';
import { buildPolicy } from '../lib/policy';
import { resolveTestServer } from './provision/tools';
import { laYearEnd } from '../workflows/shared/calendar';
import { caseDetailsQuery, completeTaskUpdate, openTasksQuery } from '../workflows/shared/messages';
import { logPersonalTimeUpdate, requestLeaveUpdate, withdrawRequestUpdate } from '../workflows/mentoring-leave/messages';
import { mentoringLeaveWorkflow } from '../workflows/mentoring-leave/workflow';
import { programRecordWorkflow, programWorkflowId, setProgramLevelUpdate } from '../workflows/programs/workflow';
import { certificationWorkflow } from '../workflows/certification/workflow';
import { completeWorkPlanItemUpdate, saveAssessmentUpdate, submitAssessmentUpdate } from '../workflows/certification/messages';
import { QUESTIONS } from '../workflows/certification/questions';

const OUT = path.resolve(__dirname, '../test/histories');
const actor = (id: string) => ({ id });
const History = temporal.api.history.v1.History;

/** Plain JSON (int64 as strings, bytes as base64); test/support/histories.ts reads it back. */
function historyJson(history: unknown): string {
  const message = History.fromObject(history as Record<string, unknown>);
  return JSON.stringify(History.toObject(message, { longs: String, bytes: String, enums: String }), null, 1);
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: resolveTestServer() } } });
  await env.connection.testService!.lockTimeSkipping({});
  const taskQueue = 'record-histories';
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../workflows'),
    activities: { recordTransition: async (): Promise<TransitionResult> => ({ emailsSent: 0 }) },
  });
  const policy = buildPolicy({}, 'http://127.0.0.1:3000');
  mkdirSync(OUT, { recursive: true });

  await worker.runUntil(async () => {
    const now = Number(await env.currentTimeMs());
    const year = new Date(now).getUTCFullYear();
    const today = new Date(now).toISOString().slice(0, 10);
    const leave = await env.client.workflow.start(mentoringLeaveWorkflow, {
      taskQueue,
      workflowId: `mentoring-leave-${year}-emp-history`,
      args: [{
        caseId: 'case-history-1',
        policy,
        enrolledBy: actor('emp-history'),
        enrollment: {
          year,
          employee: { id: 'emp-history', name: 'Employee', email: 'emp@example.gov', department: 'CDT', bargainingUnit: 1, appointment: 'permanent' },
          supervisor: { id: 'sup-1', name: 'Supervisor', email: 'sup@example.gov' },
          program: { programId: 'prog-1', name: 'Program' },
          commitment: { startDate: `${year}-01-15`, endDate: `${year + 1}-06-15` },
        },
      }],
    });
    const complete = async (type: string, outcome: string, comment?: string) => {
      const task = (await leave.query(openTasksQuery)).find((t) => t.type === type)!;
      await leave.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, outcome, comment, actor: actor('someone') }] });
    };
    await complete('eligibility_review', 'approve');
    await leave.executeUpdate(logPersonalTimeUpdate, { args: [{ date: today, hours: 4, kind: 'off_duty', description: 'mentoring', actor: actor('emp-history') }] });
    await complete('verify_personal_hours', 'verify');
    await leave.executeUpdate(requestLeaveUpdate, { args: [{ date: today, hours: 2, attestNoTravel: true, actor: actor('emp-history') }] });
    await complete('supervisor_approval', 'approve');
    await complete('hr_approval', 'approve');
    const withdrawn = await leave.executeUpdate(requestLeaveUpdate, { args: [{ date: today, hours: 1, attestNoTravel: true, actor: actor('emp-history') }] });
    await leave.executeUpdate(withdrawRequestUpdate, { args: [{ requestId: withdrawn.id, actor: actor('emp-history') }] });
    await leave.executeUpdate(requestLeaveUpdate, { args: [{ date: today, hours: 1, attestNoTravel: true, actor: actor('emp-history') }] });
    await env.sleep(laYearEnd(year) - now + 60_000);
    await leave.result();
    writeFileSync(path.join(OUT, 'mentoring-leave-year.json'), historyJson(await leave.fetchHistory()));

    const program = await env.client.workflow.start(programRecordWorkflow, {
      taskQueue,
      workflowId: programWorkflowId('prog-history-1'),
      args: [{
        policy, createdBy: actor('admin'),
        program: { id: 'prog-history-1', name: 'P', organization: 'O', contactEmail: 'c@example.org', county: 'Sacramento', startedOn: '2015-01-01', minimumMatchMonths: 12, level: 'none', certifiedUntil: null, createdBy: 'admin', createdAt: new Date(now).toISOString() },
      }],
    });
    const until = new Date(now + 100 * 86_400_000).toISOString().slice(0, 10);
    await program.executeUpdate(setProgramLevelUpdate, { args: [{ level: 'partner', certifiedUntil: until, note: 'import', actor: actor('admin') }] });

    // A certification cycle of the same program: application, self-assessment, work plan
    // with a rejected item, Partner (its level changes reach the program as signals).
    const cert = await env.client.workflow.start(certificationWorkflow, {
      taskQueue,
      workflowId: 'certification-prog-history-1-1',
      args: [{
        caseId: 'case-history-2', levelSought: 'partner', policy, appliedBy: actor('staff'),
        program: { id: 'prog-history-1', name: 'P', contactEmail: 'c@example.org', levelAtApplication: 'partner', certifiedUntilAtApplication: until },
      }],
    });
    const completeCert = async (type: string, outcome: string, extra: { comment?: string; data?: Record<string, unknown> } = {}) => {
      const task = (await cert.query(openTasksQuery)).find((t) => t.type === type)!;
      await cert.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, outcome, ...extra, actor: actor('rev-1') }] });
    };
    await completeCert('application_review', 'approve');
    await cert.executeUpdate(saveAssessmentUpdate, { args: [{ answers: QUESTIONS.map((q) => ({ questionId: q.id, response: 'yes' as const })), actor: actor('staff') }] });
    await cert.executeUpdate(submitAssessmentUpdate, { args: [{ actor: actor('staff') }] });
    await completeCert('assessment_review', 'work_plan', { data: { items: [{ standard: 'closure', description: 'Write a closure procedure', dueDate: '2030-01-31' }] } });
    const details = await cert.query(caseDetailsQuery);
    const itemId = (details.workPlan as { id: string }[])[0].id;
    await cert.executeUpdate(completeWorkPlanItemUpdate, { args: [{ itemId, evidence: 'v1', actor: actor('staff') }] });
    await completeCert('work_plan_verification', 'rejected', { comment: 'incomplete' });
    await cert.executeUpdate(completeWorkPlanItemUpdate, { args: [{ itemId, evidence: 'v2', actor: actor('staff') }] });
    await completeCert('work_plan_verification', 'verified');
    await cert.result();
    await env.sleep(90 * 86_400_000); // past the renewal reminders, inside the 4-month window
    await program.terminate('history recorded');
    writeFileSync(path.join(OUT, 'program-record.json'), historyJson(await program.fetchHistory()));
    writeFileSync(path.join(OUT, 'certification.json'), historyJson(await cert.fetchHistory()));
  });
  await env.teardown();
  console.log(`histories written to ${OUT}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
