/**
 * The people directory (docs/administration.md) on real Temporal and PostgreSQL, roles
 * from tokens (the default): admins add, find, change and deactivate people; a deactivated
 * person's held task goes back to its candidates through its workflow, with a timeline
 * event; a CSV import is all rows or none; every change is in the audit log. Tried like an
 * attacker too: non-admins, hostile CSV (formulas, huge files, bad encodings).
 */
import { randomUUID } from 'node:crypto';
import { as, eventually, startStack, truncateAll, type Person, type Stack } from '../support/stack';
import { releaseTaskUpdate } from '../../platform/workflow/messages';
import { admin, certifiedProgram, DEPT, employee, enrollmentBody } from './fixtures';

let stack: Stack;
let programId: string;
const run = randomUUID().slice(0, 8);
const uid = (name: string) => `${name}-${run}`;

beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
  programId = await certifiedProgram(stack);
});
afterAll(async () => {
  await stack?.db.deleteFrom('people').where('id', 'like', `%-${run}`).execute();
  await stack?.stop();
});

const newPerson = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Person ${id}`,
  email: `${id}@example.gov`,
  roles: [{ role: 'employee', department: DEPT }],
  ...extra,
});
const auditOf = async (target: string) =>
  (await stack.db.selectFrom('audit_events').selectAll().where('target', '=', target).orderBy('id').execute()).map(
    (e) => e.kind,
  );

describe('who may administer people', () => {
  test('nobody but an admin lists, adds, changes, imports people or reads the audit log', async () => {
    const hrOfficer: Person = { sub: uid('hr-x'), roles: ['hr_officer'], department: DEPT, name: 'Hx' };
    const calls = [
      ['GET', '/people'],
      ['POST', '/people', newPerson(uid('nobody'))],
      ['GET', `/people/${hrOfficer.sub}`],
      ['PATCH', `/people/${hrOfficer.sub}`, { active: false }],
      ['GET', '/audit'],
    ] as const;
    for (const [method, path, body] of calls) {
      const r = await as(stack, hrOfficer).raw(method, `/api/v1${path}`, body);
      expect({ method, path, status: r.status, type: r.headers.get('content-type') }).toEqual({
        method,
        path,
        status: 403,
        type: expect.stringContaining('application/problem+json'),
      });
      expect((await as(stack).raw(method, `/api/v1${path}`, body)).status).toBe(401);
    }
    const csv = await as(stack, hrOfficer).raw('POST', '/api/v1/people/import', 'id,name,email,roles\n', {
      'content-type': 'text/csv',
    });
    expect(csv.status).toBe(403);
    expect(await stack.db.selectFrom('people').select('id').where('id', '=', uid('nobody')).execute()).toEqual([]);
  });
});

describe('the directory', () => {
  test('an admin adds, finds, reads and changes a person; each change is audited', async () => {
    const id = uid('dana');
    const created = await as(stack, admin).post('/people', newPerson(id, { name: 'Dana Díaz', language: 'es' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id,
      name: 'Dana Díaz',
      language: 'es',
      roles: [{ role: 'employee', department: DEPT }],
      active: true,
      inDirectory: true,
    });
    expect(created.body.lastSignInAt).toBeUndefined();
    const found = await as(stack, admin).get(`/people?q=${encodeURIComponent('díaz')}&role=employee`);
    expect(found.body.items.map((p: { id: string }) => p.id)).toContain(id);
    expect((await as(stack, admin).get(`/people?q=${encodeURIComponent('díaz')}&role=admin`)).body.items).toEqual([]);
    // A LIKE wildcard in q is a character, not "anything".
    expect((await as(stack, admin).get('/people?q=%25')).body.items).toEqual([]);

    const changed = await as(stack, admin).patch(`/people/${id}`, {
      roles: [
        { role: 'supervisor', department: DEPT },
        { role: 'case_worker', county: 'Fresno' },
      ],
      reason: 'promoted',
    });
    expect(changed.status).toBe(200);
    const row = await stack.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect({ roles: row.roles, department: row.department }).toEqual({
      roles: ['supervisor', 'case_worker'],
      department: DEPT,
    });
    const audit = await as(stack, admin).get('/audit?kind=person_updated&limit=200');
    const event = audit.body.items.find((e: { target: string }) => e.target === `person:${id}`);
    expect(event).toMatchObject({
      actor: { id: admin.sub, name: admin.name },
      kind: 'person_updated',
      reason: 'promoted',
      before: { roles: [{ role: 'employee', department: DEPT }] },
      after: {
        roles: [
          { role: 'supervisor', department: DEPT },
          { role: 'case_worker', county: 'Fresno' },
        ],
      },
    });
    expect((await as(stack, admin).post('/people', newPerson(id))).status).toBe(409);
  });

  test('bad input is 400 with a problem per path, and changes nothing', async () => {
    const id = uid('bad');
    const bad = [
      newPerson(id, { roles: [{ role: 'hr_officer' }] }),
      newPerson(id, {
        roles: [
          { role: 'hr_officer', department: 'CDT' },
          { role: 'supervisor', department: 'DMV' },
        ],
      }),
      newPerson(id, { supervisorId: uid('ghost') }),
      newPerson(id, { supervisorId: id }),
      newPerson(id, { email: 'not-an-email' }),
      newPerson(id, { language: 'fr' }),
      newPerson(id, { roles: [{ role: 'wizard' }] }),
      newPerson(id, { name: 'tab\tin name' }),
      { ...newPerson(id), extra: true },
    ];
    for (const body of bad) {
      const r = await as(stack, admin).post('/people', body);
      expect({ body, status: r.status, code: r.body.code }).toEqual({ body, status: 400, code: 'validation_failed' });
      expect(r.body.errors.length).toBeGreaterThan(0);
    }
    expect(await stack.db.selectFrom('people').select('id').where('id', '=', id).execute()).toEqual([]);
    expect(await auditOf(`person:${id}`)).toEqual([]);
  });

  test('a sign-in never overwrites what the directory says of a person', async () => {
    const id = uid('sig');
    await as(stack, admin).post('/people', newPerson(id));
    const claimsMore: Person = { sub: id, roles: ['admin'], name: 'Self-Made Admin' };
    expect((await as(stack, claimsMore).get('/me')).status).toBe(200);
    const p = (await as(stack, admin).get(`/people/${id}`)).body;
    expect(p).toMatchObject({ name: `Person ${id}`, roles: [{ role: 'employee', department: DEPT }] });
    expect(p.lastSignInAt).toEqual(expect.any(String));
  });
});

describe('deactivation', () => {
  test("a deactivated person's held task goes back through its workflow; they may do nothing more", async () => {
    const hrId = uid('hr');
    await as(stack, admin).post('/people', newPerson(hrId, { roles: [{ role: 'hr_officer', department: DEPT }] }));
    const hrToken: Person = { sub: hrId, roles: ['hr_officer'], department: DEPT, name: 'Hera HR' };
    const emp = { ...employee(900), sub: uid('emp') };
    const created = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
    expect(created.status).toBe(201);
    const review = created.body.openTasks.find((t: { type: string }) => t.type === 'eligibility_review');
    expect((await as(stack, hrToken).post(`/tasks/${review.id}/claim`)).body.assigneeId).toBe(hrId);

    const off = await as(stack, admin).patch(`/people/${hrId}`, { active: false, reason: 'left the department' });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, workReturned: { released: 1, refused: 0, pending: 0 } });
    const task = await stack.db.selectFrom('tasks').selectAll().where('id', '=', review.id).executeTakeFirstOrThrow();
    expect(task).toMatchObject({ status: 'open', assignee_id: null });
    const released = await stack.db
      .selectFrom('timeline')
      .selectAll()
      .where('case_id', '=', created.body.id)
      .where('event', '=', 'task_released')
      .executeTakeFirstOrThrow();
    expect({ actor: released.actor_id, detail: released.detail }).toEqual({
      actor: admin.sub,
      detail: { taskId: review.id, type: 'eligibility_review', from: hrId, reason: 'holder_deactivated' },
    });
    expect(await auditOf(`person:${hrId}`)).toEqual(['person_created', 'person_deactivated']);

    // Their token still verifies, but the directory says no: only GET /me answers.
    expect((await as(stack, hrToken).get('/tasks')).status).toBe(403);
    expect((await as(stack, hrToken).post(`/tasks/${review.id}/claim`)).status).toBe(403);
    expect((await as(stack, hrToken).get('/me')).body).toMatchObject({ id: hrId, roles: [], refused: 'deactivated' });
    // Nobody hands them work either.
    const assign = await as(stack, admin).post(`/tasks/${review.id}/assign`, { assigneeId: hrId });
    expect({ status: assign.status, code: assign.body.code }).toEqual({ status: 422, code: 'invalid_assignee' });
  });

  test("the workflow refuses a release for another holder except an admin's for a deactivated one", async () => {
    const emp = { ...employee(901), sub: uid('emp2') };
    const created = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
    const review = created.body.openTasks.find((t: { type: string }) => t.type === 'eligibility_review');
    const hrToken: Person = { sub: uid('hr2'), roles: ['hr_officer'], department: DEPT, name: 'Hal' };
    await as(stack, hrToken).post(`/tasks/${review.id}/claim`);
    const wf = (
      await stack.db.selectFrom('tasks').select('workflow_id').where('id', '=', review.id).executeTakeFirstOrThrow()
    ).workflow_id;
    const h = stack.client.workflow.getHandle(wf);
    const asHr: Person = { sub: uid('hr3'), roles: ['hr_officer'], department: DEPT };
    const refusal = (actor: Record<string, unknown>, heldBy: string) =>
      h.executeUpdate(releaseTaskUpdate, { args: [{ taskId: review.id, actor: actor as never, heldBy }] }).then(
        () => 'accepted',
        (e: Error) => (e.cause as Error | undefined)?.message,
      );
    expect(await refusal({ id: asHr.sub, roles: ['hr_officer'], department: DEPT }, hrToken.sub)).toMatch(/admin/);
    expect(await refusal({ id: 'someone', roles: ['supervisor'], department: DEPT }, hrToken.sub)).toMatch(/admin/);
    expect(await refusal({ id: admin.sub, roles: ['admin'] }, 'not-the-holder')).toMatch(/not held/);
    await eventually(
      async () =>
        (await stack.db.selectFrom('tasks').select('assignee_id').where('id', '=', review.id).executeTakeFirst())
          ?.assignee_id === hrToken.sub,
      'the task still held',
    );
  });
});

describe('CSV import', () => {
  const upload = (csv: string | Buffer, type = 'text/csv') =>
    fetch(`${stack.baseUrl}/api/v1/people/import`, {
      method: 'POST',
      headers: { 'content-type': type, authorization: `Bearer ${adminToken}` },
      body: csv,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
    }).then(async (r) => ({ status: r.status, type: r.headers.get('content-type'), body: (await r.json()) as any }));
  let adminToken: string;
  beforeAll(async () => {
    adminToken = await (await import('../support/stack')).tokenFor(admin);
  });

  test('people are imported row by row, supervisors anywhere in the file; again: nothing changes', async () => {
    const [a, b] = [uid('imp-a'), uid('imp-b')];
    const csv =
      '\uFEFFid,name,email,language,roles,department,programId,county,supervisorId,active\r\n' +
      `${a},"Ana, Okafor",${a}@example.gov,es,employee,${DEPT},,Fresno,${b},yes\r\n` +
      `${b},Bo Lee,${b}@example.gov,,supervisor;case_worker,${DEPT},,,,\r\n`;
    const r = await upload(csv);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const ana = (await as(stack, admin).get(`/people/${a}`)).body;
    expect(ana).toMatchObject({
      name: 'Ana, Okafor',
      language: 'es',
      supervisorId: b,
      roles: [{ role: 'employee', department: DEPT, county: 'Fresno' }],
    });
    expect((await upload(csv)).body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  test('one bad row: 400 naming each bad row and line, and nothing is imported', async () => {
    const [a, b, c] = [uid('all-a'), uid('all-b'), uid('all-c')];
    const d = uid('all-d');
    const csv =
      'id,name,email,roles,department\n' +
      `${a},Al,${a}@example.gov,employee,${DEPT}\n` +
      `${b},Bea,not-an-email,employee,\n` +
      `${d},Di,${d}@example.gov,hr_officer,\n` +
      `${c},Cy,${c}@example.gov,employee,${DEPT}\n`;
    const r = await upload(csv);
    expect(r.status).toBe(400);
    expect(r.type).toContain('application/problem+json');
    expect(r.body.rows).toEqual([
      { row: 2, id: a, status: 'valid' },
      {
        row: 3,
        id: b,
        status: 'invalid',
        errors: expect.arrayContaining([expect.objectContaining({ path: 'email' })]),
      },
      { row: 4, id: d, status: 'invalid', errors: [{ path: 'roles.0.department', message: expect.any(String) }] },
      { row: 5, id: c, status: 'valid' },
    ]);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toEqual(['line 3.email', 'line 4.roles.0.department']);
    expect(await stack.db.selectFrom('people').select('id').where('id', 'in', [a, b, c, d]).execute()).toEqual([]);
  });

  test('hostile files: formulas exported as text; huge, mis-encoded, malformed files refused', async () => {
    const f = uid('formula');
    const formula = '=HYPERLINK("http://evil.example","x")';
    const ok = await upload(`id,name,email,roles\n${f},"${formula.replace(/"/g, '""')}",${f}@example.gov,employee\n`);
    expect(ok.status).toBe(200);
    const exported = await fetch(`${stack.baseUrl}/api/v1/audit?kind=person_created`, {
      headers: { authorization: `Bearer ${adminToken}`, accept: 'text/csv' },
    });
    expect(exported.headers.get('content-type')).toContain('text/csv');
    const text = await exported.text();
    const line = text.split('\r\n').find((l) => l.includes(`person:${f}`))!;
    expect(line).toBeDefined();
    // The name is inside the JSON of the after cell, and no cell of the line starts a formula.
    expect(line.split(',').some((cell) => /^[=+\-@]/.test(cell))).toBe(false);

    const huge = `id,name,email,roles\n${'x,'.repeat(1_500_000)}\n`;
    const tooBig = await upload(huge);
    expect({ status: tooBig.status, type: tooBig.type }).toEqual({
      status: 413,
      type: expect.stringContaining('application/problem+json'),
    });
    const latin1 = Buffer.concat([
      Buffer.from(`id,name,email,roles\n${uid('lat')},Jos`),
      Buffer.from([0xe9]),
      Buffer.from(`,l@example.gov,employee\n`),
    ]);
    const badBytes = await upload(latin1);
    expect({ status: badBytes.status, code: badBytes.body.code }).toEqual({ status: 400, code: 'bad_encoding' });
    const utf16 = await upload(Buffer.from('id,name,email,roles\n', 'utf16le'));
    expect(utf16.status).toBe(400);
    expect((await upload('id,name,email,roles\n"open,quote\n')).status).toBe(400);
    expect((await upload('name,email\nA,a@example.gov\n')).body.errors).toEqual(
      expect.arrayContaining([{ path: 'header', message: 'no id column' }]),
    );
    expect((await upload(`id,name,email,roles\n${'a,b,c,d\n'.repeat(5001)}`)).status).toBe(400);
    expect((await upload('id,name,email,roles\n', 'text/csv; charset=klingon')).status).toBe(415);
  });
});
