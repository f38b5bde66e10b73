/**
 * `npm run cluster`: the production-like topology on one machine (docs/deploying.md, "Beyond one
 * machine"). One embedded PostgreSQL instance holds the Temporal server's databases and,
 * in a database of its own, the read model; the Temporal server (built with Go, PostgreSQL
 * persistence, SQL visibility, 4 history shards); an SMTP catcher; two worker processes
 * and two API processes on different ports. Each is its own process, configured by the
 * environment variables an operator would set.
 *   npm run cluster                                 runs until Ctrl-C (data kept in .data/cluster)
 *   npm run cluster -- --smoke [--stories 20]       drives whole leave stories through both
 *        [--concurrency 1] [--temporal dev]          APIs, prints their latency, stops
 *        [--trace]                                   ... with tracing on, into a local OTLP receiver
 * `--temporal dev` swaps the cluster for the single-process dev server (same everything
 * else), for the latency comparison in docs/deploying.md. The smoke ends with one line:
 * `cluster: N leave stories, N failed, p50 X s, p95 X s`. The smoke also scrapes each
 * worker's SDK metrics and an API's /metrics, and with `--trace` checks that a story's
 * trace holds spans of both an API and a worker process.
 */
import { buildWorkflowBundle } from '../lib/worker';
import { Connection } from '@temporalio/client';
import { buildIdOf, describeDeployment } from '../lib/deployment';
import { formatPayloadKeys, generatePayloadKeys } from '../lib/payload-codec';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DATA_DIR, loadConfig } from '../lib/config';
import { Api, stats } from './chaos/client';
import { leaveStory, program } from './chaos/stories';
import { startDevServer } from './provision/dev-server';
import { startEmbeddedPostgres } from './provision/embedded-postgres';
import { freePort } from './provision/ports';
import { prepareDatabase } from './provision/postgres';
import { ProductProcess } from './provision/processes';
import { waitForCatcher } from './provision/smtp-catcher';
import { loginOf, startTemporalCluster } from './provision/temporal-server';
import { startOtlpReceiver } from './provision/otlp-receiver';
import { startTracing } from '../lib/tracing';

const flag = (name: string) => process.argv.includes(`--${name}`);
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;

async function main(): Promise<number> {
  const smoke = flag('smoke');
  const engine = arg('temporal', 'cluster') === 'dev' ? 'dev' : 'cluster';
  const config = loadConfig();
  const dir = path.join(DATA_DIR, smoke ? `cluster-smoke-${engine}` : 'cluster');
  if (smoke) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const cleanups: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const c of cleanups.reverse()) await c().catch((e: Error) => console.error(e.message));
    cleanups.length = 0;
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stopAll().then(() => process.exit(0)));

  try {
    const pg = await startEmbeddedPostgres({
      dir: path.join(dir, 'pg'),
      port: config.embedded.postgresPort || (await freePort()),
    });
    cleanups.push(() => pg.stop());
    const databaseUrl = pg.url('mentorflow');
    const db = await prepareDatabase(databaseUrl);
    await db.destroy();
    console.log(`PostgreSQL on 127.0.0.1:${pg.port}`);

    const temporal =
      engine === 'dev'
        ? await startDevServer({ port: await freePort(), dbFile: path.join(dir, 'temporal.db') })
        : await startTemporalCluster({
            dir: path.join(dir, 'temporal'),
            pg: loginOf(pg.url('postgres')),
            shards: 4,
            frontendPort: process.env.TEMPORAL_PORT ? config.embedded.temporalPort : undefined,
          });
    cleanups.push(() => temporal.stop());
    console.log(
      `Temporal ${engine === 'dev' ? 'dev server' : 'server (PostgreSQL persistence, SQL visibility, 4 history shards)'} on ${temporal.address}`,
    );

    const smtpPort = await freePort();
    const smtpWebPort = await freePort();
    const catcher = new ProductProcess(
      'smtp',
      'smtp-catcher.ts',
      { SMTP_PORT: String(smtpPort), SMTP_WEB_PORT: String(smtpWebPort) },
      path.join(dir, 'smtp.log'),
    );
    catcher.start();
    cleanups.push(() => catcher.stop());

    const otlp = smoke && flag('trace') ? await startOtlpReceiver() : undefined;
    if (otlp) {
      cleanups.push(() => otlp.close());
      process.env.OTEL_EXPORTER_OTLP_ENDPOINT = otlp.url; // the processes below inherit it
      startTracing('mentorflow-cluster'); // so the bundle carries the workflow interceptors
    }
    // Both workers start from one prebuilt bundle (what a deployment ships), not two webpack builds.
    const bundlePath = path.join(dir, 'workflow-bundle.js');
    const bundle = await buildWorkflowBundle();
    writeFileSync(bundlePath, bundle);

    const apiPorts = smoke || !process.env.PORT ? [await freePort(), await freePort()] : [config.port, config.port + 1];
    const secret = smoke ? randomBytes(32).toString('hex') : config.auth.hsSecret!;
    const env = {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporal.address,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      AUTH_JWT_SECRET: secret,
      WORKFLOW_BUNDLE_PATH: bundlePath,
      PUBLIC_BASE_URL: `http://127.0.0.1:${apiPorts[0]}`,
      // Every process encrypts and decrypts with the same keys (the configured ones, or the development key).
      PAYLOAD_KEYS: formatPayloadKeys(smoke ? generatePayloadKeys('smoke') : config.temporal.payloadKeys),
      ...(smoke
        ? {
            RATE_LIMIT_PUBLIC_PER_MINUTE: '1000000',
            RATE_LIMIT_LINK_FAILURES: '1000000',
            RATE_LIMIT_FORMS_PER_HOUR: '1000000',
          }
        : {}),
    };
    const workerMetricsPorts = [await freePort(), await freePort()];
    const processes = [
      ...workerMetricsPorts.map(
        (port, i) =>
          new ProductProcess(
            `worker ${i + 1}`,
            'worker.ts',
            { ...env, WORKER_METRICS_PORT: String(port) },
            path.join(dir, `worker-${i + 1}.log`),
          ),
      ),
      ...apiPorts.map(
        (port, i) =>
          new ProductProcess(
            `api ${i + 1}`,
            'api.ts',
            { ...env, PORT: String(port) },
            path.join(dir, `api-${i + 1}.log`),
          ),
      ),
    ];
    for (const p of processes) {
      p.start();
      cleanups.push(() => p.stop());
    }
    await waitForCatcher(smtpWebPort);
    const api = new Api(
      apiPorts.map((p) => `http://127.0.0.1:${p}`),
      secret,
    );
    await api.ready();
    console.log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    if (!smoke) {
      const metricsUrls = workerMetricsPorts.map((p) => `http://127.0.0.1:${p}/metrics`).join('  ');
      console.log(`
mentorflow cluster is running
  APIs           ${apiPorts.map((p) => `http://127.0.0.1:${p}/api/v1`).join('  ')}
  Temporal       ${temporal.address}${'metricsUrl' in temporal ? `   (server metrics ${temporal.metricsUrl})` : ''}
  workers        2, deployment ${config.deployment.name} build ${buildIdOf(bundle)}
                 (logs in ${dir}; SDK metrics ${metricsUrls})
  e-mail inbox   http://127.0.0.1:${smtpWebPort}
  database       ${databaseUrl.replace(/:[^:@/]*@/, ':***@')}
Ctrl-C stops everything.`);
      await new Promise(() => undefined);
    }

    // ---- smoke: whole leave stories, requests alternating between the two APIs ---------
    const stories = Number(arg('stories', '20'));
    const concurrency = Number(arg('concurrency', '1'));
    const programId = await program(api, true);
    const seconds: number[] = [];
    const failures: string[] = [];
    let next = 0;
    const driveStarted = Date.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let n = next++; n < stories; n = next++) {
          const t = Date.now();
          try {
            await leaveStory(api, n, programId);
            seconds.push((Date.now() - t) / 1000);
          } catch (err) {
            failures.push((err as Error).message);
          }
        }
      }),
    );
    const driveSeconds = (Date.now() - driveStarted) / 1000;
    const crashes = processes.flatMap((p) => p.crashes);
    // What an operator's Prometheus would scrape, and (with --trace) what the collector got.
    const sdkSeries = await Promise.all(
      workerMetricsPorts.map((p) =>
        fetch(`http://127.0.0.1:${p}/metrics`)
          .then(
            (r) => r.text(),
            () => '',
          )
          .then((t) => t.split('\n').filter((l) => l.startsWith('temporal_')).length),
      ),
    );
    const apiMetrics = await fetch(`http://127.0.0.1:${apiPorts[1]}/metrics`).then(
      (r) => r.text(),
      () => '',
    );
    const metricsOk =
      sdkSeries.every((n) => n > 0) &&
      /^mentorflow_http_request_duration_seconds_count\{/m.test(apiMetrics) &&
      /^mentorflow_outbox_backlog /m.test(apiMetrics);
    const traced = otlp ? await otlp.tracesAcross(['mentorflow-api', 'mentorflow-worker'], 15_000) : undefined;
    // The workers' version (the bundle's hash) is the deployment's current one: they made it so.
    const connection = await Connection.connect({ address: temporal.address });
    const deployment = await describeDeployment(
      connection.workflowService,
      config.temporal.namespace,
      config.deployment.name,
    );
    await connection.close();
    const versionOk = deployment?.current === buildIdOf(bundle);
    console.log('\n| measure | value |\n| --- | --- |');
    for (const [k, v] of [
      [
        'Temporal',
        engine === 'dev'
          ? 'dev server (one process, SQLite)'
          : 'server, PostgreSQL persistence + SQL visibility, 4 shards',
      ],
      ['workers / API processes', '2 / 2 (requests alternate between the APIs)'],
      [
        "worker deployment: current version is the bundle's build",
        `${config.deployment.name}:${deployment?.current} ${versionOk ? '(yes)' : `(NO: ${buildIdOf(bundle)})`}`,
      ],
      [
        'leave stories (enroll, HR approval, personal time verified, request, supervisor + HR approval)',
        `${seconds.length} done, ${failures.length} failed, concurrency ${concurrency}`,
      ],
      [
        'story latency p50 / p95 / max',
        `${quantile(seconds, 0.5).toFixed(2)} s / ${quantile(seconds, 0.95).toFixed(2)} s / ${Math.max(...seconds).toFixed(2)} s`,
      ],
      ['stories per minute', (seconds.length / (driveSeconds / 60)).toFixed(1)],
      ['HTTP requests (answered 202)', `${stats.requests} (${stats.accepted202})`],
      ['processes that crashed', crashes.length],
      ['SDK metric series per worker (temporal_*)', sdkSeries.join(' / ')],
      ['API /metrics has request and outbox series', metricsOk ? 'yes' : 'NO'],
      ...(otlp
        ? [['traces spanning an API and a worker process (spans received)', `${traced} (${otlp.spans()})`]]
        : []),
      ['total time', `${((Date.now() - started) / 1000).toFixed(0)} s`],
    ])
      console.log(`| ${k} | ${v} |`);
    for (const x of [...crashes, ...failures].slice(0, 10)) console.log(`  ! ${x}`);
    console.log(
      `\ncluster: ${stories} leave stories, ${stories - seconds.length} failed, p50 ${quantile(seconds, 0.5).toFixed(2)} s, p95 ${quantile(seconds, 0.95).toFixed(2)} s (${engine})`,
    );
    const ok = seconds.length === stories && crashes.length === 0 && metricsOk && versionOk;
    return ok && (!otlp || (traced ?? 0) > 0) ? 0 : 1;
  } finally {
    await stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
