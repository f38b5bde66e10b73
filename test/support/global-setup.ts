/**
 * Real services for the integration suite: a Temporal dev server (search attributes
 * registered), a fresh PostgreSQL test database, an SMTP catcher, and the workflow
 * bundle built once. Their addresses reach the test files through the environment.
 */
import { buildWorkflowBundle } from '../../lib/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startDevServer } from '../../scripts/provision/dev-server';
import { freePort } from '../../scripts/provision/ports';
import { provideDatabase } from '../../scripts/provision/postgres';
import { resolveTestServer } from '../../scripts/provision/tools';
import { loginOf, startTemporalCluster } from '../../scripts/provision/temporal-server';
import { startSmtpCatcher } from '../../scripts/provision/smtp-catcher';

export const TEST_DIR = path.resolve(__dirname, '../../.data/test');

/**
 * A version that stopped being current is seen drained within seconds here, not after the
 * server's 3-minute grace and refresh (the upgrade drill waits for it before stopping a build).
 */
const TEST_DYNAMIC_CONFIG = {
  'matching.wv.VersionDrainageStatusVisibilityGracePeriod': '2s',
  'matching.wv.VersionDrainageStatusRefreshInterval': '1s',
};

export default async function globalSetup(): Promise<void> {
  mkdirSync(TEST_DIR, { recursive: true });
  // A fresh database each run: nothing left over from an earlier run can make a test pass.
  // TEST_DATABASE_URL (npm test sets it), else the embedded PostgreSQL (jest run directly).
  const database = await provideDatabase({
    url: process.env.TEST_DATABASE_URL,
    database: 'mentorflow_test',
    fresh: true,
  });
  await database.db.destroy();
  const base = database.url;

  // The dev server, or under `npm run test:cluster` the Temporal server with PostgreSQL
  // persistence and SQL visibility on the same PostgreSQL (its own databases), 4 shards.
  const dev =
    process.env.TEST_TOPOLOGY === 'cluster'
      ? await startTemporalCluster({
          dir: path.join(TEST_DIR, 'cluster'),
          pg: loginOf(base),
          shards: 4,
          fresh: true,
          databases: { store: 'temporal_test', visibility: 'temporal_visibility_test' },
          dynamicConfig: TEST_DYNAMIC_CONFIG,
        })
      : await startDevServer({
          port: Number(process.env.TEST_TEMPORAL_PORT ?? 0) || (await freePort()),
          dynamicConfig: TEST_DYNAMIC_CONFIG,
        });
  const catcher = await startSmtpCatcher({ smtpPort: 0, webPort: 0 });
  const bundlePath = path.join(TEST_DIR, 'workflow-bundle.js');
  writeFileSync(bundlePath, await buildWorkflowBundle());

  process.env.TEST_DATABASE_URL = base;
  process.env.TEST_TEMPORAL_ADDRESS = dev.address;
  process.env.TEST_SMTP_PORT = String(catcher.smtpPort);
  process.env.TEST_SMTP_WEB = `http://127.0.0.1:${catcher.webPort}`;
  process.env.TEST_WORKFLOW_BUNDLE = bundlePath;
  process.env.TEMPORAL_TEST_SERVER_PATH = resolveTestServer();
  (globalThis as Record<string, unknown>).__mentorflowServices = { dev, catcher, database };
}
