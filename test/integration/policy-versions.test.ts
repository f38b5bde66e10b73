/**
 * The rules as versioned data (docs/administration.md, "Rules") on real Temporal and
 * PostgreSQL: a policy change applies to a case started after it and not to one running
 * before it, while the organisation's mailboxes reach the running case too; a bad policy
 * is refused with its paths and nothing saved; only admins read or save; the difference
 * of two versions and the audit row say what changed, who changed it and why.
 */
import { as, eventually, startStack, type Stack } from '../support/stack';
import { activeEnrollment, admin, certifiedProgram, coordinatorOf, employee, hr, verifiedHours } from './fixtures';

let stack: Stack;
let programId: string;

beforeAll(async () => {
  // Cases start with the newest saved version, as in production.
  stack = await startStack({ followPolicyVersions: true });
  programId = await certifiedProgram(stack);
  // This suite's own rules as the newest version, whichever suite wrote version 1.
  const baseline = await as(stack, admin).put('/policy', { policy: stack.policy, reason: 'The suite starts here' });
  expect(baseline.status).toBe(201);
});
afterAll(async () => stack?.stop());

const newestNumber = async () => (await as(stack, admin).get('/policy')).body.version as number;
const ledgerOf = async (emp: ReturnType<typeof employee>, caseId: string) =>
  (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body.ledger;

test('a policy change applies to a new case and not to a running one; the organisation settings reach both', async () => {
  const running = employee(8711);
  const later = employee(8712);
  const runningCase = await activeEnrollment(stack, running, programId);

  const current = (await as(stack, admin).get('/policy')).body;
  const coordinatorMailbox = `org_coordinator:${programId}`;
  const saved = await as(stack, admin).put('/policy', {
    policy: {
      ...current.policy,
      mentoringLeave: { ...current.policy.mentoringLeave, annualCapHours: 2 },
      mailboxes: { ...current.policy.mailboxes, [coordinatorMailbox]: 'rules-story@moved.example' },
    },
    reason: 'The 2027 budget halves mentoring leave',
    baseVersion: current.version,
  });
  expect(saved.status).toBe(201);
  expect(saved.body).toMatchObject({
    version: current.version + 1,
    createdBy: { id: admin.sub, name: admin.name },
    reason: 'The 2027 budget halves mentoring leave',
    policy: { mentoringLeave: { annualCapHours: 2 } },
  });
  // The save tells the running cases the organisation's settings (in the background).
  await eventually(async () => {
    const told = await stack.db.selectFrom('organisation_settings').select('settings').executeTakeFirst();
    return JSON.stringify(told?.settings ?? {}).includes('rules-story@moved.example');
  }, 'the running cases told the new mailbox');
  const laterCase = await activeEnrollment(stack, later, programId);

  // Each case follows the cap it started with: 4 verified hours earn 4 hours of leave under
  // the old cap of 40, and only 2 under the new one.
  await verifiedHours(stack, running, runningCase, programId, 4);
  await verifiedHours(stack, later, laterCase, programId, 4);
  const before = await eventually(async () => {
    const l = await ledgerOf(running, runningCase);
    return l.verifiedPersonalHours === 4 && l;
  }, 'the running case verified');
  const after = await eventually(async () => {
    const l = await ledgerOf(later, laterCase);
    return l.verifiedPersonalHours === 4 && l;
  }, 'the new case verified');
  expect(before).toMatchObject({ cap: 40, availableLeaveHours: 4 });
  expect(after).toMatchObject({ cap: 2, availableLeaveHours: 2 });

  // The coordinators' new mailbox is the organisation's: the running case's verification task mailed it.
  const mail = await eventually(async () => {
    const rows = await stack.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('case_id', '=', runningCase)
      .where('key', 'like', '%:assigned')
      .execute();
    return rows.find((r) => r.subject.includes('Verify'));
  }, 'the verification e-mail');
  expect(mail.recipients).toEqual(['rules-story@moved.example']);
});

test('a bad policy is refused with each invalid path, and nothing is saved', async () => {
  const current = (await as(stack, admin).get('/policy')).body;
  const count = (await stack.db
    .selectFrom('policy_versions')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst())!.n;
  const bad = await as(stack, admin).put('/policy', {
    policy: {
      ...current.policy,
      mentoringLeave: { ...current.policy.mentoringLeave, annualCapHours: -5 },
      tasks: { ...current.policy.tasks, default: { ...current.policy.tasks.default, due: 'thirty days' } },
      mailboxes: { ...current.policy.mailboxes, admin: 'not an address' },
    },
    reason: 'Typos',
  });
  expect(bad.status).toBe(400);
  expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
  const paths = (bad.body.errors as { path: string }[]).map((e) => e.path).sort();
  expect(paths).toEqual([
    'body.policy.mailboxes.admin',
    'body.policy.mentoringLeave.annualCapHours',
    'body.policy.tasks.default.due',
  ]);
  const noReason = await as(stack, admin).put('/policy', { policy: current.policy, reason: '  ' });
  expect(noReason.status).toBe(400);
  expect(noReason.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.reason']);
  const unknown = await as(stack, admin).put('/policy', {
    policy: { ...current.policy, mentoringLeaveCap: 3 },
    reason: 'A field that does not exist',
  });
  expect(unknown.status).toBe(400);

  expect(await newestNumber()).toBe(current.version);
  const countAfter = (await stack.db
    .selectFrom('policy_versions')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst())!.n;
  expect(countAfter).toBe(count);
});

test('only admins read and save the rules', async () => {
  const current = (await as(stack, admin).get('/policy')).body;
  for (const person of [hr, employee(8713), coordinatorOf(programId)]) {
    expect((await as(stack, person).get('/policy')).status).toBe(403);
    expect((await as(stack, person).get('/policy/versions')).status).toBe(403);
    expect((await as(stack, person).get('/policy/diff')).status).toBe(403);
    expect((await as(stack, person).put('/policy', { policy: current.policy, reason: 'Mine now' })).status).toBe(403);
  }
  expect((await as(stack).get('/policy')).status).toBe(401);
  expect(await newestNumber()).toBe(current.version);
});

test('a save prepared against an older version is refused: nobody overwrites a change unseen', async () => {
  const current = (await as(stack, admin).get('/policy')).body;
  const first = await as(stack, admin).put('/policy', {
    policy: { ...current.policy, maxHistoryEvents: 4000 },
    reason: 'Shorter histories',
    baseVersion: current.version,
  });
  expect(first.status).toBe(201);
  const second = await as(stack, admin).put('/policy', {
    policy: { ...current.policy, maxHistoryEvents: 6000 },
    reason: 'Longer histories',
    baseVersion: current.version,
  });
  expect(second.status).toBe(409);
  expect(second.body.code).toBe('policy_changed_since');
  expect(await newestNumber()).toBe(first.body.version);
});

test('the difference of two versions, the list of versions and the audit row say what, who and why', async () => {
  const current = (await as(stack, admin).get('/policy')).body;
  const saved = await as(stack, admin).put('/policy', {
    policy: {
      ...current.policy,
      mentoringLeave: { ...current.policy.mentoringLeave, minimumCommitmentMonths: 6 },
      publicBaseUrl: current.policy.publicBaseUrl,
    },
    reason: 'A semester is enough',
  });
  expect(saved.status).toBe(201);
  const v = saved.body.version as number;

  const diff = await as(stack, admin).get(`/policy/diff?from=${v - 1}&to=${v}`);
  expect(diff.status).toBe(200);
  expect(diff.body).toEqual({
    from: v - 1,
    to: v,
    changes: [
      {
        path: 'mentoringLeave.minimumCommitmentMonths',
        before: current.policy.mentoringLeave.minimumCommitmentMonths,
        after: 6,
      },
    ],
  });
  expect((await as(stack, admin).get('/policy/diff')).body).toEqual(diff.body);
  expect((await as(stack, admin).get(`/policy/diff?from=${v}&to=${v + 50}`)).status).toBe(404);
  expect((await as(stack, admin).get('/policy/diff?from=zero')).status).toBe(400);

  const page = await as(stack, admin).get('/policy/versions?limit=1');
  expect(page.body.items).toEqual([
    {
      version: v,
      createdAt: saved.body.createdAt,
      createdBy: { id: admin.sub, name: admin.name },
      reason: 'A semester is enough',
    },
  ]);
  const next = await as(stack, admin).get(`/policy/versions?limit=1&cursor=${page.body.nextCursor}`);
  expect(next.body.items[0].version).toBe(v - 1);
  expect((await as(stack, admin).get(`/policy/versions/${v - 1}`)).body.policy).toEqual(current.policy);

  const audit = await stack.db
    .selectFrom('audit_events')
    .selectAll()
    .where('kind', '=', 'policy_changed')
    .where('target', '=', `policy/${v}`)
    .execute();
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({
    actor_id: admin.sub,
    reason: 'A semester is enough',
    before: {
      version: v - 1,
      'mentoringLeave.minimumCommitmentMonths': current.policy.mentoringLeave.minimumCommitmentMonths,
    },
    after: { version: v, 'mentoringLeave.minimumCommitmentMonths': 6 },
  });
  const listed = await as(stack, admin).get('/audit?kind=policy_changed');
  expect(listed.status).toBe(200);
});

test('a version number past any real one is a clear 400, never a database error', async () => {
  for (const path of ['/policy/versions/3000000000', '/policy/diff?from=3000000000&to=1']) {
    const reply = await as(stack, admin).get(path);
    // No such version (404) or not a version number (400): a clear answer either way.
    expect({ path, status: [400, 404].includes(reply.status) }).toEqual({ path, status: true });
    expect(reply.headers.get('content-type')).toMatch(/application\/problem\+json/);
  }
});
