/**
 * The doctor (docs/running-cases.md, "Doctor") on real services: each inconsistency made
 * for real (a workflow terminated while it holds an open task, a completed case whose read
 * model went back to open, a case whose workflow Temporal never had, incident rows no
 * commit waits on, a task its running workflow no longer holds), found exactly, repaired
 * with an event on each case, and found no more; a healthy stack, with a case that
 * continued as new and a case genuinely waiting on an incident, yields no finding.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { formatPayloadKeys } from '../../lib/payload-codec';
import { as, eventually, startStack, TEST_PAYLOAD_KEYS, truncateAll, type Stack } from '../support/stack';
import {
  activeEnrollment,
  admin,
  certifiedProgram,
  employee,
  enrollmentBody,
  hr,
  today,
  verifiedHours,
} from './fixtures';

let stack: Stack;
let programId: string;
/** While set, writing personal time fails for good: the case waits on a real incident. */
let broken = false;

beforeAll(async () => {
  stack = await startStack({
    // A small history limit: a case continues as new within the test.
    policy: { maxHistoryEvents: 100 },
    hooks: {
      beforeRecord: (input) => {
        if (broken && input.events?.some((e) => e.event === 'personal_time_logged')) {
          throw ApplicationFailure.nonRetryable('value too long for type character varying(10)', 'bad_data');
        }
      },
    },
  });
  await truncateAll(stack.db);
  await stack.db.deleteFrom('incidents').execute();
  programId = await certifiedProgram(stack);
});
afterAll(async () => stack?.stop());

type Finding = {
  kind: string;
  caseId: string;
  caseType: string;
  workflowId: string;
  workflowStatus: string;
  repair: string | null;
  taskId?: string;
};
type Report = {
  findings: Finding[];
  repairable: number;
  unchecked: unknown[];
  checked: Record<string, number>;
  complete: boolean;
};
const doctor = async () => {
  const r = await as(stack, admin).get('/admin/doctor');
  expect(r.status).toBe(200);
  return r.body as Report;
};
const keys = (fs: Finding[]) => fs.map((f) => `${f.kind} ${f.caseId}`).sort();
const caseRow = (caseId: string) =>
  stack.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
const workflowOf = async (caseId: string) => (await caseRow(caseId)).workflow_id;
const tasksOf = (caseId: string) => stack.db.selectFrom('tasks').selectAll().where('case_id', '=', caseId);
const openTasksOf = (caseId: string) => tasksOf(caseId).where('status', '=', 'open').execute();
const events = (caseId: string, event: string) =>
  stack.db.selectFrom('timeline').selectAll().where('case_id', '=', caseId).where('event', '=', event).execute();
/**
 * This file's employees: their leave workflows' IDs are unique on the shared Temporal server
 * (another file's employee 1 would join this file's workflow, whose worker is gone).
 */
const DOCTOR = 1700;
/** A new enrollment, its eligibility review open: the created case as the API answers it. */
const enroll = async (n: number) =>
  (
    await as(stack, employee(DOCTOR + n)).post(
      '/mentoring-leave/enrollments',
      enrollmentBody(employee(DOCTOR + n), programId),
    )
  ).body;

const C: Record<string, string> = {};

test('a healthy stack yields no findings: open, closed, continued as new, waiting on an incident', async () => {
  // An open case with its eligibility review open.
  C.open = (await enroll(1)).id;
  // A case whose workflow continued as new (a new run of the same workflow ID runs).
  C.continued = await activeEnrollment(stack, employee(DOCTOR + 2), programId);
  const continued = stack.client.workflow.getHandle(await workflowOf(C.continued));
  const hasContinued = async () => {
    const d = await continued.describe();
    return d.runId !== d.raw.workflowExecutionInfo?.firstRunId;
  };
  for (let i = 0; i < 12 && !(await hasContinued()); i++) {
    await verifiedHours(stack, employee(DOCTOR + 2), C.continued, programId, 1);
  }
  await eventually(hasContinued, 'the case to continue as new');
  // A closed case: the enrollment denied, its workflow completed.
  const denied = await enroll(3);
  C.denied = denied.id;
  const deny = { outcome: 'deny', comment: 'Not eligible this year' };
  expect((await as(stack, hr).post(`/tasks/${denied.openTasks[0].id}/complete`, deny)).status).toBe(200);
  const deniedRun = stack.client.workflow.getHandle(await workflowOf(C.denied));
  await eventually(async () => (await deniedRun.describe()).status.name === 'COMPLETED', 'the denied case to complete');
  // A case whose commit waits on a real incident.
  C.incident = await activeEnrollment(stack, employee(DOCTOR + 4), programId);
  broken = true;
  const time = { date: today, hours: 2, kind: 'off_duty', description: 'Tutoring' };
  await as(stack, employee(DOCTOR + 4)).post(`/mentoring-leave/enrollments/${C.incident}/personal-time`, time);
  const incident = () =>
    stack.db.selectFrom('incidents').select('case_id').where('case_id', '=', C.incident).executeTakeFirst();
  await eventually(async () => !!(await incident()), 'the incident');

  const report = await doctor();
  expect(report.findings).toEqual([]);
  expect(report.unchecked).toEqual([]);
  expect(report.complete).toBe(true);
  expect(report.checked).toMatchObject({ openCases: 3, incidents: 1 });
});

test('non-admins get 403 problem+json from both routes', async () => {
  const answers = [
    await as(stack, hr).get('/admin/doctor'),
    await as(stack, employee(DOCTOR + 1)).post('/admin/doctor/repair'),
  ];
  for (const r of answers) {
    expect(r.status).toBe(403);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
  }
});

test('each inconsistency made for real is found exactly, repaired with an event, then found no more', async () => {
  // (a, b) A workflow terminated while it holds an open task.
  C.terminated = (await enroll(5)).id;
  expect(await openTasksOf(C.terminated)).toHaveLength(1);
  await stack.client.workflow.getHandle(await workflowOf(C.terminated)).terminate('doctor test');
  // A completed case whose read model went back to open (a lost write, a restored backup).
  const deniedTask = (await tasksOf(C.denied).executeTakeFirstOrThrow()).id;
  await stack.db
    .updateTable('cases')
    .where('id', '=', C.denied)
    .set({ status: 'open', stage: 'eligibility_review', details: JSON.stringify({ stale: true }) as never })
    .execute();
  await stack.db
    .updateTable('tasks')
    .where('id', '=', deniedTask)
    .set({ status: 'open', outcome: null, completed_at: null })
    .execute();
  // A case whose workflow Temporal never had.
  C.missing = randomUUID();
  await insertCaseWithTask(C.missing, `doctor-test-missing-${C.missing}`);
  // (c) Incident rows no commit waits on: of a running case, and of the terminated one.
  for (const caseId of [C.open, C.terminated]) {
    await stack.db
      .insertInto('incidents')
      .values({
        case_id: caseId,
        workflow_id: await workflowOf(caseId),
        case_type: 'mentoring_leave',
        since: new Date(),
        reason: 'left over',
      })
      .execute();
  }
  // (d) A task the running (continued-as-new) workflow finished, open again in the read model, long overdue.
  const stale = (await tasksOf(C.continued).where('type', '=', 'eligibility_review').executeTakeFirstOrThrow()).id;
  const overdue = new Date(Date.now() - 2 * 3600_000);
  await stack.db.updateTable('tasks').set({ status: 'open', due_at: overdue }).where('id', '=', stale).execute();

  const expected = [
    `completed_workflow ${C.denied}`,
    `ended_workflow ${C.terminated}`,
    `ghost_incident ${C.open}`,
    `ghost_incident ${C.terminated}`,
    `missing_workflow ${C.missing}`,
    `stale_task ${C.continued}`,
  ].sort();
  // Visibility may take a moment to show the termination.
  const report = await eventually(
    async () => {
      const r = await doctor();
      return keys(r.findings).join() === expected.join() ? r : undefined;
    },
    'the doctor to find exactly the inconsistencies made',
    20_000,
  );
  expect(report.repairable).toBe(6);
  expect(report.unchecked).toEqual([]);
  const finding = (kind: string) => report.findings.find((f) => f.kind === kind);
  expect(finding('ended_workflow')).toMatchObject({
    caseType: 'mentoring_leave',
    workflowStatus: 'TERMINATED',
    workflowId: await workflowOf(C.terminated),
  });
  expect(finding('stale_task')).toMatchObject({ taskId: stale, workflowStatus: 'RUNNING' });

  const repaired = await as(stack, admin).post('/admin/doctor/repair');
  expect(repaired.status).toBe(200);
  expect(repaired.body.repairs.filter((r: { repaired: boolean }) => !r.repaired)).toEqual([]);
  expect(repaired.body.repaired).toBe(6);

  // The terminated case: its task cancelled, the case closed at needs_attention, who did it on its timeline.
  expect(await openTasksOf(C.terminated)).toEqual([]);
  expect(await caseRow(C.terminated)).toMatchObject({ status: 'closed', stage: 'needs_attention' });
  const [closed] = await events(C.terminated, 'doctor_closed');
  expect(closed).toMatchObject({
    actor_id: admin.sub,
    actor_name: admin.name,
    detail: {
      finding: 'ended_workflow',
      workflowStatus: 'TERMINATED',
      to: { status: 'closed', stage: 'needs_attention' },
    },
  });
  expect(await events(C.terminated, 'task_cancelled')).toHaveLength(1);
  // The completed case: closed again from the workflow's own last state (its stage and details).
  const denied = await caseRow(C.denied);
  expect(denied).toMatchObject({ status: 'closed', stage: 'denied' });
  expect(denied.details).not.toHaveProperty('stale');
  expect(await openTasksOf(C.denied)).toEqual([]);
  const [reclosed] = await events(C.denied, 'doctor_closed');
  expect(reclosed.detail).toMatchObject({ finding: 'completed_workflow', fromWorkflowState: true });
  expect(await caseRow(C.missing)).toMatchObject({ status: 'closed', stage: 'needs_attention' });
  // Ghost incidents gone, the real one kept; the stale task cancelled.
  const incidents = await stack.db.selectFrom('incidents').select('case_id').execute();
  expect(incidents.map((r) => r.case_id)).toEqual([C.incident]);
  expect(await events(C.open, 'doctor_incident_cleared')).toHaveLength(1);
  const staleNow = await tasksOf(C.continued).where('id', '=', stale).executeTakeFirstOrThrow();
  expect(staleNow).toMatchObject({ status: 'cancelled' });
  // The running cases go on: the open case's task is untouched.
  expect(await openTasksOf(C.open)).toHaveLength(1);

  expect((await doctor()).findings).toEqual([]);
  const again = await as(stack, admin).post('/admin/doctor/repair');
  expect(again.body).toMatchObject({ findings: [], repaired: 0 });
  expect(await events(C.terminated, 'doctor_closed')).toHaveLength(1);
});

test('npm run doctor: a dry run changes nothing, --repair repairs, each ending with its summary line', async () => {
  C.cli = (await enroll(6)).id;
  await stack.client.workflow.getHandle(await workflowOf(C.cli)).terminate('doctor cli test');
  const dry = await eventually(
    async () => {
      const out = await runDoctor(['--json']);
      return out.lines.at(-1) === 'doctor: 1 findings (1 repairable), 0 repaired' ? out : undefined;
    },
    'the CLI to see the terminated workflow',
    20_000,
  );
  const json = JSON.parse(dry.lines[0]);
  expect(json.findings).toMatchObject([{ kind: 'ended_workflow', caseId: C.cli }]);
  // The case genuinely waiting on its incident was asked, and answered (this process's worker).
  expect(json).toMatchObject({ unchecked: [], checked: { incidents: 1 } });
  expect(await openTasksOf(C.cli)).toHaveLength(1);

  const fixed = await runDoctor(['--repair', '--actor', 'ops-on-call']);
  expect(fixed.lines.at(-1)).toBe('doctor: 1 findings (1 repairable), 1 repaired');
  const did = 'cancelled 1 open task; closed the case at stage needs_attention';
  expect(fixed.lines).toContain(`repaired  case ${C.cli} (ended_workflow): ${did}`);
  expect(await events(C.cli, 'doctor_closed')).toMatchObject([{ actor_id: 'operator:ops-on-call' }]);
  expect((await runDoctor([])).lines.at(-1)).toBe('doctor: 0 findings (0 repairable), 0 repaired');
});

/** The CLI in its own process, asynchronously: this process's worker must go on answering queries meanwhile. */
async function runDoctor(args: string[]): Promise<{ lines: string[] }> {
  const root = path.resolve(__dirname, '../..');
  const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');
  const r = await promisify(execFile)(process.execPath, [tsx, path.join(root, 'scripts/doctor.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      DATABASE_URL: process.env.TEST_DATABASE_URL,
      TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: 'default',
      PAYLOAD_KEYS: formatPayloadKeys(TEST_PAYLOAD_KEYS),
      LOG_LEVEL: 'warn',
    },
  });
  return { lines: r.stdout.trim().split('\n') };
}

async function insertCaseWithTask(caseId: string, workflowId: string): Promise<void> {
  const now = new Date();
  await stack.db
    .insertInto('cases')
    .values({
      id: caseId,
      workflow_id: workflowId,
      type: 'mentoring_leave',
      status: 'open',
      stage: 'eligibility_review',
      subject: 'Doctor test',
      viewers: ['role:admin'],
      owner_id: null,
      parties: null,
      department: null,
      program_id: null,
      details: JSON.stringify({}) as never,
      version: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await stack.db
    .insertInto('tasks')
    .values({
      id: randomUUID(),
      case_id: caseId,
      workflow_id: workflowId,
      type: 'eligibility_review',
      title: 'Review eligibility',
      status: 'open',
      candidate_roles: ['hr_officer'],
      candidates: ['role:hr_officer'],
      escalated_to: [],
      scope: JSON.stringify({}) as never,
      assignee_id: null,
      due_at: new Date(now.getTime() + 3600_000),
      remind_at: now,
      escalated: false,
      outcomes: ['approve', 'deny'],
      outcome: null,
      comment: null,
      data: null,
      completed_by: null,
      completed_at: null,
      ref: null,
      created_at: now,
      case_version: 1,
      assignable: null,
    })
    .execute();
}
