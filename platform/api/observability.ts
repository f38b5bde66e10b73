/**
 * Every request, observed once it is answered: its duration into the Prometheus
 * histogram (by route pattern and status), one log line (request ID, route, status,
 * milliseconds, the acting person's subject, the case, task and workflow it touched),
 * and, when tracing is on, a server span carrying the same IDs whose context the
 * Temporal client passes on into the workflow. Raw URLs are never logged: a reference
 * link's path is a one-time token.
 */
import type { RequestHandler, Response } from 'express';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { logger } from '../../lib/logger';
import { currentTracing } from '../../lib/tracing';
import { ONE_TIME_LINK_PATHS } from '../workflow/registry';
import type { Metrics } from './metrics';
import { requestContext, requestIdFrom, type RequestContext } from './request-context';

const FIXED_ROUTES = new Set([
  '/health',
  '/ready',
  '/metrics',
  '/openapi.json',
  '/docs',
  '/codec/encode',
  '/codec/decode',
]);

/** The route pattern of a request, for labels and logs (never a raw path). */
function routeOf(path: string, ctx: RequestContext): string {
  if (ctx.route) return ctx.route;
  if (FIXED_ROUTES.has(path)) return path;
  const link = ONE_TIME_LINK_PATHS.find((p) => path.startsWith(p));
  if (link) return `${link}:token`;
  return 'unmatched';
}

export const contextOf = (res: Response): RequestContext | undefined =>
  res.locals.requestContext as RequestContext | undefined;

export function observeRequests(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const ctx: RequestContext = { requestId: requestIdFrom(req.headers['x-request-id']) };
    res.locals.requestContext = ctx;
    res.setHeader('X-Request-Id', ctx.requestId);
    const tracing = currentTracing();
    const span = tracing?.tracer.startSpan(`HTTP ${req.method}`, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method, 'mentorflow.request_id': ctx.requestId },
    });
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req.path, ctx);
      metrics.observeRequest(req.method, route, res.statusCode, seconds);
      const ids = {
        requestId: ctx.requestId,
        ...(req.user && req.user.sub !== 'anonymous' ? { user: req.user.sub } : {}),
        ...(ctx.caseId ? { caseId: ctx.caseId } : {}),
        ...(ctx.taskId ? { taskId: ctx.taskId } : {}),
        ...(ctx.workflowId ? { workflowId: ctx.workflowId } : {}),
      };
      const line = { ...ids, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) };
      if (res.statusCode >= 500) logger.error(line, 'request failed');
      else if (route !== '/metrics' && route !== '/health') logger.info(line, 'request');
      if (span) {
        span.updateName(`${req.method} ${route}`);
        span.setAttributes({
          'http.route': route,
          'http.response.status_code': res.statusCode,
          ...Object.fromEntries(Object.entries(ids).map(([k, v]) => [`mentorflow.${k}`, v])),
        });
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    });
    const run = () => requestContext.run(ctx, next);
    if (span) context.with(trace.setSpan(context.active(), span), run);
    else run();
  };
}
