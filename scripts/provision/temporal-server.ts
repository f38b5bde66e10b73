/**
 * A real Temporal cluster for `npm run cluster` and `npm run test:cluster` (docs/deploying.md,
 * "Beyond one machine"): the Temporal server built with Go from `go.temporal.io/server` at
 * the version the pinned CLI embeds, with PostgreSQL persistence and advanced (SQL)
 * visibility on the given PostgreSQL, schemas applied with the server's own `sql` tool,
 * several history shards, and the product's namespace and search attributes registered.
 * The four services (frontend, history, matching, worker) run in one server process here;
 * an agency runs each on its own hosts with the same configuration.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SEARCH_ATTRIBUTES, TEMPORAL_SERVER_VERSION, VERSIONING_DYNAMIC_CONFIG } from '../../temporal.config';
import { waitForPort } from './dev-server';
import { freeLowPort } from './ports';
import { CACHE_DIR, resolveTemporalCli, which } from './tools';

const say = (msg: string) => process.stderr.write(`[provision] ${msg}\n`);

export interface TemporalServerTools {
  server: string;
  sql: string;
  /** schema/postgresql/v12 of the server module: temporal/ and visibility/, each with versioned/. */
  schemaDir: string;
}

/** The server and its SQL tool: TEMPORAL_SERVER_DIR, the cache, or a Go build into the cache. */
export function resolveTemporalServer(): TemporalServerTools {
  const dir =
    process.env.TEMPORAL_SERVER_DIR ??
    path.join(CACHE_DIR, `temporal-server-${TEMPORAL_SERVER_VERSION.replace(/^v/, '')}`);
  const tools = {
    server: path.join(dir, 'server'),
    sql: path.join(dir, 'sql'),
    schemaDir: path.join(dir, 'schema', 'postgresql', 'v12'),
  };
  if (existsSync(tools.server) && existsSync(tools.sql) && existsSync(tools.schemaDir)) return tools;
  if (!which('go')) {
    throw new Error(
      `The cluster needs the Temporal server ${TEMPORAL_SERVER_VERSION}: install Go so that it can be built with ` +
        `\`GOBIN=${dir} go install go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION} go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}\`, ` +
        'or set TEMPORAL_SERVER_DIR to a folder holding `server`, `sql` and `schema/postgresql/v12`.',
    );
  }
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, GOBIN: dir, GOFLAGS: `${process.env.GOFLAGS ?? ''} -buildvcs=false`.trim() };
  for (const cmd of ['cmd/server', 'cmd/tools/sql']) {
    if (existsSync(path.join(dir, path.basename(cmd)))) continue;
    say(
      `building the Temporal ${path.basename(cmd)} ${TEMPORAL_SERVER_VERSION} with Go into ${dir} (first time only; a few minutes)…`,
    );
    const r = spawnSync('go', ['install', `go.temporal.io/server/${cmd}@${TEMPORAL_SERVER_VERSION}`], {
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`go install go.temporal.io/server/${cmd}@${TEMPORAL_SERVER_VERSION} failed`);
  }
  // The schemas ship inside the module; copy them beside the binaries so the cache stands alone.
  const modCache = spawnSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).stdout.trim();
  const source = path.join(modCache, `go.temporal.io/server@${TEMPORAL_SERVER_VERSION}`, 'schema', 'postgresql', 'v12');
  if (!existsSync(source)) throw new Error(`the server module's schemas are not in ${source}`);
  cpSync(source, tools.schemaDir, { recursive: true });
  return tools;
}

export interface PostgresLogin {
  host: string;
  port: number;
  user: string;
  password: string;
}

/** The login of a PostgreSQL URL (the product's own database URL names the server to share). */
export function loginOf(url: string): PostgresLogin {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
}

/**
 * Creates (if missing) and brings up to date the server's two databases with its `sql`
 * tool; `fresh` drops them first (a test run starts from an empty cluster).
 */
function applySchemas(
  tools: TemporalServerTools,
  pg: PostgresLogin,
  databases: { store: string; visibility: string },
  fresh: boolean,
): void {
  const base = ['--plugin', 'postgres12', '--ep', pg.host, '-p', String(pg.port), '-u', pg.user, '--pw', pg.password];
  const run = (args: string[]) => {
    const r = spawnSync(tools.sql, [...base, ...args], { encoding: 'utf8' });
    if (r.status !== 0)
      throw new Error(
        `temporal sql tool ${args.join(' ')}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}`,
      );
  };
  for (const [db, folder] of [
    [databases.store, 'temporal'],
    [databases.visibility, 'visibility'],
  ] as const) {
    if (fresh) run(['--db', db, 'drop-database', '--force']);
    run(['--db', db, 'create-database']); // says so and succeeds when it exists
    run(['--db', db, 'setup-schema', '-v', '0.0']); // idempotent: records version 0.0 only once
    run(['--db', db, 'update-schema', '-d', path.join(tools.schemaDir, folder, 'versioned')]);
  }
}

export interface TemporalCluster {
  address: string;
  /** Prometheus metrics of the server itself. */
  metricsUrl: string;
  shards: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the server on `dir` (its config and log live there) against the given PostgreSQL,
 * waits until its frontend answers, and registers namespace and search attributes.
 */
export async function startTemporalCluster(opts: {
  dir: string;
  pg: PostgresLogin;
  frontendPort?: number;
  shards?: number;
  namespace?: string;
  databases?: { store: string; visibility: string };
  /** Drop the server's databases first. */
  fresh?: boolean;
  /** More dynamic configuration (key: value), over the product's. */
  dynamicConfig?: Record<string, unknown>;
}): Promise<TemporalCluster> {
  const tools = resolveTemporalServer();
  const shards = opts.shards ?? 4;
  const namespace = opts.namespace ?? 'default';
  const databases = opts.databases ?? { store: 'temporal', visibility: 'temporal_visibility' };
  applySchemas(tools, opts.pg, databases, opts.fresh ?? false);
  // Membership ports are kept in a smallint column: all ports below 32768.
  const taken = new Set<number>();
  const port = () => freeLowPort(taken);
  const ports = {
    frontend: opts.frontendPort || (await port()),
    frontendHttp: await port(),
    history: await port(),
    matching: await port(),
    worker: await port(),
    mFrontend: await port(),
    mHistory: await port(),
    mMatching: await port(),
    mWorker: await port(),
    metrics: await port(),
  };
  const configDir = path.join(opts.dir, 'config');
  mkdirSync(path.join(configDir, 'dynamicconfig'), { recursive: true });
  const datastore = (name: string, maxConns: number) => `
    ${name}:
      sql:
        pluginName: postgres12
        databaseName: ${JSON.stringify(name === 'store' ? databases.store : databases.visibility)}
        connectAddr: ${JSON.stringify(`${opts.pg.host}:${opts.pg.port}`)}
        connectProtocol: tcp
        user: ${JSON.stringify(opts.pg.user)}
        password: ${JSON.stringify(opts.pg.password)}
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: 1h`;
  const service = (grpc: number, membership: number, http?: number) => `
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${http ? `\n      httpPort: ${http}` : ''}`;
  writeFileSync(
    path.join(configDir, 'development.yaml'),
    `# Written by scripts/provision/temporal-server.ts for this machine; rewritten on every start.
log:
  stdout: true
  level: warn
persistence:
  defaultStore: store
  visibilityStore: visibility
  numHistoryShards: ${shards}
  datastores:${datastore('store', 20)}${datastore('visibility', 10)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: 127.0.0.1:${ports.metrics}
services:
  frontend:${service(ports.frontend, ports.mFrontend, ports.frontendHttp)}
  history:${service(ports.history, ports.mHistory)}
  matching:${service(ports.matching, ports.mMatching)}
  worker:${service(ports.worker, ports.mWorker)}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: 127.0.0.1:${ports.frontend}
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: ${JSON.stringify(path.join(configDir, 'dynamicconfig', 'cluster.yaml'))}
  pollInterval: 10s
`,
  );
  // Search attributes registered a moment ago are usable at once (not after the cache's minute);
  // Update-with-Start is on, as on Temporal Cloud; so is Worker Versioning.
  const extra = Object.entries({ ...VERSIONING_DYNAMIC_CONFIG, ...opts.dynamicConfig })
    .map(([key, value]) => `${key}:\n  - value: ${JSON.stringify(value)}\n`)
    .join('');
  writeFileSync(
    path.join(configDir, 'dynamicconfig', 'cluster.yaml'),
    `system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
frontend.enableExecuteMultiOperation:
  - value: true
limit.maxIDLength:
  - value: 255
${extra}`,
  );
  const log = createWriteStream(path.join(opts.dir, 'temporal-server.log'), { flags: 'a' });
  const child = spawn(
    tools.server,
    ['--root', opts.dir, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const address = `127.0.0.1:${ports.frontend}`;
  try {
    await Promise.race([
      waitForPort(ports.frontend, '127.0.0.1', 120_000),
      exited.then(() => {
        throw new Error(`the Temporal server exited early; see ${path.join(opts.dir, 'temporal-server.log')}`);
      }),
    ]);
    await register(address, namespace);
  } catch (err) {
    await stop();
    throw err;
  }
  return { address, metricsUrl: `http://127.0.0.1:${ports.metrics}/metrics`, shards, process: child, stop };
}

/** The namespace and the product's search attributes, with the CLI, retried while the server warms up. */
async function register(address: string, namespace: string): Promise<void> {
  const cli = resolveTemporalCli();
  const run = (args: string[]) =>
    spawnSync(cli, [...args, '--address', address], { encoding: 'utf8', timeout: 30_000 });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const r = run(['operator', 'namespace', 'describe', '--namespace', namespace]);
    if (r.status === 0) break;
    const c = run(['operator', 'namespace', 'create', '--namespace', namespace, '--retention', '72h']);
    if (c.status === 0) continue;
    if (Date.now() > deadline)
      throw new Error(`could not register namespace ${namespace}: ${(c.stderr || c.stdout).trim()}`);
    await new Promise((r2) => setTimeout(r2, 1000));
  }
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) {
    for (;;) {
      const r = run([
        'operator',
        'search-attribute',
        'create',
        '--namespace',
        namespace,
        '--name',
        name,
        '--type',
        type,
      ]);
      if (r.status === 0 || /already exists/i.test(r.stderr + r.stdout)) break;
      if (Date.now() > deadline)
        throw new Error(`could not register search attribute ${name}: ${(r.stderr || r.stdout).trim()}`);
      await new Promise((r2) => setTimeout(r2, 1000));
    }
  }
}
