/**
 * What an operator sees (docs/deploying.md, "Operations"): /metrics in Prometheus text with the
 * request histogram and the read model's gauges, one structured log line per request
 * with its IDs and without a youth's personal data, and each case's link to its history
 * in the Temporal Web UI. Real services.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { createApp } from '../../platform/api/app';
import { configureLogging } from '../../lib/logger';
import { as, eventually, JWT_SECRET, startStack, TEMPORAL_UI_URL, truncateAll, type Stack } from '../support/stack';
import { certifiedProgram, employee, enrollmentBody, hr } from './fixtures';
import { cw1, mentorApplication, youthReferral } from './foster-fixtures';

const logged: string[] = [];
let stack: Stack;
let programId: string;

beforeAll(async () => {
  configureLogging({
    level: 'info',
    format: 'json',
    destination: new Writable({
      write(chunk, _enc, done) {
        logged.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    }),
  });
  stack = await startStack({
    policy: {
      tasks: {
        default: { due: 'PT1H', reminderBefore: 'PT30M', escalateTo: 'admin' },
        eligibility_review: { due: 'PT2S', reminderBefore: 'PT1S', escalateTo: 'admin' },
      },
    },
  });
  await truncateAll(stack.db);
  programId = await certifiedProgram(stack);
});
afterAll(async () => stack?.stop());

/** The value of one series in a Prometheus text answer. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_:]+)(\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[3] ?? '').split(',');
    if (want.every((w) => have.includes(w))) return Number(m[4]);
  }
  return undefined;
}

const scrape = async () => {
  const r = await as(stack).raw('GET', '/metrics');
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/text\/plain/);
  return r.text;
};

/** A request counter summed over every API process (each counts its own requests, as Prometheus scrapes each). */
async function requestCount(labels: Record<string, string>): Promise<number> {
  const texts = await Promise.all(stack.baseUrls.map(async (u) => (await fetch(`${u}/metrics`)).text()));
  return texts.reduce((sum, t) => sum + (sample(t, 'mentorflow_http_request_duration_seconds_count', labels) ?? 0), 0);
}

test('/metrics counts requests by route and status, and open, overdue and escalated tasks by type', async () => {
  const emp = employee(901);
  const created = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
  expect(created.status).toBe(201);
  await as(stack, emp).get('/cases/00000000-0000-4000-8000-000000000000');
  expect(await requestCount({ method: 'POST', route: '/api/v1/mentoring-leave/enrollments', status: '201' })).toBe(1);
  expect(await requestCount({ method: 'GET', route: '/api/v1/cases/:caseId', status: '404' })).toBeGreaterThanOrEqual(
    1,
  );
  const text = await scrape();
  expect(sample(text, 'mentorflow_tasks_open', { type: 'eligibility_review' })).toBe(1);
  // Its due date is 2 s away: it becomes overdue and escalates to the administrators.
  const later = await eventually(async () => {
    const t = await scrape();
    return (sample(t, 'mentorflow_tasks_escalated', { type: 'eligibility_review' }) ?? 0) >= 1 && t;
  }, 'the eligibility review escalated');
  expect(sample(later, 'mentorflow_tasks_overdue', { type: 'eligibility_review' })).toBe(1);
  // No path with an id or token ever becomes a label.
  expect(later).not.toMatch(/route="[^"]*[0-9a-f]{8}-[0-9a-f]{4}/);
});

test('/metrics shows the outbox backlog with the age of its oldest unsent e-mail, and open incidents', async () => {
  // A message a worker holds (claimed for an hour) and a case waiting on an administrator.
  const key = `ops-test-${Date.now()}`;
  await stack.db
    .insertInto('email_outbox')
    .values({
      key,
      recipients: ['ops@example.gov'],
      subject: 'held',
      body: 'held',
      case_id: null,
      created_at: new Date(Date.now() - 300_000),
      sent_at: null,
      message_id: null,
      failed_at: null,
      failure: null,
      claimed_until: new Date(Date.now() + 3600_000),
    })
    .execute();
  await stack.db
    .insertInto('incidents')
    .values({
      case_id: '00000000-0000-4000-8000-00000000000a',
      workflow_id: 'ops-test',
      case_type: 'match',
      since: new Date(),
      reason: 'ops test',
    })
    .execute();
  try {
    const text = await scrape();
    expect(sample(text, 'mentorflow_outbox_backlog')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'mentorflow_outbox_oldest_unsent_seconds')).toBeGreaterThanOrEqual(299);
    expect(sample(text, 'mentorflow_incidents_open', { case_type: 'match' })).toBe(1);
  } finally {
    await stack.db.deleteFrom('email_outbox').where('key', '=', key).execute();
    await stack.db.deleteFrom('incidents').where('workflow_id', '=', 'ops-test').execute();
  }
  const after = await scrape();
  expect(sample(after, 'mentorflow_incidents_open', { case_type: 'match' })).toBeUndefined();
});

test('every case links to its history in the Temporal Web UI, and that workflow exists', async () => {
  const emp = employee(902);
  const created = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
  const row = await stack.db
    .selectFrom('cases')
    .select('workflow_id')
    .where('id', '=', created.body.id)
    .executeTakeFirstOrThrow();
  expect(created.body.historyUrl).toBe(
    `${TEMPORAL_UI_URL}/namespaces/default/workflows/${encodeURIComponent(row.workflow_id)}`,
  );
  const described = await stack.client.workflow.getHandle(row.workflow_id).describe();
  expect(described.status.name).toBe('RUNNING');
  const listed = await as(stack, hr).get('/cases?type=mentoring_leave');
  expect(
    listed.body.items.every((c: { historyUrl?: string }) =>
      c.historyUrl?.startsWith(`${TEMPORAL_UI_URL}/namespaces/default/workflows/`),
    ),
  ).toBe(true);
});

test("one JSON log line per request with its IDs; a youth's name, birth date and a reference token never appear", async () => {
  logged.length = 0;
  const referral = youthReferral();
  const youth = await as(stack, cw1).post('/foster/youth', referral, { 'x-request-id': 'req-ops-youth-1' });
  expect(youth.status).toBe(201);
  expect(youth.headers.get('x-request-id')).toBe('req-ops-youth-1');
  const application = mentorApplication();
  const mentor = await as(stack, cw1).post('/foster/mentors', application);
  expect(mentor.status).toBe(201);
  const token = (
    await eventually(async () => {
      const m = (await fetch(
        `${process.env.TEST_SMTP_WEB}/messages?to=${encodeURIComponent(application.references[0].email)}`,
      ).then((r) => r.json())) as { text: string }[];
      return m.find((x) => /\/references\/[A-Za-z0-9_-]+/.test(x.text));
    }, 'the reference e-mail')
  ).text.match(/\/references\/([A-Za-z0-9_-]+)/)![1];
  const page = await as(stack).raw('GET', `/references/${token}`);
  expect(page.status).toBe(200);
  await as(stack, cw1).get(`/cases/${youth.body.id}`);

  const lines = logged.map((l) => JSON.parse(l) as Record<string, unknown>);
  const created = lines.find((l) => l.requestId === 'req-ops-youth-1');
  expect(created).toMatchObject({
    msg: 'request',
    method: 'POST',
    route: '/api/v1/foster/youth',
    status: 201,
    caseId: youth.body.id,
    user: cw1.sub,
    service: 'mentorflow',
  });
  expect(String(created!.workflowId)).toContain(youth.body.id);
  expect(typeof created!.ms).toBe('number');
  expect(lines.find((l) => l.route === '/references/:token')).toMatchObject({ method: 'GET', status: 200 });
  expect(lines.find((l) => l.route === '/api/v1/cases/:caseId' && l.caseId === youth.body.id)).toBeDefined();
  const all = logged.join('\n');
  for (const secret of [
    referral.youth.name,
    referral.youth.dateOfBirth,
    referral.youth.needs,
    referral.caregiver.name,
    application.applicant.name,
    application.references[0].email,
    token,
  ]) {
    expect(all).not.toContain(secret);
  }
});

test('with METRICS_TOKEN set, /metrics answers only a scraper that brings it', async () => {
  const app = createApp({
    db: stack.db,
    temporal: stack.client,
    policy: stack.policy,
    auth: { hsSecret: JWT_SECRET },
    metricsToken: 'scrape-token-0123456789',
    temporalUiUrl: TEMPORAL_UI_URL,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
    const refused = await fetch(url);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await refused.text()).not.toContain('mentorflow_tasks_open');
    const allowed = await fetch(url, { headers: { authorization: 'Bearer scrape-token-0123456789' } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('# TYPE mentorflow_tasks_open gauge');
  } finally {
    await new Promise((r) => server.close(r));
  }
});
