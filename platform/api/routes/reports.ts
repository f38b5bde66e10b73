/**
 * The report every supervising role reads (beyond the API's usage report; the shape is this
 * product's own): open tasks overdue and escalated by task type, over the case types each
 * role answers for (as their processes declare). The processes' own reports (the foster
 * and certification pipelines) live with them. Counts and durations only — no person
 * appears in a report, so a youth's details cannot leak through one.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../../../db';
import type { Database } from '../../../db/schema';
import { hasRole, type Role, type User } from '../auth';
import type { CaseTypeDescriptor } from '../../workflow/process-descriptor';
import { PROCESSES, TEAM_SUPERVISING_ROLES } from '../../workflow/registry';
import { csvCell } from '../csv';
import type { ApiBuilder } from '../http';

const declared = PROCESSES.flatMap((p) => Object.entries<CaseTypeDescriptor>(p.caseTypes));

/**
 * The open tasks a supervising role answers for in the task report, per case type, as each
 * process declares (`taskReportRoles`): HR officers their department's leave tasks, case
 * supervisors the foster ones, review leads certification, partnership coordinators the
 * referrals; admins all (counts only). Each role keeps its own scope when a person holds
 * several (an HR officer who is also a case supervisor still sees one department's leave).
 */
function scopeOf(user: User) {
  return (eb: ExpressionBuilder<Database, 'tasks' | 'cases'>) => {
    if (hasRole(user, 'admin')) return eb.val(true);
    const held = declared.flatMap(([type, d]) =>
      (d.taskReportRoles ?? []).filter((r) => hasRole(user, r.role as Role)).map((r) => ({ type, ...r })),
    );
    const types = held.filter((h) => !h.scopedBy).map((h) => h.type);
    const byDepartment = held.filter((h) => h.scopedBy === 'department' && user.department);
    return eb.or([
      ...(types.length ? [eb('cases.type', 'in', types)] : []),
      ...byDepartment.map((h) =>
        eb.and([eb('cases.type', '=', h.type), eb('cases.department', '=', user.department!)]),
      ),
    ]);
  };
}

export function registerReportRoutes(api: ApiBuilder, db: Db): void {
  api.route({
    method: 'get',
    path: '/reports/tasks',
    tag: 'reports',
    auth: TEAM_SUPERVISING_ROLES,
    summary: 'Open tasks by type: how many, how many overdue, how many escalated (JSON, or CSV with Accept: text/csv)',
    response: z.object({
      items: z.array(
        z.object({
          type: z.string(),
          open: z.number(),
          overdue: z.number(),
          escalated: z.number(),
          oldestDueAt: z.string().nullable(),
        }),
      ),
    }),
    handler: async ({ user, req }) => {
      const qb = db
        .selectFrom('tasks')
        .innerJoin('cases', 'cases.id', 'tasks.case_id')
        .select([
          'tasks.type as type',
          sql<number>`count(*)::int`.as('open'),
          sql<number>`count(*) FILTER (WHERE tasks.due_at < now())::int`.as('overdue'),
          sql<number>`count(*) FILTER (WHERE tasks.escalated)::int`.as('escalated'),
          sql<Date | null>`min(tasks.due_at)`.as('oldest'),
        ])
        .where('tasks.status', '=', 'open')
        .where(scopeOf(user));
      const rows = await qb.groupBy('tasks.type').execute();
      const items = rows
        .map((r) => ({
          type: r.type,
          open: r.open,
          overdue: r.overdue,
          escalated: r.escalated,
          oldestDueAt: r.oldest ? new Date(r.oldest).toISOString() : null,
        }))
        .sort(
          (a, b) =>
            b.overdue - a.overdue || b.escalated - a.escalated || b.open - a.open || a.type.localeCompare(b.type),
        );
      if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
        const lines = [
          'type,open,overdue,escalated,oldestDueAt',
          ...items.map((i) => [i.type, i.open, i.overdue, i.escalated, i.oldestDueAt].map(csvCell).join(',')),
        ];
        return { raw: { type: 'text/csv; charset=utf-8', text: `${lines.join('\n')}\n` } };
      }
      return { body: { items } };
    },
  });
}
