/** Making sure the database of DATABASE_URL answers, exists and is migrated. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { createDb, ensureDatabase, migrateToLatest, type Db } from '../../db';

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

/** Starts the machine's local Debian PostgreSQL cluster when nothing answers on a local URL. */
function startLocalCluster(): boolean {
  const root = '/etc/postgresql';
  if (!existsSync(root) || !existsSync('/usr/bin/pg_ctlcluster')) return false;
  for (const version of readdirSync(root)) {
    for (const cluster of readdirSync(`${root}/${version}`)) {
      const r = spawnSync('pg_ctlcluster', [version, cluster, 'start'], { stdio: 'inherit' });
      if (r.status === 0) return true;
    }
  }
  return false;
}

export async function prepareDatabase(url: string, log = (m: string) => process.stderr.write(`${m}\n`)): Promise<Db> {
  let err = await answers(url);
  const host = new URL(url).hostname;
  if (err && ['127.0.0.1', 'localhost', '::1'].includes(host) && /ECONNREFUSED|ENOENT/.test(String((err as NodeJS.ErrnoException).code ?? err.message))) {
    log('PostgreSQL is not answering; starting the local cluster…');
    if (startLocalCluster()) {
      for (let i = 0; i < 30 && (err = await answers(url)); i++) await new Promise((r) => setTimeout(r, 500));
    }
  }
  if (err) {
    throw new Error(
      `Cannot reach PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')}: ${err.message}\n` +
        'Install it (Debian: `apt-get install postgresql`, then `pg_ctlcluster 15 main start`) or set DATABASE_URL. ' +
        'The default URL connects as postgres without a password: allow local trust authentication or set DATABASE_URL with credentials.',
    );
  }
  await ensureDatabase(url);
  const db = createDb(url);
  await migrateToLatest(db);
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
