/**
 * The HTTP edges an agency's security review pushes on: idempotency after a crash,
 * canonical bodies, the public rate limit, /ready, cursors, CSV cells. Real services.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, derivedUuid } from '../../platform/api/idempotency';
import type { Enrollment } from '../../processes/mentoring-leave/types';
import { mentoringLeaveWorkflow, mentoringLeaveWorkflowId } from '../../processes/mentoring-leave/workflow';
import { as, startStack, truncateAll, type Stack } from '../support/stack';
import { admin, certifiedProgram, employee, enrollmentBody, hr, year } from './fixtures';

let stack: Stack;
let programId: string;

beforeAll(async () => {
  stack = await startStack({ publicPerMinute: 5 });
  await truncateAll(stack.db);
  programId = await certifiedProgram(stack);
});
afterAll(async () => stack?.stop());

test('the same Idempotency-Key with the same body in another key order replays the first answer', async () => {
  const emp = employee(301);
  const body = enrollmentBody(emp, programId);
  const reordered = Object.fromEntries(Object.entries(body).reverse());
  const a = await as(stack, emp).post('/mentoring-leave/enrollments', body, { 'idempotency-key': 'enroll-301' });
  const b = await as(stack, emp).post('/mentoring-leave/enrollments', reordered, { 'idempotency-key': 'enroll-301' });
  expect(a.status).toBe(201);
  expect(b.status).toBe(201);
  expect(b.body.id).toBe(a.body.id);
});

test('a retry after a crash finds the work already done instead of doing it twice, and takes over the lapsed key', async () => {
  const emp = employee(302);
  const key = 'enroll-302-after-crash';
  const path = '/api/v1/mentoring-leave/enrollments';
  // The first request started the workflow and then its process died: its key is held
  // with a lapsed lease, and the case exists under the id derived from the key.
  const caseId = derivedUuid(`${emp.sub}\nPOST ${path}\n${key}\ncreate`);
  const enrollment = { ...enrollmentBody(emp, programId), year, program: { programId, name: 'P' } } as Enrollment;
  await stack.client.workflow.start(mentoringLeaveWorkflow, {
    taskQueue: stack.taskQueue,
    workflowId: mentoringLeaveWorkflowId(year, emp.sub),
    args: [{ caseId, enrollment, policy: stack.policy, enrolledBy: { id: emp.sub } }],
  });
  await stack.db
    .insertInto('idempotency_keys')
    .values({
      principal: emp.sub,
      route: `POST ${path}`,
      key,
      request_hash: hashOf(enrollmentBody(emp, programId)),
      status_code: 0,
      response: JSON.stringify(null) as never,
      expires_at: new Date(Date.now() + 3600_000),
      locked_until: new Date(Date.now() - 1000),
    })
    .execute();
  const retry = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId), {
    'idempotency-key': key,
  });
  expect(retry.status).toBe(201);
  expect(retry.body.id).toBe(caseId);
  // Without the key it is a second enrollment for the year: refused.
  expect((await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId))).status).toBe(409);
  const rows = await stack.db.selectFrom('cases').select('id').where('owner_id', '=', emp.sub).execute();
  expect(rows).toHaveLength(1);
});

test('a key still held by a request in flight is 409; an expired key is forgotten', async () => {
  const emp = employee(303);
  const path = '/api/v1/mentoring-leave/enrollments';
  const body = enrollmentBody(emp, programId);
  await stack.db
    .insertInto('idempotency_keys')
    .values({
      principal: emp.sub,
      route: `POST ${path}`,
      key: 'held',
      request_hash: hashOf(body),
      status_code: 0,
      response: JSON.stringify(null) as never,
      expires_at: new Date(Date.now() + 3600_000),
      locked_until: new Date(Date.now() + 60_000),
    })
    .execute();
  expect(
    (await as(stack, emp).post('/mentoring-leave/enrollments', body, { 'idempotency-key': 'held' })).body.code,
  ).toBe('request_in_progress');
  await stack.db
    .insertInto('idempotency_keys')
    .values({
      principal: emp.sub,
      route: `POST ${path}`,
      key: 'old',
      request_hash: 'another body',
      status_code: 201,
      response: JSON.stringify({ stale: true }) as never,
      expires_at: new Date(Date.now() - 1000),
      locked_until: null,
    })
    .execute();
  const fresh = await as(stack, emp).post('/mentoring-leave/enrollments', body, { 'idempotency-key': 'old' });
  expect(fresh.status).toBe(201);
  expect(fresh.body.stale).toBeUndefined();
});

test('public endpoints are rate limited per client with a 429 problem, counted across API processes', async () => {
  const answers = [];
  // Under test:cluster the requests alternate between two API processes: the limit of 5
  // still holds for the client as a whole.
  for (let i = 0; i < 7; i++) answers.push(await as(stack).get('/certifications/questions'));
  const limited = answers.filter((r) => r.status === 429);
  expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
  expect(limited[0].headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(limited[0].body).toMatchObject({ status: 429, code: 'rate_limited' });
  // Signed-in routes are not limited this way.
  expect((await as(stack, hr).get('/tasks')).status).toBe(200);
});

test('/ready says ready or not, nothing more', async () => {
  const r = await as(stack).raw('GET', '/ready');
  expect([200, 429]).toContain(r.status);
  if (r.status === 200) expect(r.body).toEqual({ status: 'ready' });
});

test('a forged cursor is 400, never 500', async () => {
  for (const cursor of [
    '%%%',
    Buffer.from('["not-a-time","x"]').toString('base64url'),
    Buffer.from('{"a":1}').toString('base64url'),
  ]) {
    const r = await as(stack, admin).get(`/cases?cursor=${encodeURIComponent(cursor)}`);
    expect(r.status).toBe(400);
    expect(r.body.errors[0].path).toBe('query.cursor');
  }
});

test('the usage report CSV never starts a cell with a formula', async () => {
  const dept = '=HYPERLINK("http://evil.example","x")';
  const hrEvil = { ...hr, sub: 'hr-evil', department: dept };
  const emp = { ...employee(304), department: dept };
  const created = await as(stack, emp).post(
    '/mentoring-leave/enrollments',
    enrollmentBody(emp, programId, { employee: { department: dept } }),
  );
  expect(created.status).toBe(201);
  const csv = await as(stack, hrEvil).get('/mentoring-leave/reports/usage', { accept: 'text/csv' });
  expect(csv.status).toBe(200);
  const row = csv.text.trim().split('\n')[1];
  expect(row).toContain(`"'=HYPERLINK(`);
});

function hashOf(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}
