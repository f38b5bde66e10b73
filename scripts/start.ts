/**
 * `npm start`: the whole product on one machine with the embedded defaults — Temporal dev
 * server (state in .data/), PostgreSQL created and migrated, an SMTP catcher with a web
 * inbox, a worker and the API. Ctrl-C stops everything and leaves no process behind.
 * A service configured by its env var (TEMPORAL_ADDRESS, SMTP_URL) is used instead.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import { createApp } from '../platform/api/app';
import { DATA_DIR, loadConfig } from '../lib/config';
import { startDevServer, type DevServer } from './provision/dev-server';
import { provideDatabase } from './provision/postgres';
import { startSmtpCatcher, type SmtpCatcher } from './provision/smtp-catcher';
import { connectClient, connectWorker } from '../lib/temporal';
import { createWorker, ensureOutboxSweeper, installRuntime, smtpMailer } from '../lib/worker';
import { observeProcess } from '../lib/observability';
import { logger } from '../lib/logger';
import { tellRunningCasesOrganisationSettings } from '../lib/organisation-settings';
import { PolicyVersions } from '../lib/policy-versions';
import { freePort } from './provision/ports';
import { buildWeb, webBuildStale } from './web-build';

async function main(): Promise<void> {
  mkdirSync(DATA_DIR, { recursive: true });
  const config = loadConfig();
  const observed = observeProcess(config, 'mentorflow');
  const cleanups: (() => Promise<unknown>)[] = [() => observed.stop()];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    for (const c of cleanups.reverse()) await c().catch((e: Error) => console.error(e.message));
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  try {
    let dev: DevServer | undefined;
    if (!process.env.TEMPORAL_ADDRESS) {
      console.log('starting the Temporal dev server…');
      // Its UI decodes payloads through the API's codec endpoint (admins only; see docs/security.md).
      dev = await startDevServer({
        port: config.embedded.temporalPort,
        uiPort: config.embedded.temporalUiPort,
        dbFile: path.join(DATA_DIR, 'temporal.db'),
        codecEndpoint: `${config.publicBaseUrl}/codec`,
      });
      cleanups.push(() => dev!.stop());
    }
    if (!config.databaseUrl) console.log('starting the embedded PostgreSQL…');
    const database = await provideDatabase({
      url: config.databaseUrl,
      database: 'mentorflow',
      port: config.embedded.postgresPort,
      log: (m) => console.error(m),
    });
    cleanups.push(() => database.stop());
    const db = database.db;

    let catcher: SmtpCatcher | undefined;
    if (!process.env.SMTP_URL) {
      catcher = await startSmtpCatcher({ smtpPort: config.embedded.smtpPort, webPort: config.embedded.smtpWebPort });
      cleanups.push(() => catcher!.close());
    }

    // The web app at `/`, built on first start and whenever its sources changed (before
    // the worker runs: the build holds this process for some seconds).
    if (webBuildStale()) {
      console.log('building the web app…');
      buildWeb();
    }
    // The worker's SDK metrics on a local port; the API's /metrics appends them.
    const sdkMetricsPort = config.metrics.workerPort || (await freePort());
    installRuntime({ metricsBind: `127.0.0.1:${sdkMetricsPort}` });
    const worker = await createWorker({
      connection: await connectWorker(config.temporal),
      namespace: config.temporal.namespace,
      payloadKeys: config.temporal.payloadKeys,
      db,
      mailer: smtpMailer(config.smtpUrl, config.mailFrom),
      maxCachedWorkflows: config.maxCachedWorkflows,
      workflowHeapMb: config.workflowHeapMb,
      deployment: config.deployment,
    });
    const running = worker.run();
    running.catch(() => undefined); // awaited below and on stop; a failure is reported there
    cleanups.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    });

    const temporal = await connectClient(config.temporal);
    cleanups.push(() => temporal.connection.close());
    await ensureOutboxSweeper(temporal);
    // Running cases follow the organisation's mailboxes, address and calendar of the newest
    // saved rules (version 1 from the file when none is saved yet; told in the background).
    const { policy } = await new PolicyVersions(db, config.policy).newest();
    void tellRunningCasesOrganisationSettings({ client: temporal, db, policy }).catch((err: unknown) =>
      logger.warn({ err }, 'organisation settings not told to running cases; the next start tries again'),
    );
    const app = createApp({
      db,
      temporal,
      policy: config.policy,
      auth: config.auth,
      rateLimit: config.rateLimit,
      trustProxy: config.trustProxy,
      host: config.host,
      temporalUiUrl: config.temporal.uiUrl,
      sdkMetricsUrl: `http://127.0.0.1:${sdkMetricsPort}/metrics`,
      metricsToken: config.metrics.token,
      devSignIn: config.devSignIn,
      oidc: config.oidc,
    });
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
    });
    cleanups.push(() => new Promise((r) => server.close(() => r(undefined))));

    // The worker's version is the deployment's current one before anyone is told to start cases.
    await worker.settled();
    const base = config.publicBaseUrl;
    console.log(`
mentorflow is running
  web app        ${base}/   (demo people: npm run seed)
  API            ${base}/api/v1
  API docs       ${base}/docs   (OpenAPI: ${base}/openapi.json)
  health         ${base}/health, ${base}/ready   metrics ${base}/metrics
  Temporal UI    ${dev ? `http://127.0.0.1:${config.embedded.temporalUiPort}` : `(configured: ${config.temporal.address})`}
  worker         deployment ${worker.version?.deploymentName}, build ${worker.version?.buildId}
  e-mail inbox   ${catcher ? `http://127.0.0.1:${catcher.webPort}` : `(configured: SMTP_URL)`}
  database       ${database.url.replace(/:[^:@/]*@/, ':***@')}${database.server ? ' (embedded, data in .data/pg)' : ''}
  a token        npm run token -- --sub emp-1 --roles employee --department CDT
Ctrl-C stops everything.`);
    await running.catch((err: Error) => {
      console.error(`worker stopped: ${err.message}`);
      return stop(1);
    });
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    await stop(1);
  }
}

void main();
