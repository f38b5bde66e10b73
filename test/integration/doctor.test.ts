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
import { activeEnrollment, admin, certifiedProgram, employee, enrollmentBody, hr, today, verifiedHours } from './fixtures';

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

type Finding = { kind: string; caseId: string; caseType: string; workflowId: string; workflowStatus: string; repair: string | null; taskId?: string };
const doctor = async () => {
  const r = await as(stack, admin).get('/admin/doctor');
  expect(r.status).toBe(200);
  return r.body as { findings: Finding[]; repairable: number; unchecked: unknown[]; checked: Record<string, number>; complete: boolean };
};
const keys = (fs: Finding[]) => fs.map((f) => `${f.kind} ${f.caseId}`).sort();
const workflowOf = async (caseId: string) => (await stack.db.selectFrom('cases').select('workflow_id').where('id', '=', caseId).executeTakeFirstOrThrow()).workflow_id;
const openTasksOf = (caseId: string) => stack.db.selectFrom('tasks').selectAll().where('case_id', '=', caseId).where('status', '=', 'open').execute();
const caseRow = (caseId: string) => stack.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
const events = (caseId: string, event: string) => stack.db.selectFrom('timeline').selectAll().where('case_id', '=', caseId).where('event', '=', event).execute();

const C: Record<string, string> = {};

test('a healthy stack yields no findings: open cases, a closed one, one continued as new, one genuinely waiting on an incident', async () => {
  // An open case with its eligibility review open.
  C.open = (await as(stack, employee(1)).post('/mentoring-leave/enrollments', enrollmentBody(employee(1), programId))).body.id;
  // A case whose workflow continued as new (a new run of the same workflow ID runs).
  C.continued = await activeEnrollment(stack, employee(2), programId);
  const continued = stack.client.workflow.getHandle(await workflowOf(C.continued));
  const hasContinued = async () => {
    const d = await continued.describe();
    return d.runId !== d.raw.workflowExecutionInfo?.firstRunId;
  };
  for (let i = 0; i < 12 && !(await hasContinued()); i++) await verifiedHours(stack, employee(2), C.continued, programId, 1);
  await eventually(hasContinued, 'the case to continue as new');
  // A closed case: the enrollment denied, its workflow completed.
  const denied = await as(stack, employee(3)).post('/mentoring-leave/enrollments', enrollmentBody(employee(3), programId));
  C.denied = denied.body.id;
  expect((await as(stack, hr).post(`/tasks/${denied.body.openTasks[0].id}/complete`, { outcome: 'deny', comment: 'Not eligible this year' })).status).toBe(200);
  await eventually(async () => (await stack.client.workflow.getHandle(await workflowOf(C.denied)).describe()).status.name === 'COMPLETED', 'the denied case\'s workflow to complete');
  // A case whose commit waits on a real incident.
  C.incident = await activeEnrollment(stack, employee(4), programId);
  broken = true;
  await as(stack, employee(4)).post(`/mentoring-leave/enrollments/${C.incident}/personal-time`, { date: today, hours: 2, kind: 'off_duty', description: 'Tutoring' });
  await eventually(async () => !!(await stack.db.selectFrom('incidents').select('case_id').where('case_id', '=', C.incident).executeTakeFirst()), 'the incident');

  const report = await doctor();
  expect(report.findings).toEqual([]);
  expect(report.unchecked).toEqual([]);
  expect(report.complete).toBe(true);
  expect(report.checked).toMatchObject({ openCases: 3, incidents: 1 });
});

test('non-admins get 403 problem+json from both routes', async () => {
  for (const r of [await as(stack, hr).get('/admin/doctor'), await as(stack, employee(1)).post('/admin/doctor/repair')]) {
    expect(r.status).toBe(403);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
  }
});

test('each inconsistency made for real is found, exactly; a repair fixes each with an event on the case; a second run finds nothing', async () => {
  // (a, b) A workflow terminated while it holds an open task.
  C.terminated = (await as(stack, employee(5)).post('/mentoring-leave/enrollments', enrollmentBody(employee(5), programId))).body.id;
  expect(await openTasksOf(C.terminated)).toHaveLength(1);
  await stack.client.workflow.getHandle(await workflowOf(C.terminated)).terminate('doctor test');
  // A completed case whose read model went back to open (a lost write, a restored backup).
  const deniedTask = (await stack.db.selectFrom('tasks').select('id').where('case_id', '=', C.denied).executeTakeFirstOrThrow()).id;
  await stack.db.updateTable('cases').set({ status: 'open', stage: 'eligibility_review', details: JSON.stringify({ stale: true }) as never }).where('id', '=', C.denied).execute();
  await stack.db.updateTable('tasks').set({ status: 'open', outcome: null, completed_at: null }).where('id', '=', deniedTask).execute();
  // A case whose workflow Temporal never had.
  C.missing = randomUUID();
  await insertCaseWithTask(C.missing, `doctor-test-missing-${C.missing}`);
  // (c) Incident rows no commit waits on: of a running case, and of the terminated one.
  for (const caseId of [C.open, C.terminated]) {
    await stack.db.insertInto('incidents').values({ case_id: caseId, workflow_id: await workflowOf(caseId), case_type: 'mentoring_leave', since: new Date(), reason: 'left over' }).execute();
  }
  // (d) A task the running (continued-as-new) workflow finished, open again in the read model, long overdue.
  const stale = (await stack.db.selectFrom('tasks').select('id').where('case_id', '=', C.continued).where('type', '=', 'eligibility_review').executeTakeFirstOrThrow()).id;
  await stack.db.updateTable('tasks').set({ status: 'open', due_at: new Date(Date.now() - 2 * 3600_000) }).where('id', '=', stale).execute();

  const expected = [
    `completed_workflow ${C.denied}`, `ended_workflow ${C.terminated}`, `ghost_incident ${C.open}`, `ghost_incident ${C.terminated}`,
    `missing_workflow ${C.missing}`, `stale_task ${C.continued}`,
  ].sort();
  // Visibility may take a moment to show the termination.
  const report = await eventually(async () => {
    const r = await doctor();
    return keys(r.findings).join() === expected.join() ? r : undefined;
  }, 'the doctor to find exactly the inconsistencies made', 20_000);
  expect(report.repairable).toBe(6);
  expect(report.unchecked).toEqual([]);
  expect(report.findings.find((f) => f.kind === 'ended_workflow')).toMatchObject({ caseType: 'mentoring_leave', workflowStatus: 'TERMINATED', workflowId: await workflowOf(C.terminated) });
  expect(report.findings.find((f) => f.kind === 'stale_task')).toMatchObject({ taskId: stale, workflowStatus: 'RUNNING' });

  const repaired = await as(stack, admin).post('/admin/doctor/repair');
  expect(repaired.status).toBe(200);
  expect(repaired.body.repairs.filter((r: { repaired: boolean }) => !r.repaired)).toEqual([]);
  expect(repaired.body.repaired).toBe(6);

  // The terminated case: its task cancelled, the case closed at needs_attention, who did it on its timeline.
  expect(await openTasksOf(C.terminated)).toEqual([]);
  expect(await caseRow(C.terminated)).toMatchObject({ status: 'closed', stage: 'needs_attention' });
  const [closed] = await events(C.terminated, 'doctor_closed');
  expect(closed).toMatchObject({ actor_id: admin.sub, actor_name: admin.name, detail: { finding: 'ended_workflow', workflowStatus: 'TERMINATED', to: { status: 'closed', stage: 'needs_attention' } } });
  expect(await events(C.terminated, 'task_cancelled')).toHaveLength(1);
  // The completed case: closed again from the workflow's own last state (its stage and details).
  const denied = await caseRow(C.denied);
  expect(denied).toMatchObject({ status: 'closed', stage: 'denied' });
  expect(denied.details).not.toHaveProperty('stale');
  expect(await openTasksOf(C.denied)).toEqual([]);
  expect((await events(C.denied, 'doctor_closed'))[0].detail).toMatchObject({ finding: 'completed_workflow', fromWorkflowState: true });
  expect(await caseRow(C.missing)).toMatchObject({ status: 'closed', stage: 'needs_attention' });
  // Ghost incidents gone, the real one kept; the stale task cancelled.
  expect((await stack.db.selectFrom('incidents').select('case_id').execute()).map((r) => r.case_id)).toEqual([C.incident]);
  expect(await events(C.open, 'doctor_incident_cleared')).toHaveLength(1);
  expect((await stack.db.selectFrom('tasks').select('status').where('id', '=', stale).executeTakeFirstOrThrow()).status).toBe('cancelled');
  // The running cases go on: the open case's task is untouched.
  expect(await openTasksOf(C.open)).toHaveLength(1);

  expect((await doctor()).findings).toEqual([]);
  const again = await as(stack, admin).post('/admin/doctor/repair');
  expect(again.body).toMatchObject({ findings: [], repaired: 0 });
  expect(await events(C.terminated, 'doctor_closed')).toHaveLength(1);
});

test('npm run doctor: a dry run changes nothing, --repair repairs, each ending with its summary line', async () => {
  C.cli = (await as(stack, employee(6)).post('/mentoring-leave/enrollments', enrollmentBody(employee(6), programId))).body.id;
  await stack.client.workflow.getHandle(await workflowOf(C.cli)).terminate('doctor cli test');
  const dry = await eventually(async () => {
    const out = await runDoctor(['--json']);
    return out.lines.at(-1) === 'doctor: 1 findings (1 repairable), 0 repaired' ? out : undefined;
  }, 'the CLI to see the terminated workflow', 20_000);
  const json = JSON.parse(dry.lines[0]);
  expect(json.findings).toMatchObject([{ kind: 'ended_workflow', caseId: C.cli }]);
  // The case genuinely waiting on its incident was asked, and answered (this process's worker).
  expect(json).toMatchObject({ unchecked: [], checked: { incidents: 1 } });
  expect(await openTasksOf(C.cli)).toHaveLength(1);

  const fixed = await runDoctor(['--repair', '--actor', 'ops-on-call']);
  expect(fixed.lines.at(-1)).toBe('doctor: 1 findings (1 repairable), 1 repaired');
  expect(fixed.lines).toContain(`repaired  case ${C.cli} (ended_workflow): cancelled 1 open task; closed the case at stage needs_attention`);
  expect(await events(C.cli, 'doctor_closed')).toMatchObject([{ actor_id: 'operator:ops-on-call' }]);
  expect((await runDoctor([])).lines.at(-1)).toBe('doctor: 0 findings (0 repairable), 0 repaired');
});

/** The CLI in its own process, asynchronously: this process's worker must go on answering queries meanwhile. */
async function runDoctor(args: string[]): Promise<{ lines: string[] }> {
  const root = path.resolve(__dirname, '../..');
  const r = await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/doctor.ts'), ...args], {
    cwd: root, encoding: 'utf8', timeout: 60_000,
    env: {
      ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL, TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: 'default', PAYLOAD_KEYS: formatPayloadKeys(TEST_PAYLOAD_KEYS), LOG_LEVEL: 'warn',
    },
  });
  return { lines: r.stdout.trim().split('\n') };
}

async function insertCaseWithTask(caseId: string, workflowId: string): Promise<void> {
  const now = new Date();
  await stack.db.insertInto('cases').values({
    id: caseId, workflow_id: workflowId, type: 'mentoring_leave', status: 'open', stage: 'eligibility_review', subject: 'Doctor test',
    viewers: ['role:admin'], owner_id: null, parties: null, department: null, program_id: null, details: JSON.stringify({}) as never,
    version: 1, created_at: now, updated_at: now,
  }).execute();
  await stack.db.insertInto('tasks').values({
    id: randomUUID(), case_id: caseId, workflow_id: workflowId, type: 'eligibility_review', title: 'Review eligibility', status: 'open',
    candidate_roles: ['hr_officer'], candidates: ['role:hr_officer'], escalated_to: [], scope: JSON.stringify({}) as never,
    assignee_id: null, due_at: new Date(now.getTime() + 3600_000), remind_at: now, escalated: false, outcomes: ['approve', 'deny'],
    outcome: null, comment: null, data: null, completed_by: null, completed_at: null, ref: null, created_at: now, case_version: 1,
    assignable: null,
  }).execute();
}
