/**
 * SCIM 2.0 (docs/administration.md, "SCIM") called the way an identity provider calls it,
 * over HTTP by a client written from RFC 7644 (no SCIM client package is a dependency):
 * Okta's and Entra's sequence — find the user by userName, create them, put them in a
 * group, deactivate them. The API takes roles from the directory (AUTH_ROLES_FROM=directory),
 * so what SCIM writes is what a signed-in person may do, and a deactivation ends it.
 */
import { randomUUID } from 'node:crypto';
import { as, startStack, tokenFor, type Person, type Stack } from '../support/stack';

const SCIM_TOKEN = `scim-${randomUUID()}-${randomUUID()}`;
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

let stack: Stack;
const run = randomUUID().slice(0, 8);
const uid = (name: string) => `${name}-${run}`;

beforeAll(async () => {
  stack = await startStack({ auth: { rolesFrom: 'directory', scimToken: SCIM_TOKEN } });
});
afterAll(async () => {
  await stack?.db.deleteFrom('people').where('id', 'like', `%-${run}`).execute();
  await stack?.stop();
});

/** A SCIM client as RFC 7644 describes one: JSON in application/scim+json, bearer auth. */
class ScimClient {
  constructor(
    private readonly base: string,
    private readonly token?: string,
  ) {}
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async call(method: string, path: string, body?: unknown): Promise<{ status: number; type: string; body: any }> {
    const res = await fetch(`${this.base}/scim/v2${path}`, {
      method,
      headers: {
        accept: 'application/scim+json',
        ...(body === undefined ? {} : { 'content-type': 'application/scim+json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
  }
  findByUserName(userName: string) {
    return this.call('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}&startIndex=1&count=100`);
  }
  createUser(u: { userName: string; externalId?: string; givenName: string; familyName: string; email: string }) {
    return this.call('POST', '/Users', {
      schemas: [USER],
      userName: u.userName,
      ...(u.externalId ? { externalId: u.externalId } : {}),
      name: { givenName: u.givenName, familyName: u.familyName },
      emails: [{ value: u.email, type: 'work', primary: true }],
      active: true,
    });
  }
  patch(path: string, operations: unknown[]) {
    return this.call('PATCH', path, { schemas: [PATCH], Operations: operations });
  }
  addToGroup(group: string, userId: string) {
    return this.patch(`/Groups/${encodeURIComponent(group)}`, [
      { op: 'add', path: 'members', value: [{ value: userId }] },
    ]);
  }
}

const scim = () => new ScimClient(stack.baseUrl, SCIM_TOKEN);

/** Provisions a person as a provider would: look up, create, add to groups. Returns their SCIM id. */
async function provision(name: string, groups: string[]): Promise<string> {
  const userName = `${uid(name)}@agency.example`;
  expect((await scim().findByUserName(userName)).body).toMatchObject({ schemas: [LIST], totalResults: 0 });
  const created = await scim().createUser({
    userName,
    externalId: uid(name),
    givenName: name,
    familyName: 'Tester',
    email: userName,
  });
  expect(created.status).toBe(201);
  for (const g of groups) expect((await scim().addToGroup(g, created.body.id)).status).toBe(200);
  return created.body.id;
}

test("no SCIM token, a wrong one or a user's: 401 as a SCIM error, nothing changed", async () => {
  const adminJwt = await tokenFor({ sub: uid('jwt-admin'), roles: ['admin'] });
  for (const client of [
    new ScimClient(stack.baseUrl),
    new ScimClient(stack.baseUrl, `${SCIM_TOKEN}x`),
    new ScimClient(stack.baseUrl, adminJwt),
  ]) {
    for (const [method, path, body] of [
      ['GET', '/Users'],
      ['POST', '/Users', { schemas: [USER], userName: uid('intruder') }],
      ['GET', '/Groups'],
    ] as const) {
      const r = await client.call(method, path, body);
      expect({ status: r.status, type: r.type, schemas: r.body.schemas, s: r.body.status }).toEqual({
        status: 401,
        type: expect.stringContaining('application/scim+json'),
        schemas: [ERROR],
        s: '401',
      });
    }
  }
  expect(await stack.db.selectFrom('people').select('id').where('id', 'like', `intruder-%`).execute()).toEqual([]);
});

test("Okta's sequence: find, create, group, sign in with the directory's roles, deactivate: access ends", async () => {
  const id = await provision('okta', ['hr_officer:department:CDT']);
  const user = await scim().call('GET', `/Users/${id}`);
  expect(user.body).toMatchObject({
    schemas: [USER],
    id,
    externalId: uid('okta'),
    userName: `${uid('okta')}@agency.example`,
    displayName: 'okta Tester',
    active: true,
    groups: [{ value: 'hr_officer:department:CDT', display: 'hr_officer (department CDT)' }],
    meta: { resourceType: 'User', location: expect.stringMatching(new RegExp(`/scim/v2/Users/${id}$`)) },
  });
  expect((await scim().findByUserName(`${uid('okta')}@AGENCY.example`)).body.totalResults).toBe(1);
  const again = await scim().createUser({
    userName: `${uid('okta')}@agency.example`,
    givenName: 'x',
    familyName: 'y',
    email: 'x@agency.example',
  });
  expect({ status: again.status, scimType: again.body.scimType }).toEqual({ status: 409, scimType: 'uniqueness' });

  // Their token claims nothing: the directory gives them HR of CDT.
  const person: Person = { sub: id, roles: [] };
  expect((await as(stack, person).get('/me')).body).toMatchObject({ roles: ['hr_officer'], department: 'CDT' });
  expect((await as(stack, person).get('/tasks')).status).toBe(200);

  const off = await scim().patch(`/Users/${id}`, [{ op: 'replace', value: { active: false } }]);
  expect({ status: off.status, active: off.body.active }).toEqual({ status: 200, active: false });
  expect((await as(stack, person).get('/tasks')).status).toBe(403);
  expect((await as(stack, person).get('/me')).body).toMatchObject({ refused: 'deactivated', roles: [] });
  const audit = await stack.db
    .selectFrom('audit_events')
    .selectAll()
    .where('target', '=', `person:${id}`)
    .orderBy('id')
    .execute();
  expect(audit.map((e) => [e.actor_id, e.kind])).toEqual([
    ['scim', 'person_created'],
    ['scim', 'person_updated'],
    ['scim', 'person_deactivated'],
  ]);
});

test('Entra\'s forms: active as the string "False", PUT, DELETE; paging and filters', async () => {
  const id = await provision('entra', []);
  const off = await scim().patch(`/Users/${id}`, [{ op: 'Replace', path: 'active', value: 'False' }]);
  expect(off.body.active).toBe(false);
  const userName = `${uid('entra')}@agency.example`;
  const on = await scim().call('PUT', `/Users/${id}`, {
    schemas: [USER],
    userName,
    displayName: 'Entra Renamed',
    emails: [{ value: userName, primary: true }],
    preferredLanguage: 'es-MX',
    active: true,
  });
  expect(on.body).toMatchObject({ active: true, displayName: 'Entra Renamed', preferredLanguage: 'es' });

  const page = await scim().call('GET', '/Users?startIndex=2&count=1');
  expect(page.body).toMatchObject({ startIndex: 2, itemsPerPage: 1 });
  expect(page.body.totalResults).toBeGreaterThanOrEqual(2);
  const bad = await scim().call('GET', `/Users?filter=${encodeURIComponent('name.familyName co "x"')}`);
  expect({ status: bad.status, scimType: bad.body.scimType }).toEqual({ status: 400, scimType: 'invalidFilter' });
  const badPatch = await scim().call('PATCH', `/Users/${id}`, { Operations: [] });
  expect({ status: badPatch.status, scimType: badPatch.body.scimType }).toEqual({
    status: 400,
    scimType: 'invalidSyntax',
  });
  expect((await scim().call('GET', '/Users/nobody-here')).status).toBe(404);

  // A deleted user is gone for the provider (RFC 7644 §3.6): every operation on it answers 404,
  // a search finds nobody, and the same person can be created again; the directory keeps them inactive.
  expect((await scim().call('DELETE', `/Users/${id}`)).status).toBe(204);
  expect((await scim().call('GET', `/Users/${id}`)).status).toBe(404);
  expect((await scim().patch(`/Users/${id}`, [{ op: 'replace', path: 'active', value: true }])).status).toBe(404);
  expect((await scim().call('DELETE', `/Users/${id}`)).status).toBe(404);
  expect((await scim().findByUserName(userName)).body.totalResults).toBe(0);
  const toGroup = await scim().addToGroup('admin', id);
  expect({ status: toGroup.status, scimType: toGroup.body.scimType }).toEqual({
    status: 400,
    scimType: 'invalidValue',
  });
  const admin: Person = { sub: await provision('entra-admin', ['admin']), roles: [] };
  const kept = await as(stack, admin).get(`/people/${id}`);
  expect(kept.body).toMatchObject({ id, active: false, roles: [] });
  const again = await scim().createUser({
    userName,
    externalId: id,
    givenName: 'Entra',
    familyName: 'Again',
    email: userName,
  });
  expect({ status: again.status, id: again.body.id, active: again.body.active }).toEqual({
    status: 201,
    id,
    active: true,
  });
});

test('not in the directory: 403 but on GET /me; a token claiming admin counts for nothing', async () => {
  const stranger: Person = { sub: uid('stranger'), roles: ['admin'], name: 'Self-Made Admin' };
  expect((await as(stack, stranger).get('/people')).status).toBe(403);
  expect((await as(stack, stranger).get('/tasks')).status).toBe(403);
  expect((await as(stack, stranger).get('/me')).body).toMatchObject({ refused: 'not_in_directory', roles: [] });

  const adminId = await provision('admin', ['admin']);
  const directoryAdmin: Person = { sub: adminId, roles: [] };
  const listed = await as(stack, directoryAdmin).get(`/people?q=${run}`);
  expect(listed.status).toBe(200);
  expect(listed.body.items.map((p: { id: string }) => p.id)).toContain(adminId);
  // Leaving the group takes the role away at the next request.
  const left = await scim().patch(`/Groups/admin`, [{ op: 'remove', path: `members[value eq "${adminId}"]` }]);
  expect(left.status).toBe(200);
  expect((await as(stack, directoryAdmin).get('/people')).status).toBe(403);
});
