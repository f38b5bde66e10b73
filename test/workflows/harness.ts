/**
 * The workflow test harness, the way Temporal's samples test workflows: the real workflow
 * code on the time-skipping test server (a fresh server and worker per test, time moving
 * only inside `env.sleep`), activities replaced by fakes that fail on cue (`faults`) and
 * remember what they were asked (`calls`). Importing it registers the hooks.
 */
import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTestServer } from '../support/test-server';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { classifiedWriteFailure } from '../../platform/activities/infrastructure';
import { buildPolicy } from '../../lib/policy';
import type { TransitionInput } from '../../platform/workflow/records';
import { mailQueueOf } from '../../platform/workflow/task-queues';

export const person = (id: string, roles: string[], extra: Record<string, unknown> = {}) => ({ id, roles, ...extra });
export const eventsOf = (inputs: TransitionInput[]) => inputs.flatMap((t) => (t.events ?? []).map((e) => e.event));

/** What the fake activities were asked, and the faults they obey. */
export const calls = {
  transitions: [] as TransitionInput[],
  incidents: [] as { caseId: string; open?: { reason: string } }[],
  deliveries: 0,
};
export const faults = {
  refuseNext: 0,
  failAlways: false,
  bugAlways: false,
  mailDown: false,
  refuseHours: 0,
  notRecorded: false,
  programs: [] as { programId: string; name: string; contactEmail: string; reasons: string[] }[],
  programsGate: Promise.resolve() as Promise<void>,
};

export let env: TestWorkflowEnvironment;
let worker: Worker;
let mailWorker: Worker;
let running: Promise<void>;
export const taskQueue = `wf-${randomUUID()}`;
export const policy = buildPolicy({}, 'http://127.0.0.1:3000');

// A fresh test server and worker per test: its clock and its pending work are the test's own.
beforeEach(async () => {
  try {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
  } catch {
    /* installed by another file */
  }
  env = await startTestServer({
    server: { executable: { type: 'existing-path', path: process.env.TEMPORAL_TEST_SERVER_PATH! } },
  });
  // Time moves only inside env.sleep: the test decides when retries and timers come due.
  await env.connection.testService!.lockTimeSkipping({});
  // The fakes serve both task queues: the cases' and the mail queue beside it.
  const activities = {
    recordTransition: async (input: TransitionInput) => {
      calls.transitions.push(input);
      const refusedEntry = (input.events ?? []).some(
        (e) => faults.refuseHours > 0 && e.detail.hours === faults.refuseHours,
      );
      if (faults.refuseNext > 0 || refusedEntry) {
        if (faults.refuseNext > 0) faults.refuseNext--;
        throw ApplicationFailure.nonRetryable('value too long for type character varying (22001)', 'bad_data');
      }
      // As the real activity classifies them: an outage is waited out, a bug becomes an incident.
      if (faults.failAlways)
        throw classifiedWriteFailure(new Error('Connection terminated unexpectedly'), writeAttempt(input));
      if (faults.bugAlways)
        throw classifiedWriteFailure(
          new TypeError("Cannot read properties of undefined (reading 'id')"),
          writeAttempt(input),
        );
      return { emailsSent: 0 };
    },
    recordIncident: async (input: { caseId: string; open?: { reason: string } }) => {
      calls.incidents.push(input);
    },
    caseRecorded: async () => ({ recorded: !faults.notRecorded }),
    deliverEmails: async () => {
      calls.deliveries++;
      if (faults.mailDown) throw ApplicationFailure.retryable('421 service not available', 'Error');
      return { sent: 1 };
    },
    sweepOutbox: async () => ({ sent: 0, pending: 0 }),
    issueReferenceLink: async () => ({ sent: true }),
    sendReferralConfirmation: async () => ({ sent: true }),
    // Programs a referral may go to: `faults.programs`, answered once `faults.programsGate` resolves.
    findReferralPrograms: async ({ exclude }: { exclude: string[] }) => {
      await faults.programsGate;
      return faults.programs.filter((p) => !exclude.includes(p.programId));
    },
    findPlaceablePrograms: async () => [],
    // A match's relationship surveys: each link is sent; answers taken by phone score 80.
    sendSurveyLink: async () => ({ sent: true, instrumentId: 'relationship-quality', instrumentVersion: 1 }),
    recordSurveyByPhone: async () => ({
      recorded: true,
      score: 80,
      instrumentId: 'relationship-quality',
      instrumentVersion: 1,
    }),
  };
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
    activities,
  });
  mailWorker = await Worker.create({ connection: env.nativeConnection, taskQueue: mailQueueOf(taskQueue), activities });
  running = Promise.all([worker.run(), mailWorker.run()]).then(() => undefined);
});

afterEach(async () => {
  worker?.shutdown();
  mailWorker?.shutdown();
  await running;
  await env?.teardown();
});

beforeEach(() => {
  calls.transitions = [];
  calls.incidents = [];
  calls.deliveries = 0;
  Object.assign(faults, {
    refuseNext: 0,
    failAlways: false,
    bugAlways: false,
    mailDown: false,
    refuseHours: 0,
    notRecorded: false,
    programs: [],
    programsGate: Promise.resolve(),
  });
});

/** The attempt of the running write, as the real activity reads it (a write without a case is never given up). */
function writeAttempt(input: TransitionInput): number {
  return input.case ? Context.current().info.attempt : 0;
}

/**
 * A worker that keeps no workflow in its cache, so every workflow task rebuilds its run from
 * the history (how a run's start and an early Update can arrive in one activation). Its
 * activities write nothing; `overrides` replaces or adds fakes.
 */
export function uncachedWorker(taskQueue: string, overrides: Record<string, unknown> = {}): Promise<Worker> {
  return Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
    maxCachedWorkflows: 0,
    activities: {
      recordTransition: async () => ({ emailsSent: 0 }),
      recordIncident: async () => undefined,
      caseRecorded: async () => ({ recorded: true }),
      deliverEmails: async () => ({ sent: 0 }),
      ...overrides,
    },
  });
}

/**
 * Messages that must reach a run in one workflow task (a signal and an Update, say): an
 * uncached worker brings the run to where they apply (`ready`) and stops; they are sent with
 * no worker polling (`send`: an Update started, its acceptance awaited later, with a moment
 * before the next message); a new uncached worker then takes them all in one activation
 * (`then` awaits what follows). Afterwards no workflow task failed and the history replays;
 * it is handed back for the test's own checks.
 */
export async function inOneTask(
  taskQueue: string,
  handle: WorkflowHandle,
  steps: { ready: () => Promise<unknown>; send: () => Promise<void>; then: () => Promise<void> },
  activities: Record<string, unknown> = {},
): Promise<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>> {
  let worker = await uncachedWorker(taskQueue, activities);
  let running = worker.run();
  try {
    await steps.ready();
  } finally {
    worker.shutdown();
    await running;
  }
  await steps.send();
  worker = await uncachedWorker(taskQueue, activities);
  running = worker.run();
  try {
    await steps.then();
    const history = await handle.fetchHistory();
    const failed = (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes);
    expect(failed.map((e) => e.workflowTaskFailedEventAttributes?.failure?.message)).toEqual([]);
    await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, history);
    return history;
  } finally {
    worker.shutdown();
    await running;
  }
}

/** A wait that fails with its label instead of hanging the suite. */
export function within<T>(p: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`never: ${label}`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

export async function eventually(what: () => Promise<boolean>, label: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await what()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never: ${label}`);
}

/** A leave enrolment of `employee` for `year`, started on the test server and recorded (its eligibility review open). */
export async function startLeaveCase(employee: { id: string }, year: number, policyOf = policy, queue = taskQueue) {
  const { mentoringLeaveWorkflow } = await import('../../processes/mentoring-leave/workflow');
  const { caseRecordedUpdate } = await import('../../platform/workflow/messages');
  const h = await env.client.workflow.start(mentoringLeaveWorkflow, {
    taskQueue: queue,
    workflowId: `wf-leave-${randomUUID()}`,
    args: [
      {
        caseId: randomUUID(),
        policy: policyOf,
        enrolledBy: person(employee.id, ['employee'], { department: 'CDT' }),
        enrollment: {
          year,
          employee: {
            id: employee.id,
            name: 'Employee',
            email: 'emp@example.gov',
            department: 'CDT',
            bargainingUnit: 1,
            appointment: 'permanent',
          },
          supervisor: { id: `sup-of-${employee.id}`, name: 'Supervisor', email: 'sup@example.gov' },
          program: { programId: 'prog-wf', name: 'Program' },
          commitment: { startDate: `${year}-01-15`, endDate: `${year + 1}-06-15` },
        },
      },
    ],
  });
  await h.executeUpdate(caseRecordedUpdate);
  return h;
}
