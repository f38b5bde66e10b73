/**
 * compose.yaml cannot be run on this machine (no container runtime), so what can drift is
 * checked here: the same topology as `npm run cluster`, Temporal images at the server
 * version the CLI embeds, the product's search attributes registered, only environment
 * variables the product actually reads, and the production shape: NODE_ENV=production,
 * OIDC and the metrics token to fill in, no development sign-in, and the Temporal UI and
 * the mail catcher only under the `dev` profile, on loopback.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../../lib/config';
import { SEARCH_ATTRIBUTES, TEMPORAL_SERVER_VERSION } from '../../temporal.config';

type Service = {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  entrypoint?: string[];
  profiles?: string[];
  depends_on?: string[] | Record<string, unknown>;
};
const compose = parse(readFileSync(path.join(__dirname, '../../compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = Object.entries(compose.services);
const running = (script: string) => services.filter(([, s]) => s.command?.join(' ') === `npm run ${script}`);
const product = services.filter(([, s]) => s.build);
/** What an operator fills in for each `${VAR:?…}` (compose refuses to start without them). */
const FILLED: Record<string, string> = {
  POSTGRES_PASSWORD: 'pw',
  PUBLIC_BASE_URL: 'https://mentorflow.agency.example',
  SMTP_URL: 'smtp://relay.agency.example:587',
  AUTH_JWKS_URL: 'https://idp.agency.example/jwks',
  AUTH_ISSUER: 'https://idp.agency.example',
  AUTH_AUDIENCE: 'mentorflow-api',
  AUTH_ALGORITHMS: 'RS256',
  AUTH_OIDC_CLIENT_ID: 'mentorflow-web',
  METRICS_TOKEN: 'm'.repeat(32),
  PAYLOAD_KEYS: 'k1:BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=',
};
/** Compose's interpolation of one value: `${VAR:?message}` needs VAR, `${VAR:-default}` falls back. */
const interpolate = (v: string, env: Record<string, string>) =>
  v.replace(/\$\{(\w+)(?::([?-])([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => {
    if (env[name]) return env[name];
    if (op === '-') return arg ?? '';
    throw new Error(`compose refuses: ${name} unset (${arg})`);
  });

test('two workers and two APIs of the product, the APIs on different host ports', () => {
  expect(running('worker')).toHaveLength(2);
  const apis = running('api');
  expect(apis).toHaveLength(2);
  const hostPorts = apis.map(([, s]) => s.ports![0].split(':').slice(-2)[0]);
  expect(new Set(hostPorts).size).toBe(2);
  // Published on loopback unless told otherwise: clients reach the APIs only through the load balancer.
  for (const [, s] of apis) expect(s.ports![0]).toMatch(/^\$\{API_BIND:-127\.0\.0\.1\}:/);
});

test('the Temporal images are the server version the pinned CLI embeds, on PostgreSQL with 4 history shards', () => {
  const version = TEMPORAL_SERVER_VERSION.replace(/^v/, '');
  expect(compose.services.temporal.image).toBe(`temporalio/server:${version}`);
  expect(compose.services['temporal-schema'].image).toMatch(
    new RegExp(`^temporalio/admin-tools:${version.replace(/\./g, '\\.')}-`),
  );
  expect(compose.services.temporal.environment).toMatchObject({ DB: 'postgres12', NUM_HISTORY_SHARDS: '4' });
});

test("the setup job registers exactly the product's search attributes", () => {
  const script = (compose.services['temporal-setup'].command ?? []).join('\n');
  const listed = /for sa in ([^;]+);/.exec(script)![1].trim().split(/\s+/);
  expect(listed.sort()).toEqual(Object.keys(SEARCH_ATTRIBUTES).sort());
  expect(Object.values(SEARCH_ATTRIBUTES).every((t) => t === 'Keyword')).toBe(true);
});

test("the product's services set only variables the product reads", () => {
  expect(product.length).toBeGreaterThanOrEqual(5);
  for (const [name, s] of product) {
    const unknown = Object.keys(s.environment ?? {}).filter((k) => !CONFIG_VARIABLES.includes(k));
    expect({ name, unknown }).toEqual({ name, unknown: [] });
  }
});

test('production shape: NODE_ENV=production, OIDC and the metrics token required, no HS256 secret', () => {
  for (const [name, s] of product) {
    const env = s.environment ?? {};
    expect({ name, NODE_ENV: env.NODE_ENV }).toEqual({ name, NODE_ENV: 'production' });
    for (const key of [
      'AUTH_JWKS_URL',
      'AUTH_ISSUER',
      'AUTH_AUDIENCE',
      'AUTH_ALGORITHMS',
      'AUTH_OIDC_CLIENT_ID',
      'METRICS_TOKEN',
      'PUBLIC_BASE_URL',
      'SMTP_URL',
    ]) {
      expect({ name, key, value: env[key] }).toEqual({
        name,
        key,
        value: expect.stringMatching(new RegExp(`^\\$\\{${key}:\\?.+\\}$`)),
      });
    }
    expect({
      name,
      hs256: Object.keys(env).filter((k) => k === 'AUTH_JWT_SECRET' || k === 'AUTH_ALLOW_HS256'),
    }).toEqual({ name, hs256: [] });
    expect(() => interpolate(JSON.stringify(env), {})).toThrow(/compose refuses/);
  }
});

test("filled in, the API's environment loads as production: OIDC, no development sign-in, the metrics token set", () => {
  const [, api] = running('api')[0];
  const env = Object.fromEntries(Object.entries(api.environment!).map(([k, v]) => [k, interpolate(String(v), FILLED)]));
  const config = loadConfig({ ...env, HOST: '0.0.0.0' });
  expect(config.devSignIn).toBe(false);
  expect(config.auth).toMatchObject({
    jwksUrl: FILLED.AUTH_JWKS_URL,
    audience: 'mentorflow-api',
    clientId: 'mentorflow-web',
    hsSecret: undefined,
  });
  expect(config.oidc).toMatchObject({ issuer: FILLED.AUTH_ISSUER, clientId: 'mentorflow-web' });
  expect(config.metrics.token).toBe(FILLED.METRICS_TOKEN);
  expect(config.trustProxy).toBe(0);
});

test('the Temporal UI and the mail catcher run only under the dev profile, published on loopback only', () => {
  for (const name of ['temporal-ui', 'mailpit']) {
    expect({ name, profiles: compose.services[name].profiles }).toEqual({ name, profiles: ['dev'] });
    for (const port of compose.services[name].ports ?? [])
      expect({ name, port }).toEqual({ name, port: expect.stringMatching(/^127\.0\.0\.1:/) });
  }
  expect(compose.services['temporal-ui'].environment).toMatchObject({ TEMPORAL_DISABLE_WRITE_ACTIONS: 'true' });
  // Outside the dev profile only the APIs publish a port, and nothing depends on a dev-only service.
  const always = services.filter(([, s]) => !s.profiles);
  expect(
    always
      .filter(([, s]) => s.ports?.length)
      .map(([n]) => n)
      .sort(),
  ).toEqual(
    running('api')
      .map(([n]) => n)
      .sort(),
  );
  for (const [name, s] of always) {
    const deps = Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});
    expect({ name, devDeps: deps.filter((d) => compose.services[d]?.profiles) }).toEqual({ name, devDeps: [] });
  }
});
