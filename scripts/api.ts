/** `npm run api`: one API process against the configured services. */
import { createApp } from '../api/app';
import { createDb } from '../db';
import { loadConfig } from '../lib/config';
import { connectClient } from '../lib/temporal';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = createDb(config.databaseUrl);
  const temporal = await connectClient(config.temporal);
  const app = createApp({ db, temporal, policy: config.policy, auth: config.auth, rateLimit: config.rateLimit, trustProxy: config.trustProxy });
  const server = app.listen(config.port, () => console.log(`API listening on ${config.publicBaseUrl} (port ${config.port})`));
  const stop = () => {
    server.close(() => {
      void Promise.all([db.destroy(), temporal.connection.close()]).then(() => process.exit(0));
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
