/** `npm run worker`: one worker process against the configured services (WORKER_ROLE: all, cases or mail). */
import { loadConfig } from '../lib/config';
import { connectClient, connectWorker } from '../lib/temporal';
import { createWorker, ensureOutboxSweeper, installRuntime, smtpMailer } from '../lib/worker';
import { observeProcess } from '../lib/observability';
import { logger } from '../lib/logger';
import { tellRunningCasesOrganisationSettings } from '../lib/organisation-settings';
import { PolicyVersions } from '../lib/policy-versions';
import { provideDatabase } from './provision/postgres';

async function main(): Promise<void> {
  const config = loadConfig();
  const observed = observeProcess(config, 'mentorflow-worker');
  // The SDK's worker metrics, for Prometheus to scrape, when a port is given.
  installRuntime({
    metricsBind: config.metrics.workerPort ? `${config.host}:${config.metrics.workerPort}` : undefined,
  });
  // DATABASE_URL, or the embedded PostgreSQL (the one `npm start` runs, if it does).
  const database = await provideDatabase({
    url: config.databaseUrl,
    database: 'mentorflow',
    port: config.embedded.postgresPort,
  });
  const db = database.db;
  const worker = await createWorker({
    connection: await connectWorker(config.temporal),
    namespace: config.temporal.namespace,
    payloadKeys: config.temporal.payloadKeys,
    db,
    mailer: smtpMailer(config.smtpUrl, config.mailFrom),
    ...(config.workflowBundlePath ? { workflowBundle: { codePath: config.workflowBundlePath } } : {}),
    role: config.workerRole,
    deployment: config.deployment,
    maxCachedWorkflows: config.maxCachedWorkflows,
    workflowHeapMb: config.workflowHeapMb,
  });
  const client = await connectClient(config.temporal);
  await ensureOutboxSweeper(client);
  // Running cases follow the organisation's mailboxes, address and calendar of the newest
  // saved rules (version 1 from the file when none is saved yet; told in the background).
  const { policy } = await new PolicyVersions(db, config.policy).newest();
  void tellRunningCasesOrganisationSettings({ client, db, policy }).catch((err: unknown) =>
    logger.warn({ err }, 'organisation settings not told to running cases; the next start tries again'),
  );
  // Worker.run handles SIGINT/SIGTERM: it drains in-flight tasks, then resolves.
  const running = worker.run();
  if (worker.version) {
    const { deploymentName, buildId } = worker.version;
    const said = (outcome: string) =>
      outcome === 'left' ? 'worker version left for an operator to make current' : 'worker version is current';
    void worker.settled().then(
      (outcome) => logger.info({ deploymentName, buildId, outcome }, said(outcome)),
      () => undefined,
    );
  }
  await running;
  await client.connection.close();
  await database.stop();
  await observed.stop();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
