/**
 * The access matrix's rows (access-matrix.test.ts) for one area, in the order they run.
 */
import { enrollmentBody, today } from '../fixtures';
import { F, P, get, LEAVE_VIEWERS, type Row } from './context';

/** Mentoring leave: the employee's own enrollment and requests, HR within its department, payroll exports. */
export const mentoringLeaveRows = (): Record<string, Row> => ({
  'POST /mentoring-leave/enrollments': {
    request: (who) => ({
      method: 'POST',
      path: '/mentoring-leave/enrollments',
      body: enrollmentBody({ ...P.employee, email: P.employee.email! }, F.programP, {
        year: F.nextYear + (who === 'hr' ? 5 : 6),
      }),
    }),
    expect: { employee: 201, hr: 201, others: 403 },
  },
  'GET /mentoring-leave/enrollments/:caseId': {
    request: get('/mentoring-leave/enrollments/{leave}'),
    expect: { ...LEAVE_VIEWERS, others: 404 },
  },
  'POST /mentoring-leave/enrollments/:caseId/personal-time': {
    request: () => ({
      method: 'POST',
      path: `/mentoring-leave/enrollments/${F.leaveId}/personal-time`,
      body: { date: today, hours: 1, kind: 'off_duty', description: 'Reading' },
    }),
    expect: { employee: 201, employeeOther: 404, others: 403 },
  },
  'POST /mentoring-leave/enrollments/:caseId/requests': {
    request: () => ({
      method: 'POST',
      path: `/mentoring-leave/enrollments/${F.leaveId}/requests`,
      body: { date: today, hours: 1, attestNoTravel: true },
    }),
    expect: { employee: 201, employeeOther: 404, others: 403 },
  },
  'POST /mentoring-leave/enrollments/:caseId/requests/:requestId/withdraw': {
    request: () => ({
      method: 'POST',
      path: `/mentoring-leave/enrollments/${F.leaveId}/requests/${F.requestId}/withdraw`,
    }),
    expect: { employee: 200, employeeOther: 404, others: 403 },
  },
  'GET /mentoring-leave/reports/usage': {
    request: get('/mentoring-leave/reports/usage'),
    expect: { hr: 200, hrOther: 200, admin: 200, others: 403 },
  },
  // HR exports its own department (hrOther: DMV's); an HR officer with no department, or an admin naming none, cannot.
  'POST /mentoring-leave/payroll-exports': {
    request: () => ({ method: 'POST', path: '/mentoring-leave/payroll-exports', body: { period: today.slice(0, 7) } }),
    expect: { hr: 201, hrOther: 201, hrUnscoped: 403, admin: 422, others: 403 },
  },
  'GET /mentoring-leave/payroll-exports': {
    request: get('/mentoring-leave/payroll-exports'),
    expect: { hr: 200, hrOther: 200, hrUnscoped: 403, admin: 422, others: 403 },
  },
  'GET /mentoring-leave/payroll-exports/:exportId': {
    request: get('/mentoring-leave/payroll-exports/{payroll}'),
    expect: { hr: 200, admin: 200, hrOther: 404, others: 403 },
  },
});
