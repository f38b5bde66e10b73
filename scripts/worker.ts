/** `npm run worker`: one worker process against the configured services. */
import { loadConfig } from '../lib/config';
import { createDb } from '../db';
import { connectClient, connectWorker } from '../lib/temporal';
import { createWorker, ensureOutboxSweeper, smtpMailer } from '../lib/worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = createDb(config.databaseUrl);
  const worker = await createWorker({
    connection: await connectWorker(config.temporal),
    namespace: config.temporal.namespace,
    db,
    mailer: smtpMailer(config.smtpUrl, config.mailFrom),
  });
  const client = await connectClient(config.temporal);
  await ensureOutboxSweeper(client);
  // Worker.run handles SIGINT/SIGTERM: it drains in-flight tasks, then resolves.
  await worker.run();
  await client.connection.close();
  await db.destroy();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
