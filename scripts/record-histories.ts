/**
 * `npm run record-histories`: runs each workflow through a representative life on the
 * time-skipping test server and saves its event history under test/histories/. The suite
 * replays these against the current workflow code, so a change that would break running
 * cases fails the tests. Re-record only when a change is meant to be incompatible (and
 * then version it with patched() so that running cases keep working).
 * Activities are faked at the activity boundary: a history depends only on workflow code.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { faults, fosterEdgeStories, leaveIncidentStory, sweeperStory } from './histories/more-stories';
import { certificationTimerStories, fosterTimerStories, matchLifeStory } from './histories/timer-stories';
import { leaveEnrollment, person as actor } from './histories/shared';
import { referralConfirmationStories, referralFakes, referralStories } from './histories/referral-stories';
import { wellnessLateCallStory, wellnessStories } from './histories/wellness-stories';
import { eceStories } from './histories/ece-stories';
import { coverageStories, eceLapseStory, zeroCadenceStory } from './histories/coverage-stories';
import { fullMidUpdateStory, importStory, lateMeetingStory, outcomeStories } from './histories/outcome-stories';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { TransitionResult } from '../platform/workflow/records';
import { buildPolicy } from '../lib/policy';
import { resolveTestServer } from './provision/tools';
import { laDate, laYear, laYearEnd } from '../platform/workflow/calendar';
import {
  caseDetailsQuery,
  caseRecordedUpdate,
  completeTaskUpdate,
  openTasksQuery,
} from '../platform/workflow/messages';
import {
  logPersonalTimeUpdate,
  requestLeaveUpdate,
  withdrawRequestUpdate,
} from '../processes/mentoring-leave/messages';
import { mentoringLeaveWorkflow } from '../processes/mentoring-leave/workflow';
import { programRecordWorkflow, programWorkflowId, setProgramLevelUpdate } from '../processes/programs/workflow';
import { certificationWorkflow } from '../processes/certification/workflow';
import {
  completeWorkPlanItemUpdate,
  saveAssessmentUpdate,
  submitAssessmentUpdate,
} from '../processes/certification/messages';
import { QUESTIONS } from '../processes/certification/questions';
import { mailQueueOf } from '../platform/workflow/task-queues';
import { mentorScreeningWorkflow } from '../processes/foster/mentor-screening';
import { youthReferralWorkflow } from '../processes/foster/youth-referral';
import { matchWorkflow } from '../processes/foster/match';
import {
  closeMatchUpdate,
  logTrainingUpdate,
  referenceAnswerUpdate,
  reserveForMatchUpdate,
} from '../processes/foster/messages';

/**
 * Histories are kept by generation: v1 was recorded before the who-may-act and incident paths were versioned, v2 with those
 * (patched) paths. An older generation stands for cases started under
 * older code and is never re-recorded; a new one is added when workflow code gains paths.
 */
const GENERATION = process.env.HISTORY_GENERATION ?? 'v2';
const OUT = path.resolve(__dirname, '../test/histories', GENERATION);

// Who completes each task type: real candidates, so the who-may-act rules admit them.
const hr1 = actor('hr-1', ['hr_officer'], { department: 'CDT' });
const staff = actor('staff', ['program_staff'], { programId: 'prog-history-1' });
const cw1 = actor('cw-1', ['case_worker']);
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
const completerOf = (t: { type: string; ref?: string }) =>
  t.type === 'consent' && t.ref === 'social_worker' ? actor('sw-1', ['social_worker']) : (BY_TYPE[t.type] ?? cw1);
const History = temporal.api.history.v1.History;

/** Plain JSON (int64 as strings, bytes as base64); test/support/histories.ts reads it back. */
function historyJson(history: unknown): string {
  const message = History.fromObject(history as Record<string, unknown>);
  return JSON.stringify(History.toObject(message, { longs: String, bytes: String, enums: String }), null, 1);
}

/**
 * Recorded histories are add-only: a committed file is never rewritten (CI checks it against
 * git). A recording whose file exists is refused; record it under a new name with `--suffix`.
 */
function writeNewHistory(file: string, json: string): void {
  if (existsSync(file))
    throw new Error(`${path.relative(process.cwd(), file)} exists: histories are add-only (record with --suffix NAME)`);
  writeFileSync(file, json);
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: resolveTestServer() } },
  });
  await env.connection.testService!.lockTimeSkipping({});
  const taskQueue = 'record-histories';
  // The fakes serve the cases' task queue and the mail queue beside it.
  const activities = {
    recordTransition: async (): Promise<TransitionResult> => {
      if (faults.writeDelayMs) await new Promise((r) => setTimeout(r, faults.writeDelayMs));
      if (faults.failNextRecord) {
        faults.failNextRecord = false;
        throw ApplicationFailure.nonRetryable('the read model refused the change (22001)', 'bad_data');
      }
      return { emailsSent: 0 };
    },
    recordIncident: async () => undefined,
    caseRecorded: async ({ caseId }: { caseId: string }) => ({ recorded: !faults.matchesNeverStarted.has(caseId) }),
    deliverEmails: async () => ({ sent: 0 }),
    sweepOutbox: async () => ({ sent: 0, pending: 0 }),
    issueReferenceLink: async () => ({ sent: true }),
    ...referralFakes,
  };
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../processes/workflows'),
    activities,
  });
  const mailWorker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: mailQueueOf(taskQueue),
    activities,
  });
  const mailRunning = mailWorker.run();
  const policy = buildPolicy({}, 'http://127.0.0.1:3000');
  mkdirSync(OUT, { recursive: true });
  // `--suffix S`: new files `<name>-S.json` beside the recorded ones (histories are add-only).
  const suffix = process.argv.includes('--suffix') ? `-${process.argv[process.argv.indexOf('--suffix') + 1]}` : '';
  const save = async (name: string, handle: WorkflowHandle, runId?: string) =>
    writeNewHistory(
      path.join(OUT, `${name}${suffix}.json`),
      historyJson(await env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory()),
    );

  // `--only referral|wellness|ece|outcomes|late-meeting|imports|wellness-late-call|full-mid-update`,
  // `--only coverage|zero-cadence|ece-lapse`: those stories alone (the later processes; the others stay as recorded).
  // `--only referral-confirmation`: the referral's address-confirmation stories alone (new files).
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  await worker.runUntil(async () => {
    if (only === 'referral') return referralStories(env, taskQueue, policy, save);
    if (only === 'referral-confirmation') return referralConfirmationStories(env, taskQueue, policy, save);
    if (only === 'wellness') return wellnessStories(env, taskQueue, policy, save);
    if (only === 'ece') return eceStories(env, taskQueue, policy, save);
    if (only === 'outcomes') return outcomeStories(env, taskQueue, policy, save);
    if (only === 'late-meeting') return lateMeetingStory(env, taskQueue, policy, save);
    if (only === 'imports') return importStory(env, taskQueue, policy, save);
    if (only === 'full-mid-update') return fullMidUpdateStory(env, taskQueue, policy, save);
    if (only === 'wellness-late-call') return wellnessLateCallStory(env, taskQueue, policy, save);
    if (only === 'coverage') return coverageStories(env, taskQueue, policy, save);
    if (only === 'zero-cadence') return zeroCadenceStory(env, taskQueue, policy, save);
    if (only === 'ece-lapse') return eceLapseStory(env, taskQueue, policy, save);
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
    writeNewHistory(path.join(OUT, `mentoring-leave-year${suffix}.json`), historyJson(await leave.fetchHistory()));

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

    // A certification cycle of the same program: application, self-assessment, work plan
    // with a rejected item, Partner (its level changes reach the program as signals).
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
    writeNewHistory(path.join(OUT, `program-record${suffix}.json`), historyJson(await program.fetchHistory()));
    writeNewHistory(path.join(OUT, `certification${suffix}.json`), historyJson(await cert.fetchHistory()));

    // The foster pipeline: a mentor screened and approved, a youth referred and ready, a
    // match through consents, first meeting, check-ins (one with a safety concern) and closure.
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
    writeNewHistory(path.join(OUT, `mentor-screening${suffix}.json`), historyJson(await mentor.fetchHistory()));
    writeNewHistory(path.join(OUT, `youth-referral${suffix}.json`), historyJson(await youth.fetchHistory()));
    writeNewHistory(path.join(OUT, `match${suffix}.json`), historyJson(await match.fetchHistory()));
    await leaveIncidentStory(env, taskQueue, policy, save);
    await certificationTimerStories(env, taskQueue, policy, save);
    await fosterTimerStories(env, taskQueue, policy, save);
    await sweeperStory(env, taskQueue, save);
    await referralStories(env, taskQueue, policy, save);
    await referralConfirmationStories(env, taskQueue, policy, save);
    await wellnessStories(env, taskQueue, policy, save);
    await eceStories(env, taskQueue, policy, save);
    await outcomeStories(env, taskQueue, policy, save);
    await importStory(env, taskQueue, policy, save);
    await wellnessLateCallStory(env, taskQueue, policy, save);
    await fullMidUpdateStory(env, taskQueue, policy, save);
    await coverageStories(env, taskQueue, policy, save);
    await zeroCadenceStory(env, taskQueue, policy, save);
    await eceLapseStory(env, taskQueue, policy, save);
  });
  mailWorker.shutdown();
  await mailRunning;
  await env.teardown();
  console.log(`histories written to ${OUT}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
