/** `npm run api`: one API process against the configured services. */
import { createApp } from '../platform/api/app';
import { loadConfig } from '../lib/config';
import { connectClient } from '../lib/temporal';
import { provideDatabase } from './provision/postgres';
import { observeProcess } from '../lib/observability';
import { logger } from '../lib/logger';
import { PolicyVersions } from '../lib/policy-versions';

async function main(): Promise<void> {
  const config = loadConfig();
  const observed = observeProcess(config, 'mentorflow-api');
  // DATABASE_URL, or the embedded PostgreSQL (the one `npm start` runs, if it does).
  const database = await provideDatabase({
    url: config.databaseUrl,
    database: 'mentorflow',
    port: config.embedded.postgresPort,
  });
  const db = database.db;
  const temporal = await connectClient(config.temporal);
  // The file and defaults become version 1 of the rules when no version is saved yet.
  await new PolicyVersions(db, config.policy).ensureSeeded();
  const app = createApp({
    db,
    temporal,
    policy: config.policy,
    auth: config.auth,
    rateLimit: config.rateLimit,
    trustProxy: config.trustProxy,
    host: config.host,
    temporalUiUrl: config.temporal.uiUrl,
    metricsToken: config.metrics.token,
    devSignIn: config.devSignIn,
    oidc: config.oidc,
  });
  const server = app.listen(config.port, config.host, () =>
    logger.info({ host: config.host, port: config.port, publicBaseUrl: config.publicBaseUrl }, 'API listening'),
  );
  const stop = () => {
    server.close(() => {
      void Promise.all([database.stop(), temporal.connection.close(), observed.stop()]).then(() => process.exit(0));
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
