/**
 * Every administrative change is in the audit log (docs/administration.md, "Audit"). The list
 * of write routes an admin may call is read from the API's route table and the SCIM router, so
 * a route added later fails the first test until it is listed here: as audited, with a request
 * that must leave an audit row (who, when, before or after, why where given), or as case work
 * that a case's own timeline records. A route only admins may call is never case work. Real
 * Temporal and PostgreSQL; the incident is a real one (a transition the read model refused).
 */
import { randomUUID } from 'node:crypto';
import type { Router } from 'express';
import { ApplicationFailure } from '@temporalio/common';
import { as, eventually, startStack, type Person, type Reply, type Stack } from '../support/stack';
// After the stack (whose app extends zod with OpenAPI before the SCIM router's schemas load).
import { scimRouter } from '../../platform/api/scim';
import { activeEnrollment, admin, certifiedProgram, employee, registerProgram, today } from './fixtures';
import { SHIPPED_INSTRUMENT } from '../../processes/foster/surveys/relationship-quality';

const SCIM_TOKEN = `scim-${randomUUID()}`;
const run = randomUUID().slice(0, 6);
const id = (name: string) => `aud-${name}-${run}`;
const DEPT = `AUD${run.slice(0, 4).toUpperCase()}`;
const hrA: Person = { sub: id('hr-a'), roles: ['hr_officer'], department: DEPT, name: `Ann ${run}` };
const hrB: Person = { sub: id('hr-b'), roles: ['hr_officer'], department: DEPT, name: `Ben ${run}` };

let stack: Stack;
let broken = false;
let programId = '';
let incidentCase = '';

beforeAll(async () => {
  stack = await startStack({
    auth: { scimToken: SCIM_TOKEN },
    hooks: {
      // A value the read model refuses for good: the case waits in an incident for an admin's retry.
      beforeRecord: (input) => {
        if (broken && input.events?.some((e) => e.event === 'personal_time_logged'))
          throw ApplicationFailure.nonRetryable('value too long for type character varying(10)', 'bad_data');
      },
    },
  });
  programId = (await registerProgram(stack)).id;
  for (const p of [hrA, hrB]) {
    const r = await as(stack, admin).post('/people', {
      id: p.sub,
      name: p.name,
      email: `${p.sub}@example.gov`,
      roles: [{ role: 'hr_officer', department: DEPT }],
    });
    expect(r.status).toBe(201);
  }
  const emp = employee(2111);
  incidentCase = await activeEnrollment(stack, emp, await certifiedProgram(stack));
  broken = true;
  const logged = await as(stack, emp).post(`/mentoring-leave/enrollments/${incidentCase}/personal-time`, {
    date: today,
    hours: 1,
    kind: 'off_duty',
    description: 'Tutoring',
  });
  expect(logged.status).toBe(202);
  await eventually(
    async () =>
      (await as(stack, admin).get('/incidents')).body.items.some((i: { caseId: string }) => i.caseId === incidentCase),
    'the incident',
  );
  broken = false;
});
afterAll(async () => stack?.stop());

const scim = (method: string, path: string, body?: unknown) =>
  as(stack).raw(method, `/scim/v2${path}`, body, {
    authorization: `Bearer ${SCIM_TOKEN}`,
    'content-type': 'application/scim+json',
  });
const scimUser = (userName: string, active = true) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  name: { givenName: 'Sky', familyName: run },
  emails: [{ value: userName, primary: true, type: 'work' }],
  active,
});
const patchOp = (Operations: unknown[]) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });
const members = (...ids: string[]) => ids.map((value) => ({ value }));
const hrGroup = `hr_officer:department:${DEPT}`;
const skyId = `sky-${run}@example.gov`;

interface Expected {
  kinds: string[];
  target: string;
  actor: string;
  reason?: string;
}
/** A request as an admin (or SCIM) that changes something, and the audit row it must leave. */
type Exercise = () => Promise<[Reply, Expected]>;
const byAdmin = (kinds: string[], target: string, reason?: string): Expected => ({
  kinds,
  target,
  actor: admin.sub,
  reason,
});
const bySCIM = (kinds: string[], target: string): Expected => ({ kinds, target, actor: 'scim' });
const person = (p: string) => `person:${p}`;
const a = () => as(stack, admin);

/** The audited routes, in the order they run (an absence is set before it is ended). */
const AUDITED: Record<string, Exercise> = {
  'POST /people': async () => [
    await a().post('/people', { id: id('new'), name: 'Nia New', email: `${id('new')}@example.gov`, roles: [] }),
    byAdmin(['person_created'], person(id('new'))),
  ],
  'PATCH /people/:personId': async () => [
    await a().patch(`/people/${id('new')}`, { name: 'Nia Newer', reason: 'married' }),
    byAdmin(['person_updated'], person(id('new')), 'married'),
  ],
  'POST /people/import': async () => [
    await a().post(
      '/people/import',
      `id,name,email,roles\r\n${id('csv')},Cy Csv,${id('csv')}@example.gov,employee\r\n`,
      {
        'content-type': 'text/csv',
      },
    ),
    byAdmin(['people_imported', 'person_created'], person(id('csv'))),
  ],
  'POST /survey-instruments': async () => {
    // An instrument of its own: the suite's other files share the database and send the shipped one.
    const { scale, items, bands } = SHIPPED_INSTRUMENT;
    const reason = 'A shorter instrument for a pilot';
    const instrument = id('instrument');
    return [
      await a().post('/survey-instruments', { id: instrument, reason, scale, items: items.slice(0, 6), bands }),
      byAdmin(['survey_instrument_published'], `survey_instrument:${instrument}:1`, reason),
    ];
  },
  'PUT /people/:personId/absence': async () => [
    await a().put(`/people/${hrA.sub}/absence`, {
      from: new Date().toISOString(),
      to: new Date(Date.now() + 86_400_000).toISOString(),
      substituteId: hrB.sub,
      reason: 'training course',
    }),
    byAdmin(['absence_set'], person(hrA.sub), 'training course'),
  ],
  'POST /people/:personId/handover': async () => [
    await a().post(`/people/${hrA.sub}/handover`, { toId: hrB.sub }),
    byAdmin(['tasks_handed_over'], person(hrA.sub)),
  ],
  'DELETE /people/:personId/absence': async () => [
    await a().raw('DELETE', `/api/v1/people/${hrA.sub}/absence`),
    byAdmin(['absence_ended'], person(hrA.sub)),
  ],
  'PUT /programs/:programId/level': async () => [
    await a().put(`/programs/${programId}/level`, { level: 'affiliate', note: 'granted by the 2025 review' }),
    byAdmin(['program_level_set'], `program:${programId}`, 'granted by the 2025 review'),
  ],
  'PUT /programs/:programId/referrals': async () => [
    await a().put(`/programs/${programId}/referrals`, {
      accepting: true,
      counties: ['Yolo'],
      virtual: false,
      languages: ['en'],
      youthAges: { min: 8, max: 16 },
    }),
    byAdmin(['program_referral_settings_changed'], `program:${programId}`),
  ],
  'POST /incidents/:caseId/retry': async () => [
    await a().post(`/incidents/${incidentCase}/retry`),
    byAdmin(['incident_retried'], `case:${incidentCase}`),
  ],
  'POST /admin/doctor/repair': async () => [
    await a().post('/admin/doctor/repair'),
    byAdmin(['doctor_repaired'], 'doctor'),
  ],
  // The words and rules: each saved as it already is, so suites sharing the stack see no change.
  'PUT /templates/:id/:language': async () => {
    const now = (await a().get('/templates/platform.task-opened/en')).body as { subject: string; body: string };
    return [
      await a().put('/templates/platform.task-opened/en', { subject: now.subject, body: now.body }),
      byAdmin(['template_changed'], 'template:platform.task-opened/en'),
    ];
  },
  'DELETE /templates/:id/:language': async () => [
    await a().raw('DELETE', '/api/v1/templates/platform.task-opened/en'),
    byAdmin(['template_reset'], 'template:platform.task-opened/en'),
  ],
  'POST /certifications/question-banks': async () => {
    const newest = (await a().get('/certifications/questions')).body as { items: unknown[] };
    const reply = await a().post('/certifications/question-banks', {
      questions: newest.items,
      reason: 'the same questions again',
    });
    return [
      reply,
      byAdmin(['question_bank_published'], `question_bank:${reply.body.version}`, 'the same questions again'),
    ];
  },
  'PUT /policy': async () => {
    const newest = (await a().get('/policy')).body as { policy: unknown };
    const reply = await a().put('/policy', { policy: newest.policy, reason: 'the same rules again' });
    return [reply, byAdmin(['policy_changed'], `policy/${reply.body.version}`, 'the same rules again')];
  },
  'SCIM POST /Users': async () => [
    await scim('POST', '/Users', scimUser(skyId)),
    bySCIM(['person_created'], person(skyId)),
  ],
  'SCIM PUT /Users/:id': async () => [
    await scim('PUT', `/Users/${encodeURIComponent(skyId)}`, { ...scimUser(skyId), displayName: 'Sky Renamed' }),
    bySCIM(['person_updated'], person(skyId)),
  ],
  'SCIM POST /Groups': async () => [
    await scim('POST', '/Groups', { schemas: [], displayName: hrGroup, members: members(skyId) }),
    bySCIM(['person_updated'], person(skyId)),
  ],
  'SCIM PATCH /Groups/:id': async () => [
    await scim(
      'PATCH',
      `/Groups/${encodeURIComponent(hrGroup)}`,
      patchOp([{ op: 'remove', path: `members[value eq "${skyId}"]` }]),
    ),
    bySCIM(['person_updated'], person(skyId)),
  ],
  'SCIM PUT /Groups/:id': async () => [
    await scim('PUT', `/Groups/${encodeURIComponent(hrGroup)}`, {
      displayName: hrGroup,
      members: members(skyId, hrA.sub, hrB.sub),
    }),
    bySCIM(['person_updated'], person(skyId)),
  ],
  'SCIM DELETE /Groups/:id': async () => [
    await scim('DELETE', `/Groups/${encodeURIComponent(hrGroup)}`),
    bySCIM(['person_updated'], person(skyId)),
  ],
  'SCIM PATCH /Users/:id': async () => [
    await scim('PATCH', `/Users/${encodeURIComponent(skyId)}`, patchOp([{ op: 'replace', value: { active: false } }])),
    bySCIM(['person_deactivated'], person(skyId)),
  ],
  'SCIM DELETE /Users/:id': async () => [
    await scim('DELETE', `/Users/${encodeURIComponent(skyId)}`),
    bySCIM(['person_deleted'], person(skyId)),
  ],
};

/** Write routes an admin may call that are case work: the case's own timeline records who did what. */
const CASE_WORK: Record<string, string> = {
  'POST /tasks/:taskId/claim': 'task_claimed on the case timeline',
  'POST /tasks/:taskId/release': 'task_released on the case timeline',
  'POST /tasks/:taskId/assign': 'task_assigned on the case timeline, with who assigned it',
  'POST /tasks/:taskId/complete': 'task_completed on the case timeline',
  'POST /mentoring-leave/payroll-exports': 'a payroll export, kept with who made it',
  'POST /programs': "program_registered on the program's timeline",
  'POST /programs/:programId/certifications': "the certification case's timeline",
  'PUT /certifications/:caseId/self-assessment': "the certification case's timeline",
  'POST /certifications/:caseId/self-assessment/submit': "the certification case's timeline",
  'POST /certifications/:caseId/work-plan/:itemId/complete': "the certification case's timeline",
  'POST /ece/mentors/:caseId/development': "the mentor's case timeline",
  'POST /ece/placements/:caseId/hours': "the placement's case timeline",
};

/** Admin-only POSTs that change nothing: a rendering, and a test e-mail to the caller themself. */
const CHANGES_NOTHING: Record<string, string> = {
  'POST /templates/:id/:language/preview': 'renders the words with sample values',
  'POST /templates/:id/:language/test': "sends the rendered words to the caller's own address",
};

type Auth = 'public' | 'any' | readonly string[];
const admitsAdmin = (auth: Auth) => auth === 'any' || (Array.isArray(auth) && auth.includes('admin'));
const adminOnly = (auth: Auth) => Array.isArray(auth) && auth.length === 1 && auth[0] === 'admin';

/** The SCIM router's write routes (it is not in the API's route table: its caller is the identity provider). */
function scimWrites(): string[] {
  const router = scimRouter({ db: stack.db, temporal: stack.client, token: SCIM_TOKEN, baseUrl: 'http://x' }) as Router;
  return router.stack
    .filter((l) => l.route)
    .flatMap((l) => {
      const route = l.route as unknown as { path: string; methods: Record<string, boolean> };
      return Object.keys(route.methods)
        .filter((m) => m !== 'get' && m !== '_all')
        .map((m) => `SCIM ${m.toUpperCase()} ${route.path}`);
    });
}

test('every write route an admin may call is listed: audited, or case work its timeline records', () => {
  const writes = stack.routes.filter((r) => r.method !== 'GET' && admitsAdmin(r.auth as Auth));
  const listed = [...Object.keys(AUDITED), ...Object.keys(CASE_WORK), ...Object.keys(CHANGES_NOTHING)].sort();
  expect([...writes.map((r) => `${r.method} ${r.path}`), ...scimWrites()].sort()).toEqual(listed);
  const onlyAdmins = writes.filter((r) => adminOnly(r.auth as Auth)).map((r) => `${r.method} ${r.path}`);
  expect(onlyAdmins.length).toBeGreaterThanOrEqual(6);
  expect(onlyAdmins.filter((k) => !(k in AUDITED) && !(k in CHANGES_NOTHING))).toEqual([]);
});

test('each audited route writes its audit row: who, when, what before or after, and why where given', async () => {
  const missing: string[] = [];
  for (const [route, exercise] of Object.entries(AUDITED)) {
    const last = await stack.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    const started = Date.now();
    const [reply, want] = await exercise();
    expect({ route, status: reply.status < 300 ? 'ok' : reply.text }).toEqual({ route, status: 'ok' });
    const rows = await stack.db
      .selectFrom('audit_events')
      .selectAll()
      .where('id', '>', last?.id ?? '0')
      .where('target', '=', want.target)
      .execute();
    const row = rows.find((r) => want.kinds.includes(r.kind));
    if (!row) {
      missing.push(`${route}: no ${want.kinds.join('/')} row for ${want.target}`);
      continue;
    }
    expect({ route, actor: row.actor_id }).toEqual({ route, actor: want.actor });
    expect(new Date(row.at).getTime()).toBeGreaterThanOrEqual(started - 1000);
    expect({ route, changed: row.before !== null || row.after !== null }).toEqual({ route, changed: true });
    if (want.reason) expect({ route, reason: row.reason }).toEqual({ route, reason: want.reason });
  }
  expect(missing).toEqual([]);
});
