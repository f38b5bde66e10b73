/**
 * Every environment variable the product reads, with its check: the shape and the rules
 * that join them (production needs a real database, a provider, payload keys …). loadConfig
 * (config.ts) reads the environment through it once at start; compose.yaml and
 * docs/configuration.md are checked against its list.
 */
import { z } from 'zod';
import { parsePayloadKeys } from './payload-codec';

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
export const envSchema = z
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
    // Where a signed-in person's roles and scopes come from: their token's claims, or the people directory.
    AUTH_ROLES_FROM: z.enum(['token', 'directory']).default('token'),
    // The bearer token the identity provider's SCIM client sends to /scim/v2 (unset: SCIM is off).
    SCIM_TOKEN: z.string().min(32, 'at least 32 characters (a random secret)').max(500).optional(),
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
