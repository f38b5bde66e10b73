/**
 * `npm run fuzz`: property-based fuzzing of the whole API from its own /openapi.json with
 * schemathesis, against the real product (Temporal dev server, PostgreSQL, SMTP catcher,
 * worker and API in this process). Every response is counted at the server: the run
 * fails on any 5xx, and on any 4xx that is not application/problem+json. Runs
 * schemathesis rounds (new seed each) until the target number of requests is reached.
 *   npm run fuzz                   at least 10,000 requests
 *   npm run fuzz -- --quick        a bounded smoke (CI): at least 600 requests
 * Ends with the line `fuzz: N requests, N 5xx, N 4xx not problem+json`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { encryptingDataConverter, generatePayloadKeys } from '../lib/payload-codec';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../platform/api/app';
import { mintToken } from '../platform/api/auth';
import { ROLES } from '../platform/api/auth';
import { DATA_DIR } from '../lib/config';
import { buildPolicy } from '../lib/policy';
import { createWorker, smtpMailer } from '../lib/worker';
import { startDevServer } from './provision/dev-server';
import { provideDatabase } from './provision/postgres';
import { startSmtpCatcher } from './provision/smtp-catcher';
import { resolveSchemathesis } from './provision/tools';

const quick = process.argv.includes('--quick');
const TARGET = quick ? 600 : 10_000;
const MAX_ROUNDS = quick ? 3 : 40;

/** Runs a command without blocking this process (the API under test answers from it). */
function run(cmd: string, args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (status) => resolve({ status, output }));
  });
}

async function main(): Promise<number> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = path.join(DATA_DIR, 'fuzz');
  mkdirSync(dir, { recursive: true });
  const schemathesis = resolveSchemathesis();
  // FUZZ_DATABASE_URL, or a fresh database on the embedded PostgreSQL.
  const database = await provideDatabase({
    url: process.env.FUZZ_DATABASE_URL,
    database: 'mentorflow_fuzz',
    fresh: true,
  });
  const db = database.db;
  const dev = await startDevServer({ port: 7298 });
  const catcher = await startSmtpCatcher({ smtpPort: 0, webPort: 0 });
  const policy = buildPolicy({}, 'http://127.0.0.1:3998');
  const taskQueue = 'fuzz';
  const nativeConnection = await NativeConnection.connect({ address: dev.address });
  // A key of this run: what the fuzzed cases carry reaches the dev server encrypted, as in production.
  const payloadKeys = generatePayloadKeys('fuzz');
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: 'default',
    payloadKeys,
    db,
    taskQueue,
    mailer: smtpMailer(`smtp://127.0.0.1:${catcher.smtpPort}`, 'fuzz <fuzz@local>'),
    deployment: { name: 'mentorflow-fuzz', setCurrent: 'always' },
  });
  const running = worker.run();
  running.catch(() => undefined); // awaited at the end
  await worker.settled(); // the worker's version is current before the first case starts
  const connection = await Connection.connect({ address: dev.address });
  const client = new Client({ connection, namespace: 'default', dataConverter: encryptingDataConverter(payloadKeys) });
  const secret = 'fuzz-secret-fuzz-secret-fuzz-secret-0123';
  const app = createApp({
    db,
    temporal: client,
    policy,
    auth: { hsSecret: secret },
    taskQueue,
    rateLimit: { publicPerMinute: 1_000_000, linkFailures: 1_000_000, formsPerHour: 1_000_000 },
    log: () => undefined,
  });

  // Counted at the server: what a client would see.
  const tally = {
    requests: 0,
    byStatus: new Map<number, number>(),
    serverErrors: [] as string[],
    notProblem: [] as string[],
  };
  const outer = express();
  outer.use((req, res, next) => {
    res.on('finish', () => {
      tally.requests++;
      tally.byStatus.set(res.statusCode, (tally.byStatus.get(res.statusCode) ?? 0) + 1);
      const where = `${req.method} ${req.originalUrl.slice(0, 120)}`;
      if (res.statusCode >= 500) tally.serverErrors.push(`${res.statusCode} ${where}`);
      else if (
        res.statusCode >= 400 &&
        !String(res.getHeader('content-type') ?? '').startsWith('application/problem+json')
      )
        tally.notProblem.push(`${res.statusCode} ${where}`);
    });
    next();
  });
  outer.use(app);
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = outer.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // One person holding every role, in a department and a program, so requests get past
  // the role guards and into validation and the workflows.
  const token = await mintToken(
    secret,
    {
      sub: 'fuzzer',
      name: 'Fuzz Tester',
      email: 'fuzz@example.gov',
      roles: [...ROLES],
      department: 'CDT',
      programId: 'fuzz-program',
    },
    '12h',
  );
  const started = Date.now();
  let round = 0;
  let status = 0;
  while (tally.requests < TARGET && round < MAX_ROUNDS) {
    round++;
    const r = await run(schemathesis, [
      'run',
      `${base}/openapi.json`,
      '--url',
      base,
      '--checks',
      'not_a_server_error',
      '--phases',
      round === 1 ? 'examples,coverage,fuzzing' : 'fuzzing',
      '--max-examples',
      quick ? '15' : '60',
      '--seed',
      String(1000 + round),
      '--workers',
      '2',
      '--generation-allow-x00',
      'true',
      '--request-timeout',
      '20',
      '--suppress-health-check',
      'all',
      '--no-color',
      '-H',
      `Authorization: Bearer ${token}`,
    ]);
    writeFileSync(path.join(dir, `round-${round}.txt`), r.output);
    const tail = r.output.trim().split('\n').filter(Boolean).slice(-2).join(' | ');
    console.log(`round ${round}: ${tally.requests} requests so far (schemathesis exit ${r.status}) ${tail}`);
    if (r.status !== 0 && r.status !== 1) status = 1;
  }
  const seconds = Math.round((Date.now() - started) / 1000);

  console.log('\n| status | responses |\n| --- | --- |');
  for (const [s, n] of [...tally.byStatus].sort((a, b) => a[0] - b[0])) console.log(`| ${s} | ${n} |`);
  console.log(`\n${tally.requests} requests in ${seconds} s over ${round} rounds`);
  for (const e of [...tally.serverErrors, ...tally.notProblem].slice(0, 20)) console.log(`  bad: ${e}`);

  server.close();
  worker.shutdown();
  await running;
  await connection.close();
  await nativeConnection.close();
  await database.stop();
  await catcher.close();
  await dev.stop();
  console.log(
    `fuzz: ${tally.requests} requests, ${tally.serverErrors.length} 5xx, ${tally.notProblem.length} 4xx not problem+json`,
  );
  if (tally.serverErrors.length || tally.notProblem.length || tally.requests < TARGET) return 1;
  return status;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
