/**
 * The history recorder's stories of a signal and an Update that share one workflow task: the
 * organisation's settings told to a leave case with an HR officer's claim of its review (the
 * settings' work waits in turn, platform/workflow/in-turn.ts, and moves a deadline due within
 * the day, platform/workflow/deadline-moves.ts), and a certification case's level change with
 * an admin's correction to a program record (both queued, processes/programs/level-changes.ts).
 * The recorder's own worker never pauses, so each story runs its cases on a task queue of its
 * own and takes that queue's worker away while the two messages are sent, as the workflow
 * tests' `inOneTask` does; they then reach the case in one task.
 *   npm run record-histories -- --only one-task
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { WorkflowUpdateStage } from '@temporalio/client';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { mentoringLeaveWorkflow } from '../../processes/mentoring-leave/workflow';
import {
  programLevelSignal,
  programRecordWorkflow,
  programWorkflowId,
  setProgramLevelUpdate,
} from '../../processes/programs/workflow';
import { addDays, laDate } from '../../platform/workflow/calendar';
import { businessCalendarOf } from '../../platform/workflow/jurisdiction';
import { caseRecordedUpdate, claimTaskUpdate, openTasksQuery } from '../../platform/workflow/messages';
import { organisationSettingsOf, organisationSettingsSignal } from '../../platform/workflow/organisation-settings';
import type { Policy } from '../../platform/workflow/policy';
import { mailQueueOf } from '../../platform/workflow/task-queues';
import { referralFakes } from './referral-stories';
import { surveyFakes } from './match-support-stories';
import { leaveEnrollment, person, until, type Save } from './shared';

const HOUR = 3_600_000;
const realSleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The recorder's fakes: a history depends only on workflow code. */
const fakes = {
  ...referralFakes,
  ...surveyFakes,
  recordTransition: async () => ({ emailsSent: 0 }),
  recordIncident: async () => undefined,
  caseRecorded: async () => ({ recorded: true }),
  deliverEmails: async () => ({ sent: 0 }),
  sweepOutbox: async () => ({ sent: 0, pending: 0 }),
};

let bundled: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Today's workflow code, bundled once for the stories' own workers. */
export const todaysBundle = () =>
  (bundled ??= bundleWorkflowCode({ workflowsPath: require.resolve('../../processes/workflows') }));

/**
 * A queue of the story's own, its mail queue served throughout, and its case worker that can go
 * away (with today's workflow code unless the story hands over another bundle).
 */
export async function ownQueue(env: TestWorkflowEnvironment, name: string, bundle?: WorkflowBundleWithSourceMap) {
  const taskQueue = `record-histories-${name}`;
  let workflowBundle = bundle ?? (await todaysBundle());
  const connection = env.nativeConnection;
  const mail = await Worker.create({ connection, taskQueue: mailQueueOf(taskQueue), activities: fakes });
  const mailRunning = mail.run();
  let stop = async () => undefined as void;
  const start = async () => {
    // No cache: a task is never held for a sticky queue the worker that went away polled.
    const worker = await Worker.create({
      connection,
      taskQueue,
      workflowBundle,
      activities: fakes,
      maxCachedWorkflows: 0,
    });
    const running = worker.run();
    stop = async () => (worker.shutdown(), await running);
  };
  return {
    taskQueue,
    /** From now on the case worker runs this code (a case started under older code woken by newer). */
    useBundle(next: WorkflowBundleWithSourceMap) {
      workflowBundle = next;
    },
    start,
    stop: () => stop(),
    /** Runs `send` while no worker polls, so what it sends reaches the case in one workflow task. */
    async inOneTask(send: () => Promise<void>) {
      await stop();
      await send();
      await start();
    },
    async close() {
      await stop();
      mail.shutdown();
      await mailRunning;
    },
  };
}

/** Starts an Update without waiting for a worker to accept it (none polls yet); resolves with its result. */
function updateLater<T>(start: () => Promise<{ result(): Promise<T> }>): Promise<T> {
  const result = start().then((u) => u.result());
  result.catch(() => undefined);
  return result;
}

/**
 * A leave case whose organisation adds a holiday (on the business day after its review opened)
 * twelve hours before the review is due, in the same workflow task as an HR officer's claim of
 * that review: the claim is written first, then, in turn, the review's deadline moves a
 * business day. A deadline less than a day away still moves (one already passed would not).
 */
async function settingsWithClaim(env: TestWorkflowEnvironment, policy: Policy, save: Save): Promise<void> {
  const q = await ownQueue(env, 'settings-with-claim');
  await q.start();
  const calendar = businessCalendarOf(policy);
  const year = calendar.year(Number(await env.currentTimeMs()));
  const employee = { id: 'emp-history-turn', name: 'Employee Turn', email: 'empturn@example.gov' };
  const leave = await env.client.workflow.start(mentoringLeaveWorkflow, {
    taskQueue: q.taskQueue,
    workflowId: `mentoring-leave-${year}-${employee.id}`,
    args: [
      {
        caseId: 'case-history-turn',
        policy,
        enrolledBy: person(employee.id, ['employee']),
        enrollment: leaveEnrollment(year, employee),
      },
    ],
  });
  await leave.executeUpdate(caseRecordedUpdate);
  const review = (await leave.query(openTasksQuery)).find((t) => t.type === 'eligibility_review')!;
  await env.sleep(Date.parse(review.dueAt) - 12 * HOUR - Number(await env.currentTimeMs()));
  await realSleep(1_000);
  const holiday = calendar.addBusinessDays(laDate(Date.parse(review.createdAt)), 1);
  const hr = person('hr-history-turn', ['hr_officer'], { department: 'CDT' });
  let claimed: Promise<unknown> | undefined;
  await q.inOneTask(async () => {
    await leave.signal(organisationSettingsSignal, {
      ...organisationSettingsOf(policy),
      calendar: { ...policy.calendar!, holidays: { [holiday.slice(0, 4)]: [holiday] } },
    });
    claimed = updateLater(() =>
      leave.startUpdate(claimTaskUpdate, {
        args: [{ taskId: review.id, actor: hr }],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      }),
    );
    await realSleep(500);
  });
  await claimed;
  const moved = async () => (await leave.query(openTasksQuery)).find((t) => t.id === review.id)?.dueAt !== review.dueAt;
  await until(moved);
  if (!(await moved())) throw new Error('the review deadline did not move');
  await realSleep(1_000);
  await leave.terminate('history recorded');
  await q.close();
  await save('mentoring-leave-settings-with-claim', leave);
}

/**
 * A program record told a certification case's decision (Partner for a year) and given an
 * admin's correction (Affiliate) in one workflow task: both are queued and written in that
 * task's order — the case's signal first, then the admin's Update, which answers with the
 * program as it left it (Affiliate).
 */
async function programChangesInOneTask(env: TestWorkflowEnvironment, policy: Policy, save: Save): Promise<void> {
  const q = await ownQueue(env, 'program-changes');
  await q.start();
  const now = Number(await env.currentTimeMs());
  const admin = person('admin', ['admin']);
  const program: WorkflowHandle<typeof programRecordWorkflow> = await env.client.workflow.start(programRecordWorkflow, {
    taskQueue: q.taskQueue,
    workflowId: programWorkflowId('prog-history-turn'),
    args: [
      {
        policy,
        createdBy: admin,
        program: {
          id: 'prog-history-turn',
          name: 'T',
          organization: 'O',
          contactEmail: 't@example.org',
          county: 'Yolo',
          startedOn: '2018-01-01',
          minimumMatchMonths: 12,
          level: 'affiliate',
          certifiedUntil: null,
          createdBy: admin.id,
          createdAt: new Date(now).toISOString(),
        },
      },
    ],
  });
  await program.executeUpdate(caseRecordedUpdate);
  let corrected: Promise<{ level: string }> | undefined;
  await q.inOneTask(async () => {
    await program.signal(programLevelSignal, {
      level: 'partner',
      certifiedUntil: addDays(laDate(now), 365),
      note: 'certified',
      actor: person('reviewer', ['certification_reviewer']),
      eventId: '00000000-0000-4000-8000-000000000001',
      caseId: 'certification-prog-history-turn-1',
    });
    corrected = updateLater(() =>
      program.startUpdate(setProgramLevelUpdate, {
        args: [{ level: 'affiliate', note: 'correction', actor: admin }],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      }),
    );
    await realSleep(500);
  });
  const answer = await corrected!;
  if (answer.level !== 'affiliate') throw new Error(`the correction answered ${answer.level}`);
  await realSleep(1_000);
  await program.terminate('history recorded');
  await q.close();
  await save('program-record-changes-in-one-task', program);
}

/**
 * A Partner program record started, told a certification case's renewal and given an admin's
 * note-only correction before its first workflow task: both are queued in that task and
 * written after the registration, the signal's first. `--only changes-at-start`.
 */
export async function programChangesAtStartStory(
  env: TestWorkflowEnvironment,
  _taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const q = await ownQueue(env, 'program-changes-at-start');
  const now = Number(await env.currentTimeMs());
  const today = laDate(now);
  const admin = person('admin', ['admin']);
  const program = await env.client.workflow.start(programRecordWorkflow, {
    taskQueue: q.taskQueue,
    workflowId: programWorkflowId('prog-history-start'),
    args: [
      {
        policy,
        createdBy: admin,
        program: {
          id: 'prog-history-start',
          name: 'U',
          organization: 'O',
          contactEmail: 'u@example.org',
          county: 'Yolo',
          startedOn: '2019-01-01',
          minimumMatchMonths: 12,
          level: 'partner',
          certifiedUntil: addDays(today, 200),
          createdBy: admin.id,
          createdAt: new Date(now).toISOString(),
        },
      },
    ],
  });
  await program.signal(programLevelSignal, {
    level: 'partner',
    certifiedUntil: addDays(today, 565),
    note: 'renewed',
    actor: person('reviewer', ['certification_reviewer']),
    eventId: '00000000-0000-4000-8000-000000000002',
    caseId: 'certification-prog-history-start-2',
  });
  const corrected = updateLater(() =>
    program.startUpdate(setProgramLevelUpdate, {
      args: [{ level: 'partner', certifiedUntil: addDays(today, 565), note: 'imported', actor: admin }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    }),
  );
  await realSleep(500);
  await q.start();
  await corrected;
  await realSleep(1_000);
  await program.terminate('history recorded');
  await q.close();
  await save('program-record-changes-at-start', program);
}

export async function oneTaskStories(
  env: TestWorkflowEnvironment,
  _taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  await settingsWithClaim(env, policy, save);
  await programChangesInOneTask(env, policy, save);
}
