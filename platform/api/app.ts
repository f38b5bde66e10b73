/** The Express application: security headers, routes, OpenAPI document, docs page and problem+json errors. */
import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import compression from 'compression';
import { sql } from 'kysely';
import type { Client } from '@temporalio/client';
import type { Db } from '../../db';
import type { Policy } from '../workflow/policy';
import { TASK_QUEUE } from '../../temporal.config';
import type { AuthConfig } from './auth';
import type { OidcSignIn } from '../../lib/config';
import { errorHandler, HttpProblem, sendProblem, unknownRoute } from './errors';
import { ApiBuilder } from './http';
import { docsPage } from './docs';
import { mountCodecEndpoint, originOf } from './codec';
import { linkHistoriesTo } from './views';
import { createMetrics } from './metrics';
import { observeRequests } from './observability';
import { mountDevSignIn, mountSignInConfig, mountWebApp } from './web';
import { logger } from '../../lib/logger';
import {
  DEFAULT_RATE_LIMIT,
  linkFailureRateLimit,
  publicFormRateLimit,
  publicRateLimit,
  type RateLimitConfig,
} from './rate-limit';
import { securityHeaders } from './security-headers';
import { processRoutes, type PublicPage } from './process-routes';
import { registerCaseRoutes } from './routes/cases';
import { registerTaskRoutes } from './routes/tasks';
import { registerIncidentRoutes } from './routes/incidents';
import { registerDoctorRoutes } from './routes/doctor';
import { registerReportRoutes } from './routes/reports';
import { registerSessionRoutes } from './routes/session';
import { registerAbsenceRoutes } from './routes/absence';
import { registerPeopleRoutes } from './routes/people';
import { IMPORT_MAX_BYTES } from './routes/people-import';
import { registerAuditRoutes } from './routes/audit';
import { registerTemplateRoutes } from './routes/templates';
import { registerPolicyRoutes } from './routes/policy';
import { SCIM_BASE, scimRouter } from './scim';
import { pinnedPolicy, PolicyVersions } from '../../lib/policy-versions';

export interface AppDeps {
  db: Db;
  temporal: Client;
  /** The policy the file and the defaults give: version 1 when no version is saved yet (lib/policy-versions.ts). */
  policy: Policy;
  /**
   * New cases start with `policy` itself, never a saved version: for test suites that share
   * one database, where another suite's saved version must not change this one's rules.
   */
  pinPolicy?: boolean;
  auth: AuthConfig;
  log?: (msg: string, err?: unknown) => void;
  /** Task queue new workflows start on (tests use one per suite). */
  taskQueue?: string;
  rateLimit?: RateLimitConfig;
  /** Trusted proxy hops in front of the API (Express's numeric `trust proxy`): client addresses come through them. */
  trustProxy?: number;
  /** The address the API listens on: beyond loopback, /metrics answers only with its token. */
  host?: string;
  /** The Temporal Web UI every case links to (its history). */
  temporalUiUrl?: string;
  /** The SDK's Prometheus endpoint of a worker in this process, appended to /metrics. */
  sdkMetricsUrl?: string;
  /** When set, /metrics wants `Authorization: Bearer <this>`; required beyond loopback or behind a proxy. */
  metricsToken?: string;
  /** Development sign-in of demo people (only with HS256 development tokens, never in production). */
  devSignIn?: boolean;
  /** The OIDC provider and public client the web app signs people in with. */
  oidc?: OidcSignIn;
}

/** Unexpected errors, with the request they belong to (its ID is in the same log line). */
const defaultLog = (msg: string, err?: unknown) =>
  logger.error(
    { error: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined },
    msg,
  );

export function createApp({
  db,
  temporal,
  policy,
  pinPolicy = false,
  auth,
  log = defaultLog,
  taskQueue = TASK_QUEUE,
  rateLimit = DEFAULT_RATE_LIMIT,
  trustProxy = 0,
  host = '127.0.0.1',
  temporalUiUrl,
  sdkMetricsUrl,
  metricsToken,
  devSignIn = false,
  oidc,
}: AppDeps): express.Express {
  linkHistoriesTo(temporalUiUrl, temporal.options.namespace);
  const publicLimit = publicRateLimit(db, rateLimit);
  const api = new ApiBuilder(db, auth, publicLimit);
  const versions = new PolicyVersions(db, policy);
  const policies = pinPolicy ? pinnedPolicy(policy) : versions;
  registerCaseRoutes(api, db);
  registerTaskRoutes(api, db, temporal, policy);
  // Each registered process's own routes (processes/<name>/api), with its public pages and forms.
  const pages: PublicPage[] = [];
  const publicForms: string[] = [];
  for (const { registerRoutes } of processRoutes()) {
    const added = registerRoutes({ api, db, temporal, policies, taskQueue });
    pages.push(...(added?.pages ?? []));
    publicForms.push(...(added?.publicForms ?? []));
  }
  registerIncidentRoutes(api, db, temporal);
  registerDoctorRoutes(api, db, temporal);
  registerReportRoutes(api, db);
  registerSessionRoutes(api, db);
  registerPeopleRoutes(api, db, temporal);
  registerAbsenceRoutes(api, db, temporal);
  registerAuditRoutes(api, db);
  registerTemplateRoutes(api, db);
  registerPolicyRoutes(api, db, temporal, versions);
  const document = api.openApiDocument();
  const routeTable = api.routes;

  const metrics = createMetrics(db, { sdkMetricsUrl });
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  app.use(observeRequests(metrics));
  app.use(securityHeaders({ oidcIssuer: oidc?.issuer, publicBaseUrl: policy.publicBaseUrl }));
  // gzip for people on slow connections (the web app's JavaScript and styles above all).
  app.use(compression());
  // Failed look-ups of one-time links, whichever route serves them (pages and API alike,
  // mounted anywhere below): matched by path before any route runs.
  app.use(linkFailureRateLimit(db, rateLimit));
  app.locals.routes = routeTable;
  app.locals.openapi = document;
  app.set('query parser', 'simple');
  app.use(express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] }));
  // The one upload that is not JSON: a CSV file of people (routes/people-import.ts).
  const csvUpload = '/api/v1/people/import';
  app.use(csvUpload, express.text({ type: 'text/csv', limit: IMPORT_MAX_BYTES }));
  app.use((req, res, next) => {
    // JSON in: a body in any other format is refused rather than silently ignored.
    // (The HTML forms behind e-mailed links are the exceptions.)
    const htmlForm =
      pages.some((p) => req.path.startsWith(`${p.path}/`)) || (req.path === csvUpload && !!req.is('text/csv'));
    if (
      ['POST', 'PUT', 'PATCH'].includes(req.method) &&
      !htmlForm &&
      req.headers['content-length'] !== '0' &&
      req.headers['content-type'] &&
      !req.is(['application/json', 'application/*+json'])
    ) {
      return sendProblem(
        res,
        new HttpProblem(415, 'Unsupported Media Type', 'Send JSON with Content-Type: application/json'),
      );
    }
    next();
  });

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready or not, and nothing more: the reason stays in the logs, not in a public answer.
  app.get('/ready', publicLimit, async (_req, res) => {
    const failures: string[] = [];
    const within = <T>(p: Promise<T>) =>
      Promise.race([
        p,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), 3000).unref()),
      ]);
    await within(sql`select 1`.execute(db)).catch((e: Error) => failures.push(`database: ${e.message}`));
    await within(temporal.connection.workflowService.getSystemInfo({})).catch((e: Error) =>
      failures.push(`temporal: ${e.message}`),
    );
    if (failures.length) log('not ready', failures.join('; '));
    res.status(failures.length ? 503 : 200).json({ status: failures.length ? 'unavailable' : 'ready' });
  });
  const metricsGuard = guardMetrics(metricsToken, !isLoopback(host) || trustProxy > 0);
  app.get('/metrics', (req, res, next) => {
    const refusal = metricsGuard(req.headers.authorization);
    if (refusal) return sendProblem(res, refusal);
    return metrics.handler(req, res, next);
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.get('/docs', (_req, res) => {
    res.type('html').send(docsPage(document));
  });
  // The small HTML forms behind e-mailed links (no account, no JavaScript): a reference's
  // answer, a volunteer's address confirmation.
  for (const page of pages) {
    app.use(page.path, publicLimit);
    page.mount(app);
  }
  // Histories readable in the Temporal UI for admins, through the same codec as this API's client.
  mountCodecEndpoint(app, {
    auth,
    codecs: temporal.options.loadedDataConverter.payloadCodecs,
    uiOrigin: originOf(temporalUiUrl),
    authenticate: api.authenticate,
  });
  for (const form of publicForms) app.post(`/api/v1${form}`, publicFormRateLimit(db, rateLimit));
  // The identity provider's SCIM client (only with SCIM_TOKEN set).
  if (auth.scimToken)
    app.use(SCIM_BASE, scimRouter({ db, temporal, token: auth.scimToken, baseUrl: policy.publicBaseUrl }));
  app.use('/api/v1', api.router);
  const devPeople = devSignIn && !!auth.hsSecret;
  mountSignInConfig(app, { oidc, devSignIn: devPeople });
  if (devPeople) mountDevSignIn(app, db, auth.hsSecret!);
  mountWebApp(
    app,
    pages.map((p) => p.path),
  );
  app.use(unknownRoute);
  app.use(errorHandler(log));
  return app;
}

/** Loopback addresses: only this machine reaches an API listening there. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * Who may read /metrics (open-task counts by type say how many child-safety concerns are
 * open): anyone on loopback without a token configured; otherwise only the bearer of
 * METRICS_TOKEN, compared in constant time (SHA-256 digests of equal length). An API
 * reachable from elsewhere (listening beyond loopback, or behind a proxy) without a token
 * configured refuses every scraper rather than answering everyone.
 */
export function guardMetrics(
  token: string | undefined,
  exposed: boolean,
): (authorization?: string) => HttpProblem | undefined {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  const expected = token ? digest(`Bearer ${token}`) : undefined;
  return (authorization) => {
    if (!expected) {
      if (!exposed) return undefined;
      return new HttpProblem(
        403,
        'Forbidden',
        'Metrics are served beyond this machine only with METRICS_TOKEN configured',
      );
    }
    if (authorization && timingSafeEqual(digest(authorization), expected)) return undefined;
    return new HttpProblem(401, 'Unauthorized', 'The metrics endpoint wants its bearer token (METRICS_TOKEN)');
  };
}
