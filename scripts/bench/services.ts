/**
 * What `npm run bench` measures on: the product as an agency runs it, on this machine —
 * an embedded PostgreSQL, the Temporal dev server (in memory), the SMTP catcher, one
 * worker process and one API process, started fresh for the run. The bench process holds
 * a Temporal client of its own for the floors: the same workflows started and updated
 * directly, on the same server and the same worker.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { Db } from '../../db';
import { DATA_DIR } from '../../lib/config';
import { buildWorkflowBundle } from '../../lib/worker';
import { encryptingDataConverter, formatPayloadKeys, generatePayloadKeys } from '../../lib/payload-codec';
import { TASK_QUEUE } from '../../temporal.config';
import { startDevServer } from '../provision/dev-server';
import { startEmbeddedPostgres } from '../provision/embedded-postgres';
import { freePort } from '../provision/ports';
import { prepareDatabase } from '../provision/postgres';
import { ProductProcess } from '../provision/processes';
import { waitForCatcher } from '../provision/smtp-catcher';

export interface BenchServices {
  db: Db;
  databaseUrl: string;
  client: Client;
  apiUrl: string;
  secret: string;
  taskQueue: string;
  worker: ProductProcess;
  /** The worker's SDK metrics (Prometheus text): the sticky cache size among them. */
  workerMetricsUrl: string;
  dir: string;
  stop(): Promise<void>;
}

export async function startBenchServices(log: (m: string) => void): Promise<BenchServices> {
  const dir = path.join(DATA_DIR, 'bench');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const stops: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort() });
    stops.push(() => pg.stop());
    const databaseUrl = pg.url('mentorflow');
    const db = await prepareDatabase(databaseUrl);
    stops.push(() => db.destroy());
    const dev = await startDevServer({ port: await freePort() });
    stops.push(() => dev.stop());
    const [smtpPort, smtpWebPort, apiPort, metricsPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const catcher = new ProductProcess(
      'smtp',
      'smtp-catcher.ts',
      { SMTP_PORT: String(smtpPort), SMTP_WEB_PORT: String(smtpWebPort) },
      path.join(dir, 'smtp.log'),
    );
    catcher.start();
    stops.push(() => catcher.stop());
    const bundlePath = path.join(dir, 'workflow-bundle.js');
    writeFileSync(bundlePath, await buildWorkflowBundle());
    await waitForCatcher(smtpWebPort);
    const secret = randomBytes(32).toString('hex');
    // The run's payload key: the processes and this client encrypt with it, as a deployment does.
    const payloadKeys = generatePayloadKeys('bench');
    const env = {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: dev.address,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      AUTH_JWT_SECRET: secret,
      WORKFLOW_BUNDLE_PATH: bundlePath,
      PUBLIC_BASE_URL: `http://127.0.0.1:${apiPort}`,
      RATE_LIMIT_PUBLIC_PER_MINUTE: '1000000',
      RATE_LIMIT_LINK_FAILURES: '1000000',
      RATE_LIMIT_FORMS_PER_HOUR: '1000000',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      PAYLOAD_KEYS: formatPayloadKeys(payloadKeys),
    };
    const worker = new ProductProcess(
      'worker',
      'worker.ts',
      { ...env, WORKER_METRICS_PORT: String(metricsPort), NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS ?? '' },
      path.join(dir, 'worker.log'),
    );
    worker.start();
    stops.push(() => worker.stop());
    const api = new ProductProcess('api', 'api.ts', { ...env, PORT: String(apiPort) }, path.join(dir, 'api.log'));
    api.start();
    stops.push(() => api.stop());
    const connection = await Connection.connect({ address: dev.address });
    stops.push(() => connection.close());
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    for (let i = 0; ; i++) {
      if (
        await fetch(`${apiUrl}/ready`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 240 || api.crashes.length + worker.crashes.length > 2)
        throw new Error(`the API did not become ready; see ${dir}/api.log and worker.log`);
      await new Promise((r) => setTimeout(r, 500));
    }
    log(`services up: PostgreSQL, Temporal dev server, worker (pid ${worker.pid}), API ${apiUrl}`);
    const client = new Client({ connection, dataConverter: encryptingDataConverter(payloadKeys) });
    return {
      db,
      databaseUrl,
      client,
      apiUrl,
      secret,
      taskQueue: TASK_QUEUE,
      worker,
      workerMetricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
      dir,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Resident memory of a process in megabytes (Linux: /proc/<pid>/status). */
export async function residentMb(pid: number | undefined): Promise<number> {
  if (!pid) return NaN;
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** CPU seconds a process has used so far (Linux: utime + stime of /proc/<pid>/stat). */
async function cpuSeconds(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Waits (up to `maxMs`) until the worker uses under 5% of a core: the work of earlier figures is done. */
export async function untilQuiet(pid: number | undefined, maxMs = 60_000): Promise<void> {
  if (!pid) return;
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    const a = await cpuSeconds(pid);
    await new Promise((r) => setTimeout(r, 1000));
    if ((await cpuSeconds(pid)) - a < 0.05) return;
  }
}
