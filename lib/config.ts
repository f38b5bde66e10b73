/**
 * Configuration, read once at start and validated. Every variable is optional: with
 * none set the product runs on its embedded local defaults (docs/deploying.md).
 */
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { AuthConfig } from '../platform/api/auth';
import type { Policy } from '../platform/workflow/policy';
import type { SetCurrentMode } from './deployment';
import { loadPolicy } from './policy';
import { envSchema } from './config-variables';
import { formatPayloadKeys, generatePayloadKeys, parsePayloadKeys, type PayloadKey } from './payload-codec';

export { CONFIG_VARIABLES } from './config-variables';

export const ROOT = path.resolve(__dirname, '..');

export const DATA_DIR = path.join(ROOT, '.data');

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
    rolesFrom: e.AUTH_ROLES_FROM,
    scimToken: e.SCIM_TOKEN,
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
