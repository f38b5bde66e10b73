/** The configuration page's table names every variable the product reads (a new one cannot go undocumented). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES, loadConfig } from '../../lib/config';

test('every configuration variable is in the configuration page', () => {
  const readme = readFileSync(path.join(__dirname, '../../docs/configuration.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('### Policy'));
  expect(CONFIG_VARIABLES.filter((v) => !table.includes(`\`${v}\``))).toEqual([]);
});

test('a bad observability setting stops the process with its name', () => {
  expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  expect(() => loadConfig({ TEMPORAL_UI_URL: 'not a url' })).toThrow(/TEMPORAL_UI_URL/);
  expect(loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_UI_URL: 'https://ui.example/' }).temporal.uiUrl).toBe(
    'https://ui.example',
  );
  expect(loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233' }).temporal.uiUrl).toBeUndefined();
  expect(loadConfig({ TEMPORAL_UI_PORT: '9233' }).temporal.uiUrl).toBe('http://127.0.0.1:9233');
});

test('the worker deployment: a name without the separators of a version, and who makes a new version current', () => {
  expect(loadConfig({}).deployment).toEqual({ name: 'mentorflow', setCurrent: 'always' });
  const production = {
    NODE_ENV: 'production',
    AUTH_ALLOW_HS256: 'true',
    AUTH_JWT_SECRET: 's'.repeat(32),
    PAYLOAD_KEYS: `k:${Buffer.alloc(32).toString('base64')}`,
  };
  expect(loadConfig(production).deployment).toEqual({ name: 'mentorflow', setCurrent: 'first' });
  expect(loadConfig({ TEMPORAL_DEPLOYMENT_NAME: 'agency-a', WORKER_SET_CURRENT: 'never' }).deployment).toEqual({
    name: 'agency-a',
    setCurrent: 'never',
  });
  expect(() => loadConfig({ TEMPORAL_DEPLOYMENT_NAME: 'mentorflow.v2' })).toThrow(/TEMPORAL_DEPLOYMENT_NAME/);
  expect(() => loadConfig({ WORKER_SET_CURRENT: 'sometimes' })).toThrow(/WORKER_SET_CURRENT/);
});
