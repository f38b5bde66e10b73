/**
 * The upgrade and rollback drills of docs/deploying.md ("Upgrades and rollbacks"), on the
 * real Temporal server with real workers, nothing mocked. Cases of the real mentoring-leave
 * workflow start on build N; build N+1 (N plus a change behind `patched()`) comes up beside
 * it, is made current with the operator's CLI command, N drains and stops, and every case
 * goes on on N+1 — timers set by N fire there, and N+1's change applies to the steps cases
 * take from then on. Rolling back by pointing the deployment at N again leaves those cases
 * stuck (failing workflow tasks, never failed cases); the roll forward to N+2 (N's
 * behaviour, N+1's patch still understood) lets every one of them go on.
 */
import path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import { describeDeployment } from '../../lib/deployment';
import { encryptingDataConverter } from '../../lib/payload-codec';
import { createWorker, smtpMailer, type Workers } from '../../lib/worker';
import { mentoringLeaveWorkflowId } from '../../processes/mentoring-leave/workflow';
import { as, eventually, QUIET_TASKS, startStack, TEST_PAYLOAD_KEYS, type Person, type Stack } from '../support/stack';
import {
  buildDrillBuilds,
  FORWARDED_EVENT,
  ROLLBACK_PATCH,
  setCurrentWithCli,
  stepsOf,
  UPGRADE_PATCH,
  type Build,
  type Step,
} from '../support/upgrade-drill';
import { certifiedProgram, coordinatorOf, DEPT, enrollmentBody, hr, sup, today, year } from './fixtures';

const CASES = 6;
/** The supervisor's reminder fires this long after the approval task opens: after the upgrade. */
const REMINDER_AFTER_S = 30;

let stack: Stack;
let builds: Record<'n' | 'n+1' | 'n+2', Build>;
let programId: string;
const started = Date.now();
const figures: [string, string][] = [];
const note = (what: string, since: number) => figures.push([what, `${((Date.now() - since) / 1000).toFixed(1)} s`]);
const run = Math.random().toString(36).slice(2, 8);
const employees: (Person & { email: string })[] = Array.from({ length: CASES }, (_, i) => ({
  sub: `drill-${run}-${i}`,
  roles: ['employee'],
  department: DEPT,
  name: `Drill Employee ${i}`,
  email: `drill${i}-${run}@example.gov`,
}));
const caseIds: string[] = [];
const workflowIds = employees.map((e) => mentoringLeaveWorkflowId(year, e.sub));
const extraWorkers: { workers: Workers; running: Promise<void>; connection: NativeConnection }[] = [];

/** Another worker process of the deployment, on the stack's task queue, running `build`. */
async function bringUp(build: Build): Promise<Workers> {
  const connection = await NativeConnection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
  const workers = await createWorker({
    connection,
    namespace: 'default',
    payloadKeys: TEST_PAYLOAD_KEYS,
    db: stack.db,
    taskQueue: stack.taskQueue,
    mailer: smtpMailer(`smtp://127.0.0.1:${process.env.TEST_SMTP_PORT}`, 'mentorflow <no-reply@test>'),
    workflowBundle: { codePath: build.codePath },
    // In production a new version waits for the operator: only the first deploy becomes current by itself.
    deployment: { name: stack.deploymentName!, setCurrent: 'never' },
  });
  const running = workers.run();
  extraWorkers.push({ workers, running, connection });
  expect(await workers.settled()).toBe('left');
  return workers;
}

/** Waits until the server reports `build` drained (no case needs it any more), then stops its worker. */
async function drainAndStop(build: Build, workers: Workers): Promise<void> {
  await eventually(
    async () => {
      const d = await describeDeployment(stack.client.workflowService, 'default', stack.deploymentName!);
      return d?.versions.find((v) => v.buildId === build.buildId)?.drainage === 'drained';
    },
    `${build.label} drained`,
    60_000,
  );
  workers.shutdown();
  await eventually(async () => workers.getState() === 'STOPPED', `${build.label} stopped`);
}

const caseOf = async (i: number) =>
  (await as(stack, employees[i]).get(`/mentoring-leave/enrollments/${caseIds[i]}`)).body;
const timeline = async (i: number): Promise<string[]> =>
  (await as(stack, employees[i]).get(`/cases/${caseIds[i]}/timeline?limit=200`)).body.items.map(
    (e: { event: string }) => e.event,
  );
const openTask = async (i: number, type: string): Promise<{ id: string }> =>
  eventually(
    async () => (await caseOf(i)).openTasks?.find((t: { type: string }) => t.type === type),
    `${type} of case ${i}`,
  );
const complete = async (who: Person, taskId: string, outcome: string) =>
  as(stack, who).post(`/tasks/${taskId}/complete`, { outcome });

/** Every case's history replayed on `build`: its error, or undefined when it replays. */
async function replayAll(build: Build): Promise<(string | undefined)[]> {
  const histories = await Promise.all(
    workflowIds.map(async (workflowId) => ({ workflowId, history: (await stepsOf(stack.client, workflowId)).history })),
  );
  const errors: (string | undefined)[] = [];
  const dataConverter = encryptingDataConverter(TEST_PAYLOAD_KEYS);
  const options = { workflowBundle: { codePath: build.codePath }, dataConverter };
  for await (const r of Worker.runReplayHistories(options, histories)) {
    errors.push(r.error ? `${r.error.name}: ${r.error.message.split('\n')[0]}` : undefined);
  }
  return errors;
}

beforeAll(async () => {
  const t = Date.now();
  const bundleN = process.env.TEST_WORKFLOW_BUNDLE!;
  builds = await buildDrillBuilds(path.join(path.dirname(bundleN), 'upgrade-drill'), bundleN);
  note('building N+1 and N+2', t);
  expect(new Set(Object.values(builds).map((b) => b.buildId)).size).toBe(3);
  stack = await startStack({
    policy: {
      tasks: {
        ...QUIET_TASKS,
        supervisor_approval: { due: 'PT10M', reminderBefore: `PT${600 - REMINDER_AFTER_S}S`, escalateTo: 'hr_officer' },
      },
    },
  });
  // The stack's worker is build N: the first of its deployment, it made itself current.
  expect(stack.worker.version?.buildId).toBe(builds.n.buildId);
  programId = await certifiedProgram(stack);
});

afterAll(async () => {
  for (const w of extraWorkers) w.workers.shutdown();
  await Promise.all(extraWorkers.map((w) => w.running.catch(() => undefined)));
  for (const w of extraWorkers) await w.connection.close();
  await stack?.stop();
  const ids = `N ${builds?.n.buildId}, N+1 ${builds?.['n+1'].buildId}, N+2 ${builds?.['n+2'].buildId}`;
  console.log(
    `upgrade drills (${CASES} cases, builds ${ids}):\n${figures.map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n` +
      `  whole drill: ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
});

test('upgrade: cases started on N go on on N+1 after N drains, timers included, with its patched change', async () => {
  // Cases started on N, each waiting for its supervisor's approval.
  let t = Date.now();
  await Promise.all(
    employees.map(async (emp, i) => {
      const created = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
      expect(created.status).toBe(201);
      caseIds[i] = created.body.id;
      expect((await complete(hr, (await openTask(i, 'eligibility_review')).id, 'approve')).status).toBe(200);
      const logged = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseIds[i]}/personal-time`, {
        date: today,
        hours: 4,
        kind: 'vacation',
        description: 'Mentoring',
      });
      expect(logged.status).toBe(201);
      const verify = await openTask(i, 'verify_personal_hours');
      expect((await complete(coordinatorOf(programId), verify.id, 'verify')).status).toBe(200);
      const requested = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseIds[i]}/requests`, {
        date: today,
        hours: 2,
        attestNoTravel: true,
      });
      expect(requested.status).toBe(201);
    }),
  );
  note(`${CASES} cases started on N (enrolled, approved, hours verified, leave requested)`, t);

  // N+1 beside N; the operator makes it current; N drains and stops.
  t = Date.now();
  const n = stack.worker;
  const n1 = await bringUp(builds['n+1']);
  let deployment = await describeDeployment(stack.client.workflowService, 'default', stack.deploymentName!);
  expect(deployment?.current).toBe(builds.n.buildId); // beside it, not instead of it
  setCurrentWithCli(process.env.TEST_TEMPORAL_ADDRESS!, stack.deploymentName!, builds['n+1'].buildId);
  const switched = Date.now();
  deployment = await describeDeployment(stack.client.workflowService, 'default', stack.deploymentName!);
  expect(deployment?.current).toBe(builds['n+1'].buildId);
  await drainAndStop(builds.n, n);
  note('N+1 up, made current, N drained and stopped', t);

  // Timers N set fire on N+1: every supervisor is reminded.
  t = Date.now();
  await Promise.all(
    employees.map((_, i) =>
      eventually(async () => (await timeline(i)).includes('task_reminder_sent'), `reminder of case ${i}`, 60_000),
    ),
  );
  note('reminders set on N fired on N+1', t);
  // The next step of every case runs N+1's patched branch.
  t = Date.now();
  await Promise.all(
    employees.map(async (_, i) => {
      expect((await complete(sup, (await openTask(i, 'supervisor_approval')).id, 'approve')).status).toBe(200);
    }),
  );
  note('supervisor approvals on N+1', t);

  for (let i = 0; i < CASES; i++) {
    const events = await timeline(i);
    expect(events.filter((e) => e === FORWARDED_EVENT)).toHaveLength(1);
    expect(events.indexOf(FORWARDED_EVENT)).toBeGreaterThan(events.indexOf('leave_request_supervisor_approved'));
    const { steps } = await stepsOf(stack.client, workflowIds[i]);
    const before = steps.filter((s) => s.kind === 'completed' && s.at < switched).map((s) => s.buildId);
    const after = steps.filter((s) => s.kind === 'completed' && s.at > switched).map((s) => s.buildId);
    const failed = steps.filter((s) => s.kind === 'failed');
    expect({ i, before: [...new Set(before)], after: [...new Set(after)], failed }).toEqual({
      i,
      before: [builds.n.buildId],
      after: [builds['n+1'].buildId],
      failed: [],
    });
    expect(steps.some((s) => s.kind === 'timer' && s.at > switched)).toBe(true);
    expect(steps.filter((s) => s.kind === 'marker').map((s) => s.detail)).toContain(UPGRADE_PATCH);
  }
  // Their histories replay on N+1; N cannot take them back (it does not know the patch).
  expect(await replayAll(builds['n+1'])).toEqual(employees.map(() => undefined));
  expect((await replayAll(builds.n)).every((e) => /Determinism|Nondeterminism/i.test(e ?? ''))).toBe(true);
  expect(n1.getState()).toBe('RUNNING');
});

test('rollback: pointing back at N strands the cases; the roll forward to N+2 lets every one go on', async () => {
  // The rollback an operator might try: N's workers back, N current again.
  let t = Date.now();
  const n1 = extraWorkers[0].workers;
  const nAgain = await bringUp(builds.n);
  setCurrentWithCli(process.env.TEST_TEMPORAL_ADDRESS!, stack.deploymentName!, builds.n.buildId);
  const rolledBack = Date.now();
  // HR's approvals reach N, which cannot replay what N+1 recorded: the API answers 202 (still working).
  const hrTasks = await Promise.all(employees.map((_, i) => openTask(i, 'hr_approval')));
  const stuck = await Promise.all(hrTasks.map((task) => complete(hr, task.id, 'approve')));
  expect(stuck.map((r) => r.status)).toEqual(employees.map(() => 202));
  for (let i = 0; i < CASES; i++) {
    const { steps } = await stepsOf(stack.client, workflowIds[i]);
    const failed = steps.filter((s) => s.kind === 'failed' && s.at > rolledBack);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].detail).toMatch(/NON_DETERMINISTIC_ERROR|Nondeterminism/i);
    expect(steps.filter((s) => s.kind === 'completed' && s.at > rolledBack)).toEqual([]);
    const described = await stack.client.workflow.getHandle(workflowIds[i]).describe();
    expect(described.status.name).toBe('RUNNING'); // stuck, not failed
  }
  note("rollback to N: every case's workflow task failing, no case failed", t);

  // The documented path: roll forward to N+2, N's behaviour with N+1's patch still understood.
  t = Date.now();
  await bringUp(builds['n+2']);
  setCurrentWithCli(process.env.TEST_TEMPORAL_ADDRESS!, stack.deploymentName!, builds['n+2'].buildId);
  const forward = Date.now();
  // Every stranded case's workflow task goes through on N+2, at its next retry.
  const onN2 = (s: Step) => s.kind === 'completed' && s.at > forward && s.buildId === builds['n+2'].buildId;
  await Promise.all(
    workflowIds.map((id) =>
      eventually(async () => (await stepsOf(stack.client, id)).steps.some(onN2), `${id} on N+2`, 60_000),
    ),
  );
  note("N+2 up and current, every stranded case's workflow task through on it", t);
  // An approval answered 202 while its case was stranded was never accepted by the case:
  // its task is still open, and HR does it again.
  t = Date.now();
  let repeated = 0;
  await Promise.all(
    employees.map(async (emp, i) => {
      if ((await caseOf(i)).requests[0].status === 'approved') return;
      expect((await complete(hr, hrTasks[i].id, 'approve')).status).toBe(200);
      repeated++;
    }),
  );
  figures.push(['HR approvals answered 202 while stranded, repeated on N+2', `${repeated} of ${CASES}`]);
  for (let i = 0; i < CASES; i++) {
    expect((await caseOf(i)).requests[0].status).toBe('approved');
  }
  await drainAndStop(builds.n, nAgain);
  await drainAndStop(builds['n+1'], n1);
  note('HR approvals through on N+2, N and N+1 drained and stopped', t);

  // A new request: N's behaviour again (no forwarded event), through to HR's approval.
  t = Date.now();
  await Promise.all(
    employees.map(async (emp, i) => {
      const requested = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseIds[i]}/requests`, {
        date: today,
        hours: 1,
        attestNoTravel: true,
      });
      expect(requested.status).toBe(201);
      expect((await complete(sup, (await openTask(i, 'supervisor_approval')).id, 'approve')).status).toBe(200);
      expect((await complete(hr, (await openTask(i, 'hr_approval')).id, 'approve')).status).toBe(200);
    }),
  );
  note('a second request approved on N+2', t);
  for (let i = 0; i < CASES; i++) {
    const events = await timeline(i);
    expect(events.filter((e) => e === 'leave_request_approved')).toHaveLength(2);
    expect(events.filter((e) => e === FORWARDED_EVENT)).toHaveLength(1); // the one N+1 recorded, none since
    const { steps } = await stepsOf(stack.client, workflowIds[i]);
    const since = steps.filter((s) => s.kind === 'completed' && s.at > forward).map((s) => s.buildId);
    expect([...new Set(since)]).toEqual([builds['n+2'].buildId]);
    expect(steps.filter((s) => s.kind === 'completed' && s.at > rolledBack && s.at < forward)).toEqual([]);
  }
  for (const id of workflowIds) {
    const markers = (await stepsOf(stack.client, id)).steps.filter((s) => s.kind === 'marker').map((s) => s.detail);
    expect(markers.filter((m) => m === UPGRADE_PATCH || m === ROLLBACK_PATCH)).toEqual([UPGRADE_PATCH, ROLLBACK_PATCH]);
  }
  expect(await replayAll(builds['n+2'])).toEqual(employees.map(() => undefined));
});
