/**
 * Payroll export of approved 2119 hours (docs/processes/mentoring-leave.md "a payroll export of approved
 * hours"; the routes are this product's own — no standard names them): per
 * department and month, a CSV of each approved leave request with the employee, date,
 * hours and both approvers. Exporting records the export and its lines, so the file can
 * be downloaded again exactly as it went out, and a request is exported once: one
 * approved after its month was exported goes out in the department's next export,
 * flagged as a correction (with its own month). HR officers export their department;
 * admins name one.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../../db';
import { businessCalendarOf } from '../../../platform/workflow/jurisdiction';
import type { PolicySource } from '../../../lib/policy-versions';
import { line } from '../../../platform/workflow/input';
import { hasRole, type User } from '../../../platform/api/auth';
import { csvCell } from '../../../platform/api/csv';
import { forbidden, notFound, problemFromRefusal } from '../../../platform/api/errors';
import type { ApiBuilder } from '../../../platform/api/http';
import { readDetails } from '../../../platform/api/details';
import { mentoringLeaveDetails } from '../details';

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');

const lineSchema = z.object({
  employeeId: z.string(),
  employeeName: z.string(),
  date: z.string(),
  period: z.string(),
  hours: z.number(),
  supervisor: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  hrOfficer: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  approvedAt: z.string().nullable(),
  correction: z.boolean(),
});
const exportSummary = z.object({
  id: z.string(),
  department: z.string(),
  period: z.string(),
  exportedAt: z.string(),
  exportedBy: z.string(),
  lines: z.number(),
  hours: z.number(),
  corrections: z.number(),
});
const exportSchema = exportSummary.extend({ items: z.array(lineSchema) }).openapi('PayrollExport');

const CSV_HEADER =
  'employeeId,employeeName,date,hours,period,supervisorId,supervisorName,hrOfficerId,hrOfficerName,approvedAt,correction';

/** The department a caller exports or reads: an HR officer's own; an admin must name one. */
function departmentFor(user: User, asked: string | undefined): string {
  if (!hasRole(user, 'admin')) {
    if (!user.department) throw forbidden('An HR officer exports the department their account names');
    if (asked && asked !== user.department) throw forbidden('HR officers export their own department');
    return user.department;
  }
  if (!asked) throw problemFromRefusal({ code: 'department_required', message: 'Name the department to export' });
  return asked;
}

async function exportOf(db: Db, id: string) {
  const e = await db.selectFrom('payroll_exports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!e) return undefined;
  const rows = await db
    .selectFrom('payroll_export_lines')
    .selectAll()
    .where('export_id', '=', id)
    .orderBy('date')
    .orderBy('employee_id')
    .orderBy('request_id')
    .execute();
  const items = rows.map((r) => ({
    employeeId: r.employee_id,
    employeeName: r.employee_name,
    date: r.date,
    period: r.period,
    hours: Number(r.hours),
    supervisor: { id: r.supervisor_id, name: r.supervisor_name },
    hrOfficer: { id: r.hr_officer_id, name: r.hr_officer_name },
    approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null,
    correction: r.correction,
  }));
  return {
    id: e.id,
    department: e.department,
    period: e.period,
    exportedAt: new Date(e.exported_at).toISOString(),
    exportedBy: e.exported_by,
    lines: items.length,
    hours: items.reduce((s, i) => s + i.hours, 0),
    corrections: items.filter((i) => i.correction).length,
    items,
  };
}

type Export = NonNullable<Awaited<ReturnType<typeof exportOf>>>;

const asCsv = (e: Export) => ({
  type: 'text/csv; charset=utf-8',
  text: `${[CSV_HEADER, ...e.items.map((i) => [i.employeeId, i.employeeName, i.date, i.hours, i.period, i.supervisor.id, i.supervisor.name, i.hrOfficer.id, i.hrOfficer.name, i.approvedAt, i.correction].map(csvCell).join(','))].join('\n')}\n`,
});

/**
 * Records an export of `department` for `month`: every approved request dated in that
 * month not exported yet, and every one approved late in an earlier month that was
 * exported already (a correction). One export per department at a time (a transaction-
 * scoped lock), so two officers pressing at once cannot both carry the same request.
 */
async function recordExport(db: Db, department: string, month: string, by: string): Promise<string> {
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`payroll:${department}`}))`.execute(tx);
    await tx.insertInto('payroll_exports').values({ id, department, period: month, exported_by: by }).execute();
    // Each enrollment's requests, read from its details as the process declares them (no SQL by JSON path).
    const cases = await tx
      .selectFrom('cases')
      .select(['id', 'type', 'details'])
      .where('type', '=', 'mentoring_leave')
      .where('department', '=', department)
      .execute();
    if (!cases.length) return;
    const caseIds = cases.map((c) => c.id);
    const done = await tx
      .selectFrom('payroll_export_lines')
      .select(['case_id', 'request_id'])
      .where('case_id', 'in', caseIds)
      .execute();
    const exported = new Set(done.map((l) => `${l.case_id}/${l.request_id}`));
    const earlier = await tx
      .selectFrom('payroll_exports')
      .select('period')
      .where('department', '=', department)
      .where('id', '<>', id)
      .execute();
    const exportedMonths = new Set(earlier.map((e) => e.period));
    const due = cases.flatMap((c) => {
      const d = readDetails(mentoringLeaveDetails, c);
      return d.requests
        .filter((r) => r.status === 'approved' && !exported.has(`${c.id}/${r.id}`))
        .filter((r) => {
          const m = r.date.slice(0, 7);
          return m === month || (m < month && exportedMonths.has(m));
        })
        .map((r) => ({ caseId: c.id, employee: d.enrollment.employee, r }));
    });
    if (!due.length) return;
    const approverIds = [
      ...new Set(due.flatMap(({ r }) => [r.supervisorDecision?.by, r.hrDecision?.by]).filter((x): x is string => !!x)),
    ];
    const people = approverIds.length
      ? await tx.selectFrom('people').select(['id', 'name']).where('id', 'in', approverIds).execute()
      : [];
    const nameOf = (pid?: string) => (pid ? (people.find((p) => p.id === pid)?.name ?? null) : null);
    await tx
      .insertInto('payroll_export_lines')
      .values(
        due.map(({ caseId, employee, r }) => ({
          case_id: caseId,
          request_id: r.id,
          export_id: id,
          employee_id: employee.id,
          employee_name: employee.name,
          date: r.date,
          period: r.date.slice(0, 7),
          hours: r.hours,
          supervisor_id: r.supervisorDecision?.by ?? null,
          supervisor_name: nameOf(r.supervisorDecision?.by),
          hr_officer_id: r.hrDecision?.by ?? null,
          hr_officer_name: nameOf(r.hrDecision?.by),
          approved_at: r.hrDecision?.at ?? null,
          // Late: dated in an earlier month, or this month exported already.
          correction: r.date.slice(0, 7) !== month || exportedMonths.has(month),
        })),
      )
      .execute();
  });
  return id;
}

export function registerPayrollRoutes(api: ApiBuilder, db: Db, policies: PolicySource): void {
  api.route({
    method: 'post',
    path: '/mentoring-leave/payroll-exports',
    tag: 'mentoring leave',
    auth: ['hr_officer', 'admin'],
    summary:
      "Exports a department's approved leave of a month for payroll (JSON, or CSV with Accept: text/csv); recorded",
    body: z.object({ period, department: line(100).optional() }).strict(),
    response: exportSchema,
    status: 201,
    idempotent: true,
    errors: [403, 422],
    handler: async ({ user, body, req }) => {
      const department = departmentFor(user, body.department);
      const calendar = businessCalendarOf(await policies.current());
      if (body.period > calendar.date(Date.now()).slice(0, 7))
        throw problemFromRefusal({
          code: 'period_in_future',
          message: 'A month that has not begun has nothing to export',
        });
      const e = (await exportOf(db, await recordExport(db, department, body.period, user.sub)))!;
      if (req.accepts(['application/json', 'text/csv']) === 'text/csv') return { raw: asCsv(e) };
      return { body: e };
    },
  });

  api.route({
    method: 'get',
    path: '/mentoring-leave/payroll-exports',
    tag: 'mentoring leave',
    auth: ['hr_officer', 'admin'],
    summary: "A department's payroll exports, newest first",
    query: z.object({ department: line(100).optional() }),
    response: z.object({ items: z.array(exportSummary) }),
    handler: async ({ user, query }) => {
      const department = departmentFor(user, query.department);
      const rows = await db
        .selectFrom('payroll_exports as e')
        .leftJoin('payroll_export_lines as l', 'l.export_id', 'e.id')
        .select([
          'e.id',
          'e.department',
          'e.period',
          'e.exported_at',
          'e.exported_by',
          sql<number>`count(l.request_id)::int`.as('lines'),
          sql<string>`coalesce(sum(l.hours), 0)`.as('hours'),
          sql<number>`(count(*) FILTER (WHERE l.correction))::int`.as('corrections'),
        ])
        .where('e.department', '=', department)
        .groupBy('e.id')
        .orderBy('e.exported_at', 'desc')
        .orderBy('e.id')
        .limit(200)
        .execute();
      const items = rows.map((r) => ({
        id: r.id,
        department: r.department,
        period: r.period,
        exportedAt: new Date(r.exported_at).toISOString(),
        exportedBy: r.exported_by,
        lines: r.lines,
        hours: Number(r.hours),
        corrections: r.corrections,
      }));
      return { body: { items } };
    },
  });

  api.route({
    method: 'get',
    path: '/mentoring-leave/payroll-exports/:exportId',
    tag: 'mentoring leave',
    auth: ['hr_officer', 'admin'],
    errors: [404],
    summary: 'One payroll export again, exactly as it went out (JSON, or CSV with Accept: text/csv)',
    response: exportSchema,
    handler: async ({ user, params, req }) => {
      const e = await exportOf(db, params.exportId);
      // Another department's export is not there for an HR officer.
      if (!e || (!hasRole(user, 'admin') && e.department !== user.department)) throw notFound('The export');
      if (req.accepts(['application/json', 'text/csv']) === 'text/csv') return { raw: asCsv(e) };
      return { body: e };
    },
  });
}
