/**
 * `GET /audit` (docs/administration.md, "Audit"): the administrative changes between two
 * instants, of one kind or all, oldest first (or newest first with `order=newest`, as the
 * web app's page shows them), for admins; as JSON pages, or the whole selection as a CSV file
 * with `Accept: text/csv`.
 */
import { z } from 'zod';
import type { Db } from '../../../db';
import { AUDIT_KINDS, auditCsv, listAudit } from '../audit';
import { HttpProblem } from '../errors';
import type { ApiBuilder } from '../http';
import { CURSORS, decodeCursor, encodeCursor, pageQuery } from '../paging';

/** The most rows one CSV export carries (narrow the dates for more). */
export const AUDIT_CSV_MAX_ROWS = 100_000;

export const auditItemSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({ id: z.string(), name: z.string().optional() }),
    kind: z.string(),
    target: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string().optional(),
  })
  .openapi('AuditEvent');

export function registerAuditRoutes(api: ApiBuilder, db: Db): void {
  api.route({
    method: 'get',
    path: '/audit',
    tag: 'audit',
    auth: ['admin'],
    summary: 'Administrative changes (who, when, what before and after); CSV with Accept: text/csv',
    query: z
      .object({
        from: z.string().datetime({ offset: true }).optional(),
        to: z.string().datetime({ offset: true }).optional(),
        kind: z.enum(AUDIT_KINDS).optional(),
        order: z.enum(['oldest', 'newest']).default('oldest').describe('Oldest first (the default) or newest first'),
        ...pageQuery,
      })
      .strict(),
    response: z.object({ items: z.array(auditItemSchema), nextCursor: z.string().nullable() }),
    handler: async ({ req, res, query }) => {
      const csv = req.accepts(['application/json', 'text/csv']) === 'text/csv';
      if (csv) {
        const { rows } = await listAudit(db, { ...query, limit: AUDIT_CSV_MAX_ROWS + 1 });
        if (rows.length > AUDIT_CSV_MAX_ROWS)
          throw new HttpProblem(
            413,
            'Content Too Large',
            `More than ${AUDIT_CSV_MAX_ROWS} changes: narrow from and to`,
            'export_too_large',
          );
        res.attachment('audit.csv');
        return { raw: { type: 'text/csv; charset=utf-8', text: auditCsv(rows) } };
      }
      const after = decodeCursor(query.cursor, CURSORS.timeAndId);
      const { rows } = await listAudit(db, { ...query, after, limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        body: { items: page, nextCursor: rows.length > query.limit ? encodeCursor([last.at, last.id]) : null },
      };
    },
  });
}
