/** `npm run migrate`: brings the database of DATABASE_URL up to date (creating it if missing). */
import { migrateToLatest } from '../db';
import { loadConfig } from '../lib/config';
import { prepareDatabase } from './provision/postgres';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await prepareDatabase(config.databaseUrl);
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  await db.destroy();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
