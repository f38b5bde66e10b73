/**
 * `npm run migrate`: brings the database of DATABASE_URL (or the embedded one) up to date,
 * creating it if missing; prints the migrations it applied.
 */
import { loadConfig } from '../lib/config';
import { provideDatabase } from './provision/postgres';

async function main(): Promise<void> {
  const config = loadConfig();
  const provided = await provideDatabase({
    url: config.databaseUrl,
    database: 'mentorflow',
    port: config.embedded.postgresPort,
  });
  console.log(`database ${provided.url.replace(/:[^:@/]*@/, ':***@')} is up to date`);
  await provided.stop();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
