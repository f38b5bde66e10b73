/**
 * Configuration, read once at start and validated. Every variable is optional: with
 * none set the product runs on its embedded local defaults (docs/deploying.md).
 */
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { AuthConfig } from '../platform/api/auth';
import type { Policy } from '../platform/workflow/policy';
import type { SetCurrentMode } from './deployment';
import { loadPolicy } from './policy';
import { formatPayloadKeys, generatePayloadKeys, parsePayloadKeys, type PayloadKey } from './payload-codec';

export const ROOT = path.resolve(__dirname, '..');

/** Signing algorithms an OIDC provider may use: asymmetric only (never HS*, never none). */
const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
export const DATA_DIR = path.join(ROOT, '.data');

const envSchema = z
  .object({
    // Unset: `npm start` and `npm test` run an embedded PostgreSQL (data under .data/pg).
    DATABASE_URL: z.string().url().optional(),
    // Unset: the embedded dev server on TEMPORAL_PORT.
    TEMPORAL_ADDRESS: z.string().optional(),
    TEMPORAL_NAMESPACE: z.string().default('default'),
    TEMPORAL_API_KEY: z.string().optional(),
    TEMPORAL_TLS_CERT: z.string().optional(),
    TEMPORAL_TLS_KEY: z.string().optional(),
    // Keys of the payload codec that encrypts Temporal histories: id:base64key (32 bytes), newest first, comma-separated.
    // Unset outside production: a key generated into .data/payload-keys.
    PAYLOAD_KEYS: z
      .string()
      .optional()
      .superRefine((v, ctx) => {
        if (v === undefined) return;
        try {
          parsePayloadKeys(v);
        } catch (err) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: (err as Error).message });
        }
      }),
    // The Temporal Web UI each case links to (its history); unset: the dev server's UI when it is ours.
    TEMPORAL_UI_URL: z.string().url().optional(),
    // Unset: the embedded SMTP catcher on SMTP_PORT.
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default('mentorflow <no-reply@mentorflow.local>'),
    // Unset: http://127.0.0.1:PORT.
    PUBLIC_BASE_URL: z.string().url().optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    // Where the API listens: loopback by default; 0.0.0.0 (or an interface) behind a proxy or in a container.
    HOST: z.string().min(1).default('127.0.0.1'),
    // Ports of the embedded services of `npm start` (a second copy of the product beside the first).
    TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
    TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
    SMTP_WEB_PORT: z.coerce.number().int().min(1).max(65535).default(1080),
    // 0: a free port picked at start.
    EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    AUTH_JWT_SECRET: z.string().min(32).optional(),
    AUTH_JWKS_URL: z.string().url().optional(),
    AUTH_ISSUER: z.string().min(1).optional(),
    AUTH_AUDIENCE: z.string().min(1).optional(),
    AUTH_ALGORITHMS: z
      .string()
      .optional()
      .transform((v) =>
        v
          ? v
              .split(',')
              .map((a) => a.trim())
              .filter(Boolean)
          : undefined,
      )
      .refine(
        (v) => !v || v.every((a) => ASYMMETRIC_ALGORITHMS.includes(a)),
        `asymmetric algorithms only: ${ASYMMETRIC_ALGORITHMS.join(', ')}`,
      ),
    // The web app's sign-in: the public client registered with the OIDC provider (authorization code + PKCE).
    AUTH_OIDC_CLIENT_ID: z.string().min(1).max(200).optional(),
    AUTH_OIDC_SCOPES: z.string().min(1).default('openid profile email'),
    AUTH_MAX_TOKEN_LIFETIME: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 86400)
      .default(12 * 3600),
    AUTH_ALLOW_HS256: z.enum(['true', 'false']).default('false'),
    NODE_ENV: z.string().optional(),
    RATE_LIMIT_PUBLIC_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(300),
    // Failed one-time-link look-ups (answers 404) per client and 10 minutes before 429.
    RATE_LIMIT_LINK_FAILURES: z.coerce.number().int().min(1).max(1_000_000).default(20),
    RATE_LIMIT_FORMS_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(20),
    // How many proxy hops in front of the API to trust for the client address: the entry that many
    // from the right of X-Forwarded-For. `true` (trust every hop) lets a client pick its own address.
    TRUST_PROXY: z
      .string()
      .regex(
        /^\d{1,2}$/,
        'a number of trusted proxy hops (0-99, e.g. 1 behind one load balancer); `true`, lists and names are refused',
      )
      .optional(),
    MENTORFLOW_POLICY: z.string().optional(),
    // A workflow bundle built ahead (bundleWorkflowCode): a worker then starts in a second, not after a webpack build.
    WORKFLOW_BUNDLE_PATH: z.string().optional(),
    // Logs: pino JSON lines (json), or readable lines (pretty; the default on a terminal outside production).
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
    // Where a worker serves the SDK's Prometheus metrics (0: not served; `npm start` picks a free port and appends them to /metrics).
    WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    // When set, GET /metrics wants `Authorization: Bearer <METRICS_TOKEN>`.
    METRICS_TOKEN: z.string().min(16).optional(),
    // OpenTelemetry: tracing is on when an OTLP endpoint is set (the exporter reads the OTEL_* variables itself).
    OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
    // The Temporal worker deployment the case workers are versions of (build id: the workflow bundle's hash).
    TEMPORAL_DEPLOYMENT_NAME: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^.:]+$/, 'no "." or ":" (they separate name and build id)')
      .default('mentorflow'),
    // Whether a starting case worker makes its version current: always, first (a fresh
    // deployment only), never (an operator does).
    // Unset: always outside production, first in production.
    WORKER_SET_CURRENT: z.enum(['always', 'first', 'never']).optional(),
    // What `npm run worker` runs: the case worker and the mail worker (all), or one of them.
    WORKER_ROLE: z.enum(['all', 'cases', 'mail']).default('all'),
    // Workflows a worker keeps in memory (at most ~1.4 MB each with a burst's leftovers, npm run bench P4); others replay when they wake.
    WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(100_000).default(150),
    // The V8 heap limit of the thread that runs workflows (MB): V8 otherwise lets a burst's garbage grow it toward a quarter of the machine's memory.
    WORKER_WORKFLOW_HEAP_MB: z.coerce.number().int().min(64).max(65_536).default(256),
  })
  .superRefine((e, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    const production = e.NODE_ENV === 'production';
    if (e.AUTH_JWKS_URL) {
      // OIDC must pin who issues tokens, for whom, and how they are signed.
      if (!e.AUTH_ISSUER) problem('AUTH_ISSUER', 'required with AUTH_JWKS_URL');
      if (!e.AUTH_AUDIENCE) problem('AUTH_AUDIENCE', 'required with AUTH_JWKS_URL');
      if (!e.AUTH_ALGORITHMS?.length) problem('AUTH_ALGORITHMS', 'required with AUTH_JWKS_URL, e.g. RS256');
      if (!e.AUTH_OIDC_CLIENT_ID)
        problem(
          'AUTH_OIDC_CLIENT_ID',
          'required with AUTH_JWKS_URL: the web app signs people in as this public client',
        );
      const url = new URL(e.AUTH_JWKS_URL);
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
      if (url.protocol !== 'https:' && (production || !loopback)) problem('AUTH_JWKS_URL', 'must be an https URL');
    } else if (production && e.AUTH_ALLOW_HS256 !== 'true') {
      problem(
        'AUTH_JWKS_URL',
        'NODE_ENV=production needs OIDC (AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE, AUTH_ALGORITHMS); HS256 development tokens are refused unless AUTH_ALLOW_HS256=true',
      );
    } else if (production && !e.AUTH_JWT_SECRET) {
      problem('AUTH_JWT_SECRET', 'with AUTH_ALLOW_HS256=true in production the secret must be set, not generated');
    }
    // Histories hold youth data: production encrypts them under keys it manages, never a generated file's.
    if (production && !e.PAYLOAD_KEYS) {
      problem(
        'PAYLOAD_KEYS',
        'NODE_ENV=production needs the payload encryption keys (id:base64key, newest first; openssl rand -base64 32)',
      );
    }
  });

/** Every environment variable the product reads (compose.yaml and docs/configuration.md are checked against it). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.innerType().shape);

export interface AppConfig {
  /** Undefined: the embedded PostgreSQL of `npm start` (a lone worker or API needs it set). */
  databaseUrl?: string;
  temporal: {
    address: string;
    namespace: string;
    apiKey?: string;
    tlsCert?: string;
    tlsKey?: string;
    uiUrl?: string;
    /** The payload codec's keys, newest first (PAYLOAD_KEYS, or the development key). */
    payloadKeys: PayloadKey[];
  };
  smtpUrl: string;
  mailFrom: string;
  publicBaseUrl: string;
  port: number;
  host: string;
  /** Ports of the embedded services `npm start` runs when the matching URL is unset. */
  embedded: {
    temporalPort: number;
    temporalUiPort: number;
    smtpPort: number;
    smtpWebPort: number;
    postgresPort: number;
  };
  auth: AuthConfig;
  rateLimit: { publicPerMinute: number; linkFailures: number; formsPerHour: number };
  /** Trusted proxy hops in front of the API (0: the socket's address is the client's). */
  trustProxy: number;
  policy: Policy;
  workflowBundlePath?: string;
  workerRole: WorkerRole;
  /** The worker deployment the case workers join, and when a starting one makes its version current. */
  deployment: { name: string; setCurrent: SetCurrentMode };
  /** Workflows one worker keeps cached (bounded so memory stays flat however many cases are open). */
  maxCachedWorkflows: number;
  /** The heap limit of the workflow thread, in MB. */
  workflowHeapMb: number;
  log: { level: string; format: 'json' | 'pretty' };
  /** The development sign-in page of demo people: only with HS256 development tokens, outside production, without OIDC. */
  devSignIn: boolean;
  /** How the web app signs people in with OIDC (absent: no OIDC). */
  oidc?: OidcSignIn;
  metrics: { workerPort: number; token?: string };
}

/** What the web app needs to send people to the provider (all public: no secret in a browser). */
export interface OidcSignIn {
  issuer: string;
  clientId: string;
  scopes: string;
}

export type WorkerRole = 'all' | 'cases' | 'mail';

/** The development signing secret, generated into .data/ on first use. */
export function developmentJwtSecret(): string {
  const file = path.join(DATA_DIR, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * The development payload key, generated into .data/ on first use (production sets
 * PAYLOAD_KEYS). Processes starting together agree on one key: the file appears whole
 * (a hard link of a finished file), and the first to link it wins.
 */
export function developmentPayloadKeys(): PayloadKey[] {
  const file = path.join(DATA_DIR, 'payload-keys');
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(draft, formatPayloadKeys(generatePayloadKeys(`dev-${Date.now().toString(36)}`)), { mode: 0o600 });
    try {
      linkSync(draft, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      unlinkSync(draft);
    }
  }
  return parsePayloadKeys(readFileSync(file, 'utf8').trim());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  const e = parsed.data;
  const publicBaseUrl = e.PUBLIC_BASE_URL ?? `http://127.0.0.1:${e.PORT}`;
  const auth = {
    jwksUrl: e.AUTH_JWKS_URL,
    issuer: e.AUTH_ISSUER,
    audience: e.AUTH_AUDIENCE,
    algorithms: e.AUTH_ALGORITHMS,
    maxTokenLifetimeSeconds: e.AUTH_MAX_TOKEN_LIFETIME,
    clientId: e.AUTH_OIDC_CLIENT_ID,
    // With OIDC configured there is no shared secret; otherwise HS256 for development.
    hsSecret: e.AUTH_JWKS_URL ? e.AUTH_JWT_SECRET : (e.AUTH_JWT_SECRET ?? developmentJwtSecret()),
  };
  return {
    databaseUrl: e.DATABASE_URL,
    temporal: {
      address: e.TEMPORAL_ADDRESS ?? `127.0.0.1:${e.TEMPORAL_PORT}`,
      namespace: e.TEMPORAL_NAMESPACE,
      apiKey: e.TEMPORAL_API_KEY,
      tlsCert: e.TEMPORAL_TLS_CERT,
      tlsKey: e.TEMPORAL_TLS_KEY,
      payloadKeys: e.PAYLOAD_KEYS ? parsePayloadKeys(e.PAYLOAD_KEYS) : developmentPayloadKeys(),
      uiUrl: (
        e.TEMPORAL_UI_URL ?? (e.TEMPORAL_ADDRESS ? undefined : `http://127.0.0.1:${e.TEMPORAL_UI_PORT}`)
      )?.replace(/\/+$/, ''),
    },
    smtpUrl: e.SMTP_URL ?? `smtp://127.0.0.1:${e.SMTP_PORT}`,
    mailFrom: e.MAIL_FROM,
    publicBaseUrl,
    port: e.PORT,
    host: e.HOST,
    embedded: {
      temporalPort: e.TEMPORAL_PORT,
      temporalUiPort: e.TEMPORAL_UI_PORT,
      smtpPort: e.SMTP_PORT,
      smtpWebPort: e.SMTP_WEB_PORT,
      postgresPort: e.EMBEDDED_PG_PORT,
    },
    auth,
    rateLimit: {
      publicPerMinute: e.RATE_LIMIT_PUBLIC_PER_MINUTE,
      linkFailures: e.RATE_LIMIT_LINK_FAILURES,
      formsPerHour: e.RATE_LIMIT_FORMS_PER_HOUR,
    },
    trustProxy: Number(e.TRUST_PROXY ?? 0),
    policy: loadPolicy(e.MENTORFLOW_POLICY, publicBaseUrl),
    workflowBundlePath: e.WORKFLOW_BUNDLE_PATH,
    workerRole: e.WORKER_ROLE,
    deployment: {
      name: e.TEMPORAL_DEPLOYMENT_NAME,
      setCurrent: e.WORKER_SET_CURRENT ?? (e.NODE_ENV === 'production' ? 'first' : 'always'),
    },
    maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
    workflowHeapMb: e.WORKER_WORKFLOW_HEAP_MB,
    log: {
      level: e.LOG_LEVEL,
      format: e.LOG_FORMAT ?? (e.NODE_ENV !== 'production' && process.stdout.isTTY ? 'pretty' : 'json'),
    },
    metrics: { workerPort: e.WORKER_METRICS_PORT, token: e.METRICS_TOKEN },
    devSignIn: e.NODE_ENV !== 'production' && !e.AUTH_JWKS_URL,
    oidc:
      e.AUTH_JWKS_URL && e.AUTH_ISSUER && e.AUTH_OIDC_CLIENT_ID
        ? { issuer: e.AUTH_ISSUER, clientId: e.AUTH_OIDC_CLIENT_ID, scopes: e.AUTH_OIDC_SCOPES }
        : undefined,
  };
}
