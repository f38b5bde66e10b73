/**
 * The product's database: DATABASE_URL's when it is set, otherwise one on the embedded
 * PostgreSQL (started here if no process of the product runs it yet); made to exist and
 * migrated either way.
 */
import path from 'node:path';
import pg from 'pg';
import { createDb, ensureDatabase, migrateToLatest, type Db } from '../../db';
import { DATA_DIR } from '../../lib/config';
import { startEmbeddedPostgres, type LocalPostgres } from './embedded-postgres';
import { freePort } from './ports';

export interface ProvidedDatabase {
  url: string;
  db: Db;
  /** The embedded server, when this process started it. */
  server?: LocalPostgres;
  /** Closes the pool, and stops the embedded server if this process started it. */
  stop(): Promise<void>;
}

export async function provideDatabase(opts: {
  url?: string;
  database: string;
  port?: number;
  dir?: string;
  fresh?: boolean;
  log?: (m: string) => void;
}): Promise<ProvidedDatabase> {
  let url = opts.url;
  let server: LocalPostgres | undefined;
  if (!url) {
    server = await startEmbeddedPostgres({
      dir: opts.dir ?? path.join(DATA_DIR, 'pg'),
      port: opts.port || (await freePort()),
      log: opts.log,
    });
    url = server.url(opts.database);
  }
  if (opts.fresh) await recreateDatabase(url);
  const db = await prepareDatabase(url);
  return {
    url,
    db,
    server: server?.owned ? server : undefined,
    stop: async () => {
      await db.destroy();
      if (server?.owned) await server.stop();
    },
  };
}

async function answers(url: string): Promise<Error | undefined> {
  const u = new URL(url);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString(), connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return undefined;
  } catch (err) {
    return err as Error;
  }
}

export async function prepareDatabase(url: string): Promise<Db> {
  const err = await answers(url);
  if (err) {
    throw new Error(
      `Cannot reach PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')}: ${err.message}\n` +
        'Check DATABASE_URL (host, port, user and password), or unset it to use the embedded PostgreSQL under .data/pg.',
    );
  }
  await ensureDatabase(url);
  const db = createDb(url);
  const applied = await migrateToLatest(db);
  if (applied.length) process.stderr.write(`database migrated: ${applied.join(', ')}\n`);
  return db;
}

/** Drops the database of the URL (if any) and creates it migrated: nothing left over from an earlier run. */
export async function recreateDatabase(url: string): Promise<void> {
  const admin = new URL(url);
  const name = decodeURIComponent(admin.pathname.slice(1));
  admin.pathname = '/postgres';
  await (await prepareDatabase(admin.toString())).destroy();
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
  await (await prepareDatabase(url)).destroy();
}
