/** Mentoring leave (docs/api-guide.md): enrollment, personal time, leave requests, usage report. */
import type { Client } from '@temporalio/client';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../../db';
import { businessCalendarOf } from '../../../platform/workflow/jurisdiction';
import type { PolicySource } from '../../../lib/policy-versions';
import { logPersonalTimeUpdate, requestLeaveUpdate, withdrawRequestUpdate } from '../messages';
import { enrollmentInput, leaveRequestInput, personalTimeInput } from '../inputs';
import { enrollmentViolations, supervisorViolation } from '../rules';
import type { Enrollment, MentoringLeaveInput } from '../types';
import { mentoringLeaveWorkflow, mentoringLeaveWorkflowId } from '../workflow';
import { actorOf, hasRole, type User } from '../../../platform/api/auth';
import { conflict, forbidden, HttpProblem, problemFromRefusal } from '../../../platform/api/errors';
import { csvCell } from '../../../platform/api/csv';
import type { ApiBuilder } from '../../../platform/api/http';
import { updateCase } from '../../../platform/api/updates';
import { refuseInvalidParties } from '../../../platform/api/parties';
import { caseDetailRoute } from '../../../platform/api/routes/cases';
import { startCase } from '../../../platform/api/start-case';
import { caseSchema } from '../../../platform/api/schemas';
import { line } from '../../../platform/workflow/input';
import { theEmployee } from '../rules';
import { directorySupervisor } from './supervisor';
import { loadVisibleCase, type CaseRow } from '../../../platform/api/views';

const ledgerSchema = z.object({
  year: z.number(),
  cap: z.number(),
  verifiedPersonalHours: z.number(),
  pendingPersonalHours: z.number(),
  approvedLeaveHours: z.number(),
  pendingLeaveHours: z.number(),
  availableLeaveHours: z.number(),
});
const enrollmentSchema = caseSchema
  .extend({ ledger: ledgerSchema, personalTime: z.array(z.unknown()), requests: z.array(z.unknown()) })
  .openapi('MentoringLeaveEnrollment');

/** A program holds a current quality certification: Partner, and not past its certifiedUntil. */
export async function programCertified(
  db: Db,
  programId: string,
  today: string,
): Promise<{ certified: boolean; name?: string }> {
  const p = await db
    .selectFrom('programs')
    .select(['name', 'level', 'certified_until'])
    .where('id', '=', programId)
    .executeTakeFirst();
  if (!p) return { certified: false };
  return { certified: p.level === 'partner' && !!p.certified_until && p.certified_until >= today, name: p.name };
}

export function registerMentoringLeaveRoutes(
  api: ApiBuilder,
  db: Db,
  temporal: Client,
  policies: PolicySource,
  taskQueue: string,
): void {
  async function ownEnrollment(user: User, caseId: string): Promise<CaseRow> {
    const c = await loadVisibleCase(db, user, caseId, 'mentoring_leave');
    const refusal = theEmployee(actorOf(user), c.owner_id);
    if (refusal) throw problemFromRefusal(refusal);
    return c;
  }

  api.route({
    method: 'post',
    path: '/mentoring-leave/enrollments',
    tag: 'mentoring leave',
    auth: ['employee', 'hr_officer'],
    summary: 'Enrolls an employee for a year of mentoring leave; starts the HR eligibility review',
    body: enrollmentInput,
    response: enrollmentSchema,
    status: 201,
    idempotent: true,
    errors: [409, 422],
    handler: async ({ user, body, newId }) => {
      const isSelf = hasRole(user, 'employee') && body.employee.id === user.sub;
      // HR officers act within their department claim (a scoped role without it admits nothing).
      const isHr = hasRole(user, 'hr_officer') && user.department === body.employee.department;
      if (!isSelf && !isHr)
        throw forbidden('Employees enroll themselves; HR officers enroll employees of their department');
      // The department of an enrollment is the employee's own department claim.
      if (isSelf && !isHr && user.department && body.employee.department !== user.department) {
        throw new HttpProblem(400, 'Bad Request', 'The department is the one your sign-in names', 'validation_failed', [
          { path: 'body.employee.department', message: `must be your department (${user.department})` },
        ]);
      }
      const sameAsEmployee = supervisorViolation(body.employee, body.supervisor);
      if (sameAsEmployee) throw problemFromRefusal(sameAsEmployee);
      await refuseInvalidParties(db, {
        type: 'mentoring_leave',
        fields: { enrollment: body },
        creator: { id: user.sub },
        subjects: [body.employee.id],
      });
      const policy = await policies.current();
      const now = Date.now();
      const calendar = businessCalendarOf(policy);
      const year = body.year ?? calendar.year(now);
      if (year < calendar.year(now))
        throw new HttpProblem(422, 'Unprocessable Content', `The ${year} leave year has ended`, 'outside_leave_year');
      const { certified, name } = await programCertified(db, body.program.programId, calendar.date(now));
      const enrollment: Enrollment = {
        ...body,
        year,
        program: { programId: body.program.programId, name: name ?? body.program.programId },
      };
      const violations = enrollmentViolations(enrollment, policy.mentoringLeave, certified);
      if (violations.length) {
        throw new HttpProblem(422, 'Unprocessable Content', violations[0].message, violations[0].code, undefined, {
          violations,
        });
      }
      const caseId = newId();
      // One enrollment per employee and year, by the read model's key as well as by the
      // workflow ID (which Temporal forgets once retention purges a closed case).
      const existing = await db
        .selectFrom('leave_ledgers')
        .select('case_id')
        .where('employee_id', '=', body.employee.id)
        .where('year', '=', year)
        .executeTakeFirst();
      if (existing && existing.case_id !== caseId)
        throw conflict('enrollment_exists', `The employee already has a mentoring-leave enrollment for ${year}`);
      const input: MentoringLeaveInput = { caseId, enrollment, policy, enrolledBy: actorOf(user) };
      const created = await startCase(temporal, db, {
        workflow: mentoringLeaveWorkflow,
        workflowId: mentoringLeaveWorkflowId(year, body.employee.id),
        taskQueue,
        args: [input],
        caseId,
        caseType: 'mentoring_leave',
        // One enrollment per employee and year, enforced by Temporal itself.
        duplicate: () =>
          conflict('enrollment_exists', `The employee already has a mentoring-leave enrollment for ${year}`),
      });
      return { body: created };
    },
  });

  caseDetailRoute(api, db, {
    path: '/mentoring-leave/enrollments',
    type: 'mentoring_leave',
    tag: 'mentoring leave',
    response: enrollmentSchema,
    summary: 'An enrollment with its ledger, personal time and requests',
  });

  api.route({
    method: 'post',
    path: '/mentoring-leave/enrollments/:caseId/personal-time',
    tag: 'mentoring leave',
    auth: ['employee'],
    summary: "Logs personal time spent mentoring; the program's coordinator verifies it",
    body: personalTimeInput,
    status: 201,
    idempotent: true,
    errors: [404, 409, 422],
    handler: async ({ user, params, body, updateId }) => {
      const c = await ownEnrollment(user, params.caseId);
      const entry = await updateCase(temporal, c, logPersonalTimeUpdate, { arg: body, as: user, updateId: updateId() });
      return { body: entry };
    },
  });

  api.route({
    method: 'post',
    path: '/mentoring-leave/enrollments/:caseId/requests',
    tag: 'mentoring leave',
    auth: ['employee'],
    summary: 'Requests mentoring leave; the supervisor, then HR, approve it',
    body: leaveRequestInput,
    status: 201,
    idempotent: true,
    errors: [404, 409, 422],
    handler: async ({ user, params, body, updateId }) => {
      const c = await ownEnrollment(user, params.caseId);
      const supervisor = await directorySupervisor(db, { id: user.sub, email: user.email });
      const request = await updateCase(temporal, c, requestLeaveUpdate, {
        arg: { ...body, ...(supervisor ? { supervisor } : {}) },
        as: user,
        updateId: updateId(),
      });
      return { body: request };
    },
  });

  api.route({
    method: 'post',
    path: '/mentoring-leave/enrollments/:caseId/requests/:requestId/withdraw',
    tag: 'mentoring leave',
    auth: ['employee'],
    summary: 'Withdraws a pending leave request',
    errors: [404, 409],
    handler: async ({ user, params }) => {
      const c = await ownEnrollment(user, params.caseId);
      const request = await updateCase(temporal, c, withdrawRequestUpdate, {
        arg: { requestId: params.requestId },
        as: user,
      });
      return { body: request };
    },
  });

  api.route({
    method: 'get',
    path: '/mentoring-leave/reports/usage',
    tag: 'mentoring leave',
    auth: ['hr_officer', 'admin'],
    summary: 'Hours used per department and year (JSON, or CSV with Accept: text/csv)',
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), department: line(100).optional() }),
    response: z.object({
      year: z.number(),
      items: z.array(
        z.object({
          department: z.string(),
          employees: z.number(),
          approvedLeaveHours: z.number(),
          verifiedPersonalHours: z.number(),
        }),
      ),
    }),
    handler: async ({ user, query, req }) => {
      const year = query.year ?? businessCalendarOf(await policies.current()).year(Date.now());
      // An HR officer with a department claim reports on that department only.
      const department = !hasRole(user, 'admin') && user.department ? user.department : query.department;
      if (department && query.department && department !== query.department)
        throw forbidden('HR officers report on their own department');
      let qb = db
        .selectFrom('leave_ledgers')
        .innerJoin('cases', 'cases.id', 'leave_ledgers.case_id')
        .select([
          'leave_ledgers.department as department',
          sql<string>`count(distinct leave_ledgers.employee_id)`.as('employees'),
          sql<string>`coalesce(sum(approved_leave_hours), 0)`.as('approved'),
          sql<string>`coalesce(sum(verified_personal_hours), 0)`.as('verified'),
        ])
        .where('leave_ledgers.year', '=', year)
        .where('cases.stage', '!=', 'denied');
      if (department) qb = qb.where('leave_ledgers.department', '=', department);
      const rows = await qb.groupBy('leave_ledgers.department').orderBy('leave_ledgers.department').execute();
      const items = rows.map((r) => ({
        department: r.department,
        employees: Number(r.employees),
        approvedLeaveHours: Number(r.approved),
        verifiedPersonalHours: Number(r.verified),
      }));
      if (req.accepts(['application/json', 'text/csv']) === 'text/csv') {
        const lines = [
          'year,department,employees,approvedLeaveHours,verifiedPersonalHours',
          ...items.map((i) =>
            [year, i.department, i.employees, i.approvedLeaveHours, i.verifiedPersonalHours].map(csvCell).join(','),
          ),
        ];
        return { raw: { type: 'text/csv; charset=utf-8', text: `${lines.join('\n')}\n` } };
      }
      return { body: { year, items } };
    },
  });
}
