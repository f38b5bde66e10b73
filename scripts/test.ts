/**
 * `npm test`: the whole suite against real services. Provisions what is missing the way
 * `npm start` does (Temporal CLI, the time-skipping test server, the local PostgreSQL
 * cluster), runs jest, and ends with one plain line `N passed, N failed`.
 * Extra arguments go to jest (e.g. `npm test -- test/unit`).
 * `npm run test:cluster` (`--cluster`) runs the integration suite on the production-like
 * topology instead: the Temporal server with PostgreSQL persistence, SQL visibility and 4
 * history shards, and two workers and two API instances behind every test's stack;
 * `--cluster --smoke` runs CI's bounded part of it (CLUSTER_SMOKE).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../lib/config';
import { provideDatabase } from './provision/postgres';
import { resolveTemporalServer } from './provision/temporal-server';
import { resolveChromium, resolveTemporalCli, resolveTestServer } from './provision/tools';
import { buildWeb, webBuildStale } from './web-build';

/**
 * CI's bounded run of the cluster topology (`--cluster --smoke`): the suites whose outcome
 * depends on two workers and two APIs sharing a Temporal server on PostgreSQL — a case's
 * requests landing on either API, writes and e-mail across workers, incidents and SMTP
 * outages, continue-as-new and upgrades between worker versions. The whole suite on the
 * cluster is `npm run test:cluster`.
 */
const CLUSTER_SMOKE = [
  'test/integration/failures.test.ts',
  'test/integration/continue-as-new.test.ts',
  'test/integration/upgrade-drills.test.ts',
  'test/integration/reminders-and-email.test.ts',
  'processes/mentoring-leave/test/integration/mentoring-leave.test.ts',
  'processes/foster/test/integration/foster.test.ts',
];

async function main(): Promise<number> {
  const dir = path.join(DATA_DIR, 'test');
  mkdirSync(dir, { recursive: true });
  process.env.TEMPORAL_CLI_PATH = resolveTemporalCli();
  process.env.TEMPORAL_TEST_SERVER_PATH = resolveTestServer();
  process.env.CHROMIUM_PATH = resolveChromium();
  // The web app the browser tests drive, built when its sources changed.
  if (webBuildStale()) buildWeb();
  const args = process.argv.slice(2);
  if (args.includes('--cluster')) {
    args.splice(args.indexOf('--cluster'), 1);
    process.env.TEST_TOPOLOGY = 'cluster';
    resolveTemporalServer(); // built before jest starts, where its output can be seen
    if (args.includes('--smoke')) args.splice(args.indexOf('--smoke'), 1, ...CLUSTER_SMOKE);
    if (!args.some((a) => !a.startsWith('-'))) args.push('--selectProjects', 'integration');
  }
  // TEST_DATABASE_URL, or a database on the embedded PostgreSQL (running while jest runs).
  const database = await provideDatabase({ url: process.env.TEST_DATABASE_URL, database: 'mentorflow_test' });
  process.env.TEST_DATABASE_URL = database.url;
  await database.db.destroy();

  const results = path.join(dir, 'results.json');
  rmSync(results, { force: true });
  const jest = require.resolve('jest/bin/jest');
  const run = spawnSync(process.execPath, [jest, '--runInBand', '--json', `--outputFile=${results}`, ...args], {
    stdio: 'inherit',
    env: process.env,
  });
  let line = '0 passed, 1 failed';
  if (existsSync(results)) {
    const r = JSON.parse(readFileSync(results, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numRuntimeErrorTestSuites: number;
    };
    const failed = r.numFailedTests + r.numRuntimeErrorTestSuites;
    line = `${r.numPassedTests} passed, ${failed} failed${r.numPendingTests ? `, ${r.numPendingTests} skipped` : ''}`;
  }
  await database.server?.stop();
  writeFileSync(
    path.join(dir, process.env.TEST_TOPOLOGY === 'cluster' ? 'summary-cluster.txt' : 'summary.txt'),
    `${line}\n`,
  );
  console.log(line);
  return run.status ?? 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
