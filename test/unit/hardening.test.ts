/** Edges an attacker pushes on: token lifetimes, production auth config, CSV cells, idempotent bodies, task data. */
import type { Request } from 'express';
import { SignJWT } from 'jose';
import { createAuthenticator, mintToken } from '../../platform/api/auth';
import { csvCell } from '../../platform/api/csv';
import { canonicalJson, derivedUuid } from '../../platform/api/idempotency';
import { decodeCursor, CURSORS } from '../../platform/api/paging';
import { loadConfig } from '../../lib/config';
import { taskDataProblems } from '../../platform/workflow/task-data';

const secret = 'x'.repeat(40);
const req = (token: string) => ({ headers: { authorization: `Bearer ${token}` } }) as unknown as Request;

test('tokens without exp, or living longer than the cap, are refused', async () => {
  const auth = createAuthenticator({ hsSecret: secret, maxTokenLifetimeSeconds: 3600 });
  const noExp = await new SignJWT({ roles: ['employee'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('a')
    .setIssuedAt()
    .sign(new TextEncoder().encode(secret));
  await expect(auth(req(noExp))).rejects.toMatchObject({ status: 401 });
  await expect(auth(req(await mintToken(secret, { sub: 'a', roles: [] }, '2h')))).rejects.toMatchObject({
    status: 401,
  });
  expect(await auth(req(await mintToken(secret, { sub: 'a', roles: ['employee'] }, '30m')))).toMatchObject({
    sub: 'a',
  });
  const alg = await new SignJWT({ roles: [] })
    .setProtectedHeader({ alg: 'HS512' })
    .setSubject('a')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));
  await expect(auth(req(alg))).rejects.toMatchObject({ status: 401 });
});

test('a scoped role without its claim admits nothing', async () => {
  const auth = createAuthenticator({ hsSecret: secret });
  const user = await auth(req(await mintToken(secret, { sub: 'h', roles: ['hr_officer', 'employee'] })));
  expect(user!.roles).toEqual(['employee']);
  expect(user!.declaredRoles).toEqual(['hr_officer', 'employee']);
  expect(user!.tokens.some((t) => t.includes('hr_officer'))).toBe(false);
});

test('OIDC needs issuer, audience, algorithms and https; production refuses the development secret', () => {
  const base = {
    DATABASE_URL: 'postgres://u@127.0.0.1/db',
    AUTH_JWT_SECRET: secret,
    PAYLOAD_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
  };
  expect(() => loadConfig({ ...base, AUTH_JWKS_URL: 'https://idp.example/jwks' })).toThrow(
    /AUTH_ISSUER[\s\S]*AUTH_AUDIENCE[\s\S]*AUTH_ALGORITHMS[\s\S]*AUTH_OIDC_CLIENT_ID/,
  );
  expect(() =>
    loadConfig({
      ...base,
      AUTH_JWKS_URL: 'http://idp.example/jwks',
      AUTH_ISSUER: 'i',
      AUTH_AUDIENCE: 'a',
      AUTH_ALGORITHMS: 'RS256',
    }),
  ).toThrow(/AUTH_JWKS_URL: must be an https URL/);
  expect(() =>
    loadConfig({
      ...base,
      AUTH_JWKS_URL: 'https://idp.example/jwks',
      AUTH_ISSUER: 'i',
      AUTH_AUDIENCE: 'a',
      AUTH_ALGORITHMS: 'HS256',
      AUTH_OIDC_CLIENT_ID: 'c',
    }),
  ).toThrow(/AUTH_ALGORITHMS/);
  const ok = loadConfig({
    ...base,
    AUTH_JWKS_URL: 'https://idp.example/jwks',
    AUTH_ISSUER: 'i',
    AUTH_AUDIENCE: 'a',
    AUTH_ALGORITHMS: 'RS256,ES256',
    AUTH_OIDC_CLIENT_ID: 'mentorflow-web',
    NODE_ENV: 'production',
  });
  expect(ok.auth).toMatchObject({ algorithms: ['RS256', 'ES256'], issuer: 'i', audience: 'a' });
  // The web app signs in as the public client, with no development sign-in beside it.
  expect(ok.oidc).toEqual({ issuer: 'i', clientId: 'mentorflow-web', scopes: 'openid profile email' });
  expect(ok.devSignIn).toBe(false);
  expect(() => loadConfig({ ...base, NODE_ENV: 'production' })).toThrow(/HS256 development tokens are refused/);
  expect(loadConfig({ ...base, NODE_ENV: 'production', AUTH_ALLOW_HS256: 'true' }).auth.hsSecret).toBe(secret);
});

test('CSV cells never start a formula', () => {
  expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
  for (const s of ['+1', '-2', '@SUM(A1)', '\tx']) expect(csvCell(s).replace(/^"/, '').startsWith("'")).toBe(true);
  expect(csvCell('CDT')).toBe('CDT');
  expect(csvCell(-3)).toBe('-3');
});

test('idempotent bodies compare canonically; derived ids are stable UUIDs', () => {
  expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 1 }], c: null } })).toBe(
    canonicalJson({ a: { c: null, d: [1, { e: 1, f: 2 }] }, b: 1 }),
  );
  expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  expect(derivedUuid('k')).toBe(derivedUuid('k'));
  expect(derivedUuid('k')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('cursors of the wrong shape are 400, not a failed query', () => {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  expect(decodeCursor(enc(['2026-01-01T00:00:00.000Z', 'id']), CURSORS.timeAndId)).toEqual([
    '2026-01-01T00:00:00.000Z',
    'id',
  ]);
  for (const bad of [enc(['not a time', 'x']), enc({}), enc([1]), 'garbage!!', enc(['2026-01-01T00:00:00Z'])]) {
    expect(() => decodeCursor(bad, CURSORS.timeAndId)).toThrow(expect.objectContaining({ status: 400 }));
  }
});

test('task data: bounded, real dates, no control characters', () => {
  const today = '2026-11-23';
  expect(taskDataProblems('first_meeting', { meetingDate: '2026-11-20' }, { today })).toEqual([]);
  expect(taskDataProblems('first_meeting', { meetingDate: '2026-11-24' }, { today })[0].message).toMatch(/future/);
  expect(taskDataProblems('first_meeting', { meetingDate: '2026-02-30' }, { today })[0].path).toBe('data.meetingDate');
  expect(
    taskDataProblems(
      'check_in',
      {
        contactMentor: true,
        contactYouth: true,
        contactCaregiver: false,
        satisfaction: 4,
        safetyConcern: false,
        notes: 'ok\nfine',
      },
      { today },
    ),
  ).toEqual([]);
  expect(
    taskDataProblems(
      'check_in',
      {
        contactMentor: true,
        contactYouth: true,
        contactCaregiver: false,
        satisfaction: 4,
        safetyConcern: false,
        notes: 'a\u0000',
      },
      { today },
    )[0].path,
  ).toBe('data.notes');
  expect(taskDataProblems('supervisor_approval', { anything: 1 }, { today })).toHaveLength(1);
  expect(
    taskDataProblems(
      'assessment_review',
      { items: Array.from({ length: 51 }, () => ({ standard: 'closure', description: 'x', dueDate: today })) },
      { today },
    ),
  ).toHaveLength(1);
  expect(
    taskDataProblems(
      'eligibility_review',
      { supervisor: { id: 'sup-2', name: 'S', email: 'not-an-email' } },
      { today },
    )[0].path,
  ).toBe('data.supervisor.email');
});
