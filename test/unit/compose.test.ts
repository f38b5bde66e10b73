/**
 * compose.yaml cannot be run on this machine (no container runtime), so what can drift is
 * checked here: the same topology as `npm run cluster`, Temporal images at the server
 * version the CLI embeds, the product's search attributes registered, and only
 * environment variables the product actually reads.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES } from '../../lib/config';
import { SEARCH_ATTRIBUTES, TEMPORAL_SERVER_VERSION } from '../../temporal.config';

type Service = { image?: string; build?: string; command?: string[]; environment?: Record<string, string>; ports?: string[]; entrypoint?: string[] };
const compose = parse(readFileSync(path.join(__dirname, '../../compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = Object.entries(compose.services);
const running = (script: string) => services.filter(([, s]) => s.command?.join(' ') === `npm run ${script}`);

test('two workers and two APIs of the product, the APIs on different host ports', () => {
  expect(running('worker')).toHaveLength(2);
  const apis = running('api');
  expect(apis).toHaveLength(2);
  const hostPorts = apis.map(([, s]) => s.ports![0].split(':')[0]);
  expect(new Set(hostPorts).size).toBe(2);
});

test('the Temporal images are the server version the pinned CLI embeds, on PostgreSQL with 4 history shards', () => {
  const version = TEMPORAL_SERVER_VERSION.replace(/^v/, '');
  expect(compose.services.temporal.image).toBe(`temporalio/server:${version}`);
  expect(compose.services['temporal-schema'].image).toMatch(new RegExp(`^temporalio/admin-tools:${version.replace(/\./g, '\\.')}-`));
  expect(compose.services.temporal.environment).toMatchObject({ DB: 'postgres12', NUM_HISTORY_SHARDS: '4' });
});

test('the setup job registers exactly the product\'s search attributes', () => {
  const script = (compose.services['temporal-setup'].command ?? []).join('\n');
  const listed = /for sa in ([^;]+);/.exec(script)![1].trim().split(/\s+/);
  expect(listed.sort()).toEqual(Object.keys(SEARCH_ATTRIBUTES).sort());
  expect(Object.values(SEARCH_ATTRIBUTES).every((t) => t === 'Keyword')).toBe(true);
});

test('the product\'s services set only variables the product reads', () => {
  const product = services.filter(([, s]) => s.build);
  expect(product.length).toBeGreaterThanOrEqual(5);
  for (const [name, s] of product) {
    const unknown = Object.keys(s.environment ?? {}).filter((k) => !CONFIG_VARIABLES.includes(k));
    expect({ name, unknown }).toEqual({ name, unknown: [] });
  }
});
