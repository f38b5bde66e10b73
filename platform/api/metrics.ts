/**
 * `GET /metrics` in Prometheus text: what an operator watches. HTTP request durations by
 * route pattern and status (observed here); and, read from the read model when scraped,
 * open, overdue and escalated tasks by type, the e-mail outbox backlog and the age of its
 * oldest unsent message, and open incidents by case type. Every API process answers for
 * the whole deployment's read model, so scrape one of them for those (or all: the gauges
 * agree). The SDK's worker metrics come from each worker's own endpoint
 * (WORKER_METRICS_PORT); when the worker runs in the API's process (`npm start`), they are
 * appended here. Labels are route patterns and types, never IDs or personal data.
 */
import type { RequestHandler } from 'express';
import { sql } from 'kysely';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../../db';

export interface Metrics {
  registry: Registry;
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  handler: RequestHandler;
}

export function createMetrics(db: Db, opts: { sdkMetricsUrl?: string } = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mentorflow_api_' });
  const http = new Histogram({
    name: 'mentorflow_http_request_duration_seconds',
    help: 'HTTP requests by route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const tasks = (name: string, help: string) => new Gauge({ name, help, labelNames: ['type'], registers: [registry] });
  const open = tasks('mentorflow_tasks_open', 'Open tasks by task type');
  const overdue = tasks('mentorflow_tasks_overdue', 'Open tasks past their due date, by task type');
  const escalated = tasks('mentorflow_tasks_escalated', 'Open tasks that escalated, by task type');
  const backlog = new Gauge({
    name: 'mentorflow_outbox_backlog',
    help: 'E-mails in the outbox not yet sent (nor refused)',
    registers: [registry],
  });
  const oldest = new Gauge({
    name: 'mentorflow_outbox_oldest_unsent_seconds',
    help: 'Age of the oldest unsent e-mail (0 when none)',
    registers: [registry],
  });
  const refused = new Gauge({
    name: 'mentorflow_outbox_refused',
    help: 'E-mails the SMTP server refused for good',
    registers: [registry],
  });
  const incidents = new Gauge({
    name: 'mentorflow_incidents_open',
    help: 'Cases waiting on an administrator, by case type',
    labelNames: ['case_type'],
    registers: [registry],
  });

  /** The read model's gauges, read fresh at each scrape (three aggregate queries). */
  const readGauges = async () => {
    const [byType, outbox, byCase] = await Promise.all([
      sql<{ type: string; open: string; overdue: string; escalated: string }>`
        SELECT type, count(*) AS open, count(*) FILTER (WHERE due_at < now()) AS overdue, count(*) FILTER (WHERE escalated) AS escalated
        FROM tasks WHERE status = 'open' GROUP BY type`.execute(db),
      sql<{ backlog: string; refused: string; oldest: number | null }>`
        SELECT count(*) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL) AS backlog,
               count(*) FILTER (WHERE failed_at IS NOT NULL) AS refused,
               extract(epoch FROM now() - min(created_at) FILTER (WHERE sent_at IS NULL AND failed_at IS NULL))::float8 AS oldest
        FROM email_outbox`.execute(db),
      sql<{ case_type: string; n: string }>`SELECT case_type, count(*) AS n FROM incidents GROUP BY case_type`.execute(
        db,
      ),
    ]);
    for (const g of [open, overdue, escalated, incidents]) g.reset();
    for (const r of byType.rows) {
      open.set({ type: r.type }, Number(r.open));
      overdue.set({ type: r.type }, Number(r.overdue));
      escalated.set({ type: r.type }, Number(r.escalated));
    }
    const o = outbox.rows[0];
    backlog.set(Number(o?.backlog ?? 0));
    refused.set(Number(o?.refused ?? 0));
    oldest.set(Math.max(0, o?.oldest ?? 0));
    for (const r of byCase.rows) incidents.set({ case_type: r.case_type }, Number(r.n));
  };

  return {
    registry,
    observeRequest: (method, route, status, seconds) =>
      http.observe({ method, route, status: String(status) }, seconds),
    handler: async (_req, res) => {
      try {
        await readGauges();
      } catch {
        // The database is down: HTTP and process metrics still answer; the gauges keep their last values.
      }
      let text = await registry.metrics();
      if (opts.sdkMetricsUrl) {
        const sdk = await fetch(opts.sdkMetricsUrl, { signal: AbortSignal.timeout(2000) }).then(
          (r) => (r.ok ? r.text() : ''),
          () => '',
        );
        text += `\n# Temporal SDK worker metrics (this process's worker)\n${sdk}`;
      }
      res.type(registry.contentType).send(text);
    },
  };
}
