/**
 * What `npm run bench` measures on: the product as an agency runs it, on this machine —
 * an embedded PostgreSQL, the Temporal dev server (in memory), the SMTP catcher, one
 * worker process and one API process, started fresh for the run. With `cluster`, the
 * production-like topology of `npm run cluster` instead: the Temporal server built with Go
 * on the same PostgreSQL (scripts/provision/temporal-server.ts), two workers and two API
 * processes, the bench's requests spread over both APIs. The bench process holds a
 * Temporal client of its own for the floors: the same workflows started and updated
 * directly, on the same server and the same workers.
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
import { loginOf, startTemporalCluster } from '../provision/temporal-server';
import { freePort } from '../provision/ports';
import { prepareDatabase } from '../provision/postgres';
import { ProductProcess } from '../provision/processes';
import { waitForCatcher } from '../provision/smtp-catcher';

export interface BenchServices {
  db: Db;
  databaseUrl: string;
  client: Client;
  /** The first API (for the bench's own setup). */
  apiUrl: string;
  /** Every API's URL; `api()` answers them in turn, so requests are spread over all of them. */
  apiUrls: string[];
  api(): string;
  secret: string;
  taskQueue: string;
  /** The first worker; `workers` all of them (two in the cluster). */
  worker: ProductProcess;
  workers: ProductProcess[];
  /** The first worker's SDK metrics (Prometheus text): the sticky cache size among them. */
  workerMetricsUrl: string;
  /** What ran: 'Temporal dev server, 1 worker, 1 API', or the cluster's server, workers and APIs. */
  topology: string;
  dir: string;
  stop(): Promise<void>;
}

export async function startBenchServices(
  log: (m: string) => void,
  opts: { cluster?: boolean } = {},
): Promise<BenchServices> {
  const size = opts.cluster ? 2 : 1;
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
    const temporal = opts.cluster
      ? await startTemporalCluster({ dir: path.join(dir, 'temporal'), pg: loginOf(pg.url('postgres')), shards: 4 })
      : await startDevServer({
          port: await freePort(),
          // An experiment's server settings (JSON of dynamic config), e.g. one task-queue partition.
          ...(process.env.BENCH_DEV_SERVER_CONFIG
            ? { dynamicConfig: JSON.parse(process.env.BENCH_DEV_SERVER_CONFIG) as Record<string, unknown> }
            : {}),
        });
    stops.push(() => temporal.stop());
    const [smtpPort, smtpWebPort] = [await freePort(), await freePort()];
    const apiPorts: number[] = [];
    const metricsPorts: number[] = [];
    for (let i = 0; i < size; i++) {
      apiPorts.push(await freePort());
      metricsPorts.push(await freePort());
    }
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
      TEMPORAL_ADDRESS: temporal.address,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      AUTH_JWT_SECRET: secret,
      WORKFLOW_BUNDLE_PATH: bundlePath,
      PUBLIC_BASE_URL: `http://127.0.0.1:${apiPorts[0]}`,
      RATE_LIMIT_PUBLIC_PER_MINUTE: '1000000',
      RATE_LIMIT_LINK_FAILURES: '1000000',
      RATE_LIMIT_FORMS_PER_HOUR: '1000000',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      PAYLOAD_KEYS: formatPayloadKeys(payloadKeys),
    };
    const nodeOptions = process.env.BENCH_WORKER_NODE_OPTIONS ?? '';
    const workers = metricsPorts.map(
      (port, i) =>
        new ProductProcess(
          `worker${size > 1 ? ` ${i + 1}` : ''}`,
          'worker.ts',
          { ...env, WORKER_METRICS_PORT: String(port), NODE_OPTIONS: nodeOptions },
          path.join(dir, `worker${size > 1 ? `-${i + 1}` : ''}.log`),
        ),
    );
    const apis = apiPorts.map(
      (port, i) =>
        new ProductProcess(
          `api${size > 1 ? ` ${i + 1}` : ''}`,
          'api.ts',
          { ...env, PORT: String(port) },
          path.join(dir, `api${size > 1 ? `-${i + 1}` : ''}.log`),
        ),
    );
    for (const p of [...workers, ...apis]) {
      p.start();
      stops.push(() => p.stop());
    }
    const connection = await Connection.connect({ address: temporal.address });
    stops.push(() => connection.close());
    const apiUrls = apiPorts.map((p) => `http://127.0.0.1:${p}`);
    for (let i = 0; ; i++) {
      const ready = await Promise.all(
        apiUrls.map((u) =>
          fetch(`${u}/ready`).then(
            (r) => r.ok,
            () => false,
          ),
        ),
      );
      if (ready.every(Boolean)) break;
      const crashes = [...workers, ...apis].reduce((n, p) => n + p.crashes.length, 0);
      if (i > 240 || crashes > 2) throw new Error(`the APIs did not become ready; see the logs in ${dir}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const topology = opts.cluster
      ? 'Temporal server (Go, PostgreSQL persistence, 4 shards), 2 workers, 2 APIs'
      : 'Temporal dev server, 1 worker, 1 API';
    log(
      `services up: PostgreSQL, ${topology} (worker pids ${workers.map((w) => w.pid).join(', ')}) at ${apiUrls.join(' ')}`,
    );
    let turn = 0;
    const client = new Client({ connection, dataConverter: encryptingDataConverter(payloadKeys) });
    return {
      db,
      databaseUrl,
      client,
      apiUrl: apiUrls[0],
      apiUrls,
      api: () => apiUrls[turn++ % apiUrls.length],
      secret,
      taskQueue: TASK_QUEUE,
      worker: workers[0],
      workers,
      workerMetricsUrl: `http://127.0.0.1:${metricsPorts[0]}/metrics`,
      topology,
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

/** Waits (up to `maxMs`) until each worker uses under 5% of a core: the work of earlier figures is done. */
export async function untilQuiet(workers: ProductProcess[], maxMs = 60_000): Promise<void> {
  const pids = workers.map((w) => w.pid).filter((p): p is number => !!p);
  const used = async () => Promise.all(pids.map((p) => cpuSeconds(p).catch(() => 0)));
  const until = Date.now() + maxMs;
  while (pids.length && Date.now() < until) {
    const a = await used();
    await new Promise((r) => setTimeout(r, 1000));
    const b = await used();
    if (b.every((x, i) => x - a[i] < 0.05)) return;
  }
}
