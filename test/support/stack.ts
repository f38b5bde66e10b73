/**
 * The whole product in one test process, on the real services of the global setup: a
 * worker on its own task queue (a version of its own worker deployment, made current as
 * `npm start` does), and the API on a free port. Nothing is mocked.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { sql } from 'kysely';
import { createApp } from '../../platform/api/app';
import { mintToken, type AuthConfig } from '../../platform/api/auth';
import type { ReadModelDeps } from '../../platform/activities/read-model';
import { createDb, type Db } from '../../db';
import { buildPolicy } from '../../lib/policy';
import { configureLogging } from '../../lib/logger';
import { clientInterceptors } from '../../lib/temporal';
import { encryptingDataConverter, parsePayloadKeys } from '../../lib/payload-codec';
import { createWorker, ensureOutboxSweeper, smtpMailer, type Workers } from '../../lib/worker';
import type { Policy } from '../../platform/workflow/policy';

/** The Temporal Web UI the test API links cases to. */
export const TEMPORAL_UI_URL = 'http://temporal-ui.test:8233';

export const JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** The payload codec's key of the suite: histories on the test servers are encrypted, as in production. */
export const TEST_PAYLOAD_KEYS = parsePayloadKeys(
  `test-1:${Buffer.from('mentorflow-test-payload-key-0001').toString('base64')}`,
);

export interface Stack {
  db: Db;
  client: Client;
  policy: Policy;
  taskQueue: string;
  /** The worker deployment of this stack's workers (named after its task queue; unset on the time-skipping server). */
  deploymentName?: string;
  baseUrl: string;
  /** Every API instance's base URL (one, or two under test:cluster). */
  baseUrls: string[];
  worker: Workers;
  /** The API's route table (method, path, who it admits). */
  routes: { method: string; path: string; auth: unknown }[];
  stop(): Promise<void>;
}

/** Policy durations shrunk so that nothing escalates during a test unless it asks to. */
export const QUIET_TASKS = { default: { due: 'PT1H', reminderBefore: 'PT30M', escalateTo: 'admin' } };

// The product's own log lines (one per request) only at WARN and above in test output.
configureLogging({ level: process.env.TEST_LOG_LEVEL ?? 'warn', format: 'json' });

/** Worker logs at WARN and above only, so test output shows what matters. */
export function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    /* already installed in this process */
  }
}

/**
 * How many workers and API instances each stack runs: two under `npm run test:cluster`
 * (TEST_TOPOLOGY=cluster), so that requests for one case land on either API and its
 * tasks on either worker, as on a scaled-out deployment; one otherwise.
 */
const REPLICAS = process.env.TEST_TOPOLOGY === 'cluster' ? 2 : 1;

export async function startStack(
  opts: {
    policy?: Record<string, unknown>;
    hooks?: ReadModelDeps['hooks'];
    /** Run on this Temporal (e.g. the time-skipping test server) instead of the dev server. */
    temporal?: { nativeConnection: NativeConnection; client: Client };
    /** Public routes' limit per client and minute (high by default: tests are one client). */
    publicPerMinute?: number;
    /** Another SMTP server than the suite's catcher (a test that takes it down). */
    smtpUrl?: string;
    /** Another workflow bundle than the suite's (one built with the tracing interceptors). */
    workflowBundlePath?: string;
    /** Where roles come from and the SCIM token (the people directory's suites). */
    auth?: Pick<AuthConfig, 'rolesFrom' | 'scimToken'>;
    /**
     * New cases start with the newest saved version of the rules (PUT /policy), as in
     * production. Off by default: suites share one database, and a version one suite saves
     * must not change the rules another suite's cases start with.
     */
    followPolicyVersions?: boolean;
    /** No outbox sweeper: only the mail worker's relay sends (a test that the relay runs). */
    withoutSweeper?: boolean;
  } = {},
): Promise<Stack> {
  quietRuntime();
  const db = createDb(process.env.TEST_DATABASE_URL!, 5);
  const policy = buildPolicy({ tasks: QUIET_TASKS, ...opts.policy }, 'http://127.0.0.1:3999');
  const taskQueue = `test-${randomUUID()}`;
  const replicas = opts.temporal ? 1 : REPLICAS;
  const nativeConnections = opts.temporal
    ? [opts.temporal.nativeConnection]
    : await Promise.all(
        Array.from({ length: replicas }, () =>
          NativeConnection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! }),
        ),
      );
  const workers = await Promise.all(
    nativeConnections.map((connection) =>
      createWorker({
        connection,
        namespace: 'default',
        payloadKeys: TEST_PAYLOAD_KEYS,
        db,
        mailer: smtpMailer(
          opts.smtpUrl ?? `smtp://127.0.0.1:${process.env.TEST_SMTP_PORT}`,
          'mentorflow <no-reply@test>',
        ),
        hooks: opts.hooks,
        taskQueue,
        workflowBundle: { codePath: opts.workflowBundlePath ?? process.env.TEST_WORKFLOW_BUNDLE! },
        // The time-skipping test server knows no worker deployments.
        deployment: opts.temporal ? ('unversioned' as const) : { name: taskQueue, setCurrent: 'always' as const },
      }),
    ),
  );
  const running = workers.map((w) => w.run());
  // Awaited in stop(); a worker that stops early (its version could not become current) is reported there.
  for (const r of running) r.catch(() => undefined);
  // Cases start only once the stack's version is current (as under `npm start`).
  await Promise.all(workers.map((w) => w.settled()));
  const connections = opts.temporal
    ? []
    : await Promise.all(
        Array.from({ length: replicas }, () => Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! })),
      );
  const dataConverter = encryptingDataConverter(TEST_PAYLOAD_KEYS);
  const clients = opts.temporal
    ? [opts.temporal.client]
    : connections.map(
        (connection) =>
          new Client({ connection, namespace: 'default', interceptors: clientInterceptors(), dataConverter }),
      );
  // The outbox sweep of this suite's task queue (not on the time-skipping server, whose
  // clock would run on while the sweeper sleeps).
  const sweeperId = `outbox-sweeper-${taskQueue}`;
  if (!opts.temporal && !opts.withoutSweeper)
    await ensureOutboxSweeper(clients[0], { taskQueue, everySeconds: 2, workflowId: sweeperId });
  const apps = clients.map((client) =>
    createApp({
      db,
      temporal: client,
      policy,
      pinPolicy: !opts.followPolicyVersions,
      auth: { hsSecret: JWT_SECRET, ...opts.auth },
      taskQueue,
      log: (m, e) => console.error(m, e),
      rateLimit: { publicPerMinute: opts.publicPerMinute ?? 100_000, linkFailures: 100_000, formsPerHour: 100_000 },
      temporalUiUrl: TEMPORAL_UI_URL,
      devSignIn: true,
    }),
  );
  const servers: Server[] = await Promise.all(
    apps.map(
      (app) =>
        new Promise<Server>((resolve) => {
          const s = app.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const baseUrls = servers.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  let calls = 0;
  return {
    db,
    client: clients[0],
    policy,
    taskQueue,
    worker: workers[0],
    routes: apps[0].locals.routes,
    baseUrls,
    deploymentName: opts.temporal ? undefined : taskQueue,
    /** Each read of the base URL takes the next API instance (one of one, or one of two). */
    get baseUrl() {
      return baseUrls[calls++ % baseUrls.length];
    },
    async stop() {
      await Promise.all(servers.map((server) => new Promise((r) => server.close(r))));
      if (!opts.temporal)
        await clients[0].workflow
          .getHandle(sweeperId)
          .terminate('suite done')
          .catch(() => undefined);
      for (const w of workers) w.shutdown();
      await Promise.all(running);
      if (!opts.temporal) {
        // The clients' connections stay open: a call the API started in the background (an
        // Update still polled after its 10-second answer) may be waiting to retry, and a retry
        // on a closed channel throws from its timer into whatever test runs next (the suite
        // runs in one process). The Temporal server is the suite's and outlives the stack.
        for (const n of nativeConnections) await n.close();
      }
      await db.destroy();
    },
  };
}

export interface Person {
  sub: string;
  roles: string[];
  name?: string;
  email?: string;
  department?: string;
  programId?: string;
  collegeId?: string;
}

export async function tokenFor(p: Person): Promise<string> {
  return mintToken(JWT_SECRET, p);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/** An HTTP client for the API as a given person. */
export function as(stack: Stack, person?: Person) {
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> => {
    const h: Record<string, string> = { ...headers };
    if (person) h.authorization = `Bearer ${await tokenFor(person)}`;
    if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
    const res = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed, headers: res.headers, text };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', `/api/v1${path}`, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) =>
      call('POST', `/api/v1${path}`, body ?? {}, headers),
    put: (path: string, body?: unknown) => call('PUT', `/api/v1${path}`, body ?? {}),
    patch: (path: string, body?: unknown) => call('PATCH', `/api/v1${path}`, body ?? {}),
    raw: call,
  };
}

/** Messages the SMTP catcher received, optionally only those to one address. */
export async function mailbox(
  to?: string,
): Promise<{ to: string[]; subject: string; text: string; messageId?: string }[]> {
  const res = await fetch(`${process.env.TEST_SMTP_WEB}/messages`);
  const all = (await res.json()) as { to: string[]; subject: string; text: string }[];
  return to ? all.filter((m) => m.to.includes(to)) : all;
}

export async function eventually<T>(
  fn: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function truncateAll(db: Db): Promise<void> {
  await sql`TRUNCATE cases, tasks, timeline, programs, leave_ledgers, idempotency_keys, email_outbox, rate_limits, referral_submissions CASCADE`.execute(
    db,
  );
}
