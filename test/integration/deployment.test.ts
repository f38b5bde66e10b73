/**
 * A deployment that is safe by default, over HTTP against the real product: security
 * headers on API answers, errors, the server-rendered pages, the docs and the web app
 * (a CSP whose inline stylesheets are exactly the ones the pages carry); HSTS only over
 * https; /metrics refused beyond loopback without its token; no development sign-in in
 * production.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type AppDeps } from '../../platform/api/app';
import { styleHash } from '../../platform/api/security-headers';
import { loadConfig } from '../../lib/config';
import { JWT_SECRET, startStack, TEMPORAL_UI_URL, type Stack } from '../support/stack';

let stack: Stack;
const servers: Server[] = [];
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await stack?.stop();
});

/**
 * The product's app with these settings, listening on loopback; its base URL. Limits are
 * high: the counts of 127.0.0.1 in the database are shared with the run's other suites.
 */
async function serve(deps: Partial<AppDeps> = {}): Promise<string> {
  const app = createApp({
    db: stack.db,
    temporal: stack.client,
    policy: stack.policy,
    auth: { hsSecret: JWT_SECRET },
    taskQueue: stack.taskQueue,
    temporalUiUrl: TEMPORAL_UI_URL,
    log: () => undefined,
    rateLimit: { publicPerMinute: 100_000, linkFailures: 100_000 },
    ...deps,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const directives = (csp: string | null) =>
  Object.fromEntries(
    (csp ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([k, ...v]) => [k, v]),
  );

function expectHardened(res: Response, what: string) {
  const h = Object.fromEntries(
    [
      'content-security-policy',
      'x-content-type-options',
      'referrer-policy',
      'x-frame-options',
      'strict-transport-security',
    ].map((k) => [k, res.headers.get(k)]),
  );
  const csp = directives(h['content-security-policy']);
  expect({
    what,
    scripts: csp['script-src'],
    attrs: csp['script-src-attr'],
    frames: csp['frame-ancestors'],
    objects: csp['object-src'],
  }).toEqual({ what, scripts: ["'self'"], attrs: ["'none'"], frames: ["'none'"], objects: ["'none'"] });
  expect({ what, unsafe: (h['content-security-policy'] ?? '').match(/'unsafe-[a-z-]+'/g) }).toEqual({
    what,
    unsafe: null,
  });
  expect({
    what,
    nosniff: h['x-content-type-options'],
    referrer: h['referrer-policy'],
    frame: h['x-frame-options'],
  }).toEqual({ what, nosniff: 'nosniff', referrer: 'no-referrer', frame: 'DENY' });
  return { csp, hsts: h['strict-transport-security'] };
}

/** Every inline <style> of an HTML page is allowed by its hash (or the page would show unstyled). */
async function expectInlineStylesAllowed(res: Response, csp: Record<string, string[]>) {
  const html = await res.text();
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  expect(styles.length).toBeGreaterThan(0);
  for (const css of styles) expect(csp['style-src']).toContain(styleHash(css));
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
  expect(html).not.toMatch(/\sstyle="/);
}

test('headers on an API answer, an error, a server-rendered page, the docs and the web app; no HSTS over http', async () => {
  const site = await serve();
  const answers = {
    health: await fetch(`${site}/health`),
    unauthorized: await fetch(`${site}/api/v1/cases`),
    unknown: await fetch(`${site}/api/v1/no-such-route`),
    openapi: await fetch(`${site}/openapi.json`),
  };
  expect([answers.health.status, answers.unauthorized.status, answers.unknown.status, answers.openapi.status]).toEqual([
    200, 401, 404, 200,
  ]);
  for (const [what, res] of Object.entries(answers)) expect(expectHardened(res, what).hsts).toBeNull();

  const referencePage = await fetch(`${site}/references/not-a-real-token`);
  expect(referencePage.status).toBe(404);
  await expectInlineStylesAllowed(referencePage, expectHardened(referencePage, 'reference page').csp);

  const docs = await fetch(`${site}/docs`);
  expect(docs.status).toBe(200);
  await expectInlineStylesAllowed(docs, expectHardened(docs, 'docs').csp);

  const web = await fetch(`${site}/volunteer`, { headers: { accept: 'text/html' } });
  expect(web.status).toBe(200);
  const { csp } = expectHardened(web, 'web app');
  expect(await web.text()).toMatch(/<script type="module" crossorigin src="\/assets\/[^"]+\.js"><\/script>/);
  expect(csp['connect-src']).toEqual(["'self'"]);
  expect(csp['upgrade-insecure-requests']).toBeUndefined();
});

test('over https (the public address, or the trusted proxy says so): HSTS and upgrade-insecure-requests', async () => {
  const behindTls = await serve({ policy: { ...stack.policy, publicBaseUrl: 'https://mentorflow.agency.example' } });
  const res = await fetch(`${behindTls}/health`);
  const { csp, hsts } = expectHardened(res, 'https site');
  expect(hsts).toBe('max-age=31536000; includeSubDomains');
  expect(csp['upgrade-insecure-requests']).toEqual([]);

  const proxied = await serve({ trustProxy: 1 });
  expect(
    expectHardened(await fetch(`${proxied}/health`, { headers: { 'x-forwarded-proto': 'https' } }), 'proxied https')
      .hsts,
  ).toMatch(/^max-age=/);
  expect(expectHardened(await fetch(`${proxied}/health`), 'proxied http').hsts).toBeNull();
  // Without a trusted proxy, a client's own X-Forwarded-Proto is not believed.
  const direct = await serve();
  expect(
    expectHardened(await fetch(`${direct}/health`, { headers: { 'x-forwarded-proto': 'https' } }), 'direct').hsts,
  ).toBeNull();
});

test("with OIDC, the browser may reach the issuer's origin and nothing else beyond this one", async () => {
  const site = await serve({
    oidc: { issuer: 'https://login.agency.example/realms/staff', clientId: 'mentorflow-web', scopes: 'openid' },
  });
  const res = await fetch(`${site}/auth/config`);
  expect(((await res.json()) as { oidc: { issuer: string } }).oidc.issuer).toBe(
    'https://login.agency.example/realms/staff',
  );
  expect(expectHardened(res, 'auth config').csp['connect-src']).toEqual(["'self'", 'https://login.agency.example']);
});

test('/metrics beyond loopback: refused without METRICS_TOKEN, and only its bearer is answered', async () => {
  const problem = async (res: Response) => ({
    status: res.status,
    type: res.headers.get('content-type'),
    body: await res.text(),
  });
  // The test listens on loopback; the app is told where it would listen in a container.
  const exposed = await serve({ host: '0.0.0.0' });
  const refused = await problem(await fetch(`${exposed}/metrics`));
  expect(refused).toMatchObject({
    status: 403,
    type: expect.stringMatching(/application\/problem\+json/),
    body: expect.stringMatching(/METRICS_TOKEN/),
  });
  expect(refused.body).not.toContain('mentorflow_tasks_open');
  // Behind a proxy the API is reachable from elsewhere too, even listening on loopback.
  expect((await fetch(`${await serve({ trustProxy: 1 })}/metrics`)).status).toBe(403);

  const withToken = await serve({ host: '0.0.0.0', metricsToken: 'scrape-token-0123456789' });
  for (const authorization of [
    undefined,
    'Bearer scrape-token-012345678',
    'Bearer scrape-token-0123456789x',
    'Basic c2NyYXBl',
  ]) {
    const res = await fetch(`${withToken}/metrics`, { headers: authorization ? { authorization } : {} });
    expect({ authorization, status: res.status }).toEqual({ authorization, status: 401 });
  }
  const allowed = await fetch(`${withToken}/metrics`, { headers: { authorization: 'Bearer scrape-token-0123456789' } });
  expect(allowed.status).toBe(200);
  expect(await allowed.text()).toContain('# TYPE mentorflow_tasks_open gauge');

  // On loopback without a token (a laptop): open, as before.
  expect((await fetch(`${await serve({ host: '127.0.0.1' })}/metrics`)).status).toBe(200);
});

test('production has no development sign-in, even with HS256 allowed', async () => {
  const config = loadConfig({
    NODE_ENV: 'production',
    AUTH_ALLOW_HS256: 'true',
    AUTH_JWT_SECRET: JWT_SECRET,
    DATABASE_URL: 'postgres://u@127.0.0.1/db',
    PAYLOAD_KEYS: 'k1:CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQk=',
  });
  expect(config.devSignIn).toBe(false);
  const site = await serve({ auth: config.auth, devSignIn: config.devSignIn });
  expect(await (await fetch(`${site}/auth/config`)).json()).toEqual({ devSignIn: false });
  expect((await fetch(`${site}/auth/dev/people`)).status).toBe(404);
  const token = await fetch(`${site}/auth/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 'admin-1' }),
  });
  expect(token.status).toBe(404);
  expect(await token.text()).not.toMatch(/"token"/);
  // The development default still offers it (the demo people of `npm start`).
  const dev = await serve({
    devSignIn: loadConfig({ AUTH_JWT_SECRET: JWT_SECRET, DATABASE_URL: 'postgres://u@127.0.0.1/db' }).devSignIn,
  });
  expect(await (await fetch(`${dev}/auth/config`)).json()).toEqual({ devSignIn: true });
});
