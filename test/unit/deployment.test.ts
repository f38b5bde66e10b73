/**
 * A deployment that is safe by default, in the parts that need no services: proxy hops as
 * a number only, client keys (IPv6 per /64), the metrics guard, no development sign-in
 * in production, the CSP's shape, and a web build that publishes no source maps.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { guardMetrics, isLoopback } from '../../platform/api/app';
import { clientKey, ONE_TIME_LINK_PATH, PostgresStore } from '../../platform/api/rate-limit';
import { createDb } from '../../db';
import { cspDirectives } from '../../platform/api/security-headers';
import { loadConfig } from '../../lib/config';
import { publishedSourceMaps } from '../../scripts/web-build';

const base = {
  DATABASE_URL: 'postgres://u@127.0.0.1/db',
  AUTH_JWT_SECRET: 'x'.repeat(40),
  PAYLOAD_KEYS: 'k1:BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=',
};

test('TRUST_PROXY is a number of hops; `true`, lists and names stop the process naming it', () => {
  expect(loadConfig(base).trustProxy).toBe(0);
  expect(loadConfig({ ...base, TRUST_PROXY: '1' }).trustProxy).toBe(1);
  expect(loadConfig({ ...base, TRUST_PROXY: '2' }).trustProxy).toBe(2);
  for (const bad of ['true', 'false', 'loopback', '10.0.0.1', '1,2', '-1', '1.5', '']) {
    expect(() => loadConfig({ ...base, TRUST_PROXY: bad })).toThrow(/TRUST_PROXY: a number of trusted proxy hops/);
  }
  expect(loadConfig({ ...base, RATE_LIMIT_LINK_FAILURES: '5' }).rateLimit).toEqual({
    publicPerMinute: 300,
    linkFailures: 5,
    formsPerHour: 20,
  });
  expect(() => loadConfig({ ...base, RATE_LIMIT_FORMS_PER_HOUR: 'lots' })).toThrow(/RATE_LIMIT_FORMS_PER_HOUR/);
  expect(() => loadConfig({ ...base, RATE_LIMIT_LINK_FAILURES: '0' })).toThrow(/RATE_LIMIT_LINK_FAILURES/);
});

test('client keys: IPv4 as is, IPv4-mapped as IPv4, IPv6 per /64', () => {
  expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
  expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  expect(clientKey('::FFFF:cb00:7107')).toBe('203.0.113.7');
  const one64 = [
    '2001:db8:1:2::1',
    '2001:db8:1:2:ffff:ffff:ffff:fffe',
    '2001:0db8:0001:0002:0:0:0:9',
    '2001:db8:1:2::7%eth0',
  ];
  expect(new Set(one64.map(clientKey))).toEqual(new Set(['2001:db8:1:2::/64']));
  expect(clientKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
  expect(clientKey('::1')).toBe('0:0:0:0::/64');
  expect(clientKey('2001:db8::')).toBe('2001:db8:0:0::/64');
  expect(clientKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  expect(clientKey(undefined)).toBe('unknown');
});

test('one-time link paths, pages and API, and nothing else', () => {
  for (const p of [
    '/references/abc',
    '/references/abc/',
    '/api/v1/foster/references/abc',
    '/api/v1/referrals/withdraw/abc',
    '/referrals/withdraw/abc',
    '/referrals/confirm/abc',
    '/api/v1/referrals/confirm/abc',
  ])
    expect({ p, link: ONE_TIME_LINK_PATH.test(p) }).toEqual({ p, link: true });
  for (const p of [
    '/api/v1/referrals',
    '/api/v1/cases/abc',
    '/references',
    '/api/v1/referrals/withdraw/abc/extra',
    '/api/v1/foster/mentors/abc',
  ]) {
    expect({ p, link: ONE_TIME_LINK_PATH.test(p) }).toEqual({ p, link: false });
  }
});

test('metrics: open on loopback without a token; beyond it, only with the token', () => {
  for (const h of ['127.0.0.1', '127.0.1.1', '::1', '[::1]', 'localhost', 'LOCALHOST'])
    expect({ h, loopback: isLoopback(h) }).toEqual({ h, loopback: true });
  for (const h of ['0.0.0.0', '::', '10.0.0.5', 'api.internal', '128.0.0.1'])
    expect({ h, loopback: isLoopback(h) }).toEqual({ h, loopback: false });
  expect(guardMetrics(undefined, false)(undefined)).toBeUndefined();
  expect(guardMetrics(undefined, true)(undefined)).toMatchObject({
    status: 403,
    detail: expect.stringMatching(/METRICS_TOKEN/),
  });
  expect(guardMetrics(undefined, true)('Bearer anything')).toMatchObject({ status: 403 });
  const guard = guardMetrics('scrape-token-0123456789', true);
  expect(guard('Bearer scrape-token-0123456789')).toBeUndefined();
  for (const bad of [
    undefined,
    '',
    'Bearer scrape-token-012345678',
    'Bearer scrape-token-01234567890',
    'bearer scrape-token-0123456789',
  ]) {
    expect(guard(bad)).toMatchObject({ status: 401 });
  }
  // The compare is over equal-length digests (crypto.timingSafeEqual): no length leak, no throw.
  expect(readFileSync(path.join(__dirname, '../../platform/api/app.ts'), 'utf8')).toMatch(
    /timingSafeEqual\(digest\(authorization\), expected\)/,
  );
});

test('production has no development sign-in, whatever else is set', () => {
  expect(loadConfig(base).devSignIn).toBe(true);
  expect(loadConfig({ ...base, NODE_ENV: 'production', AUTH_ALLOW_HS256: 'true' }).devSignIn).toBe(false);
  const oidc = {
    AUTH_JWKS_URL: 'https://idp.example/jwks',
    AUTH_ISSUER: 'https://idp.example',
    AUTH_AUDIENCE: 'api',
    AUTH_ALGORITHMS: 'RS256',
    AUTH_OIDC_CLIENT_ID: 'web',
  };
  expect(loadConfig({ ...base, ...oidc }).devSignIn).toBe(false);
  expect(loadConfig({ ...base, ...oidc, NODE_ENV: 'production' }).devSignIn).toBe(false);
});

test('the CSP: no inline script anywhere, no framing, connections to the OIDC issuer only beside this origin', () => {
  const d = cspDirectives({ oidcIssuer: 'https://login.agency.example/realms/staff' });
  expect(d['script-src']).toEqual(["'self'"]);
  expect(d['script-src-attr']).toEqual(["'none'"]);
  expect(d['frame-ancestors']).toEqual(["'none'"]);
  expect(d['connect-src']).toEqual(["'self'", 'https://login.agency.example']);
  expect(
    Object.values(d)
      .flat()
      .filter((v) => /unsafe/.test(v)),
  ).toEqual([]);
  expect(d['style-src'].filter((v) => v.startsWith("'sha256-"))).toHaveLength(2);
});

test('the web build publishes no source maps', () => {
  const dist = path.join(__dirname, '../../web/dist');
  expect(existsSync(path.join(dist, 'index.html'))).toBe(true); // npm test builds it first
  expect(readdirSync(path.join(dist, 'assets')).some((f) => f.endsWith('.js'))).toBe(true);
  expect(publishedSourceMaps(dist)).toEqual([]);
  expect(readFileSync(path.join(__dirname, '../../web/vite.config.ts'), 'utf8')).toMatch(/sourcemap: false/);
});

test('dependencies stay past their published advisories (every copy in the lock file)', () => {
  // nodemailer GHSA-mm7p-fcc7-pg87 (fixed in 7.0.7); kysely GHSA-pv5w-4p9q-p3v2 (fixed in 0.28.17).
  const floors: Record<string, string> = { nodemailer: '7.0.7', kysely: '0.28.17' };
  const lock = JSON.parse(readFileSync(path.join(__dirname, '../../package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const parts = (v: string) => v.split(/[.-]/).slice(0, 3).map(Number);
  const atLeast = (v: string, floor: string) => {
    const [a, b] = [parts(v), parts(floor)];
    const i = a.findIndex((x, k) => x !== b[k]);
    return i === -1 || a[i] > b[i];
  };
  for (const [name, floor] of Object.entries(floors)) {
    const copies = Object.entries(lock.packages).filter(
      ([p]) => p === `node_modules/${name}` || p.endsWith(`/node_modules/${name}`),
    );
    expect(copies.map(([p]) => p)).toContain(`node_modules/${name}`);
    for (const [p, { version }] of copies) {
      // package.json's overrides lift the copies other packages pin (mailparser, smtp-server) too.
      const ok = atLeast(version!, floor);
      expect({ p, version, pastAdvisory: ok }).toEqual({ p, version, pastAdvisory: true });
    }
  }
});

test('a rate-limit decrement during a database restart does not throw (nothing awaits it: it would end the API)', async () => {
  const db = createDb('postgres://u:p@127.0.0.1:1/none', 1);
  try {
    await expect(new PostgresStore(db, 'link-miss:').decrement('198.51.100.7')).resolves.toBeUndefined();
  } finally {
    await db.destroy();
  }
});
