/**
 * The access matrix's rows (access-matrix.test.ts) for one area, in the order they run.
 */
import { get, NEW_PERSON, type Row } from './context';

/**
 * Reports across processes and the administration: people, absence, audit, e-mail templates,
 * rules, incidents, the doctor.
 */
export const administrationRows = (): Record<string, Row> => ({
  'GET /reports/tasks': {
    request: get('/reports/tasks'),
    expect: {
      hr: 200,
      hrOther: 200,
      caseSupervisor: 200,
      reviewLead: 200,
      partnershipCoordinator: 200,
      admin: 200,
      others: 403,
    },
  },
  'GET /foster/reports/pipeline': {
    request: get('/foster/reports/pipeline'),
    expect: { caseWorker: 200, caseWorkerOther: 200, caseSupervisor: 200, admin: 200, others: 403 },
  },
  // The funders' outcome report: those who answer for the whole program (docs/processes/foster.md).
  'GET /foster/reports/outcomes': {
    request: get('/foster/reports/outcomes?from=2024-01-01&to=2024-12-31'),
    expect: { caseSupervisor: 200, admin: 200, others: 403 },
  },
  // A case worker's caseload: theirs (cw-1's here), or a case supervisor reading anyone's.
  'GET /foster/caseload': {
    request: get('/foster/caseload?caseWorkerId=cw-1'),
    expect: { caseWorker: 200, caseSupervisor: 200, others: 403 },
  },
  'GET /certifications/reports/pipeline': {
    request: get('/certifications/reports/pipeline'),
    expect: { reviewer: 200, reviewerConflicted: 200, reviewLead: 200, admin: 200, others: 403 },
  },
  'GET /me': { request: get('/me'), expect: { others: 200 } },
  // The people directory (docs/administration.md): admins only.
  'GET /people': { request: get('/people?q=mx-admin'), expect: { admin: 200, others: 403 } },
  'POST /people': {
    request: () => ({
      method: 'POST',
      path: '/people',
      body: { id: NEW_PERSON, name: 'New Person', email: 'new.person@example.gov', roles: [{ role: 'employee' }] },
    }),
    expect: { admin: 201, others: 403 },
  },
  'GET /people/:personId': { request: get('/people/mx-no-such-person'), expect: { admin: 404, others: 403 } },
  'PATCH /people/:personId': {
    request: () => ({ method: 'PATCH', path: '/people/mx-no-such-person', body: { reason: 'matrix' } }),
    expect: { admin: 404, others: 403 },
  },
  'POST /people/import': {
    request: () => ({ method: 'POST', path: '/people/import', body: { csv: 'JSON is not a CSV file' } }),
    expect: { admin: 400, others: 403 },
  },
  // Out of office: the person themselves or an admin (nobody in the matrix is this person).
  'GET /people/:personId/absence': {
    request: get('/people/mx-no-such-person/absence'),
    expect: { admin: 404, others: 403 },
  },
  'PUT /people/:personId/absence': {
    request: () => ({
      method: 'PUT',
      path: '/people/mx-no-such-person/absence',
      body: {
        from: new Date().toISOString(),
        to: new Date(Date.now() + 86_400_000).toISOString(),
        substituteId: 'mx-x',
      },
    }),
    expect: { admin: 404, others: 403 },
  },
  'DELETE /people/:personId/absence': {
    request: () => ({ method: 'DELETE', path: '/people/mx-no-such-person/absence' }),
    expect: { admin: 404, others: 403 },
  },
  'POST /people/:personId/handover': {
    request: () => ({ method: 'POST', path: '/people/mx-no-such-person/handover', body: { toId: 'mx-x' } }),
    expect: { admin: 404, others: 403 },
  },
  'GET /audit': { request: get('/audit?kind=person_created'), expect: { admin: 200, others: 403 } },
  // E-mail templates (docs/emails.md): admins only; the writes are refused by their checks, saving nothing.
  'GET /templates': { request: get('/templates'), expect: { admin: 200, others: 403 } },
  'GET /templates/:id/:language': {
    request: get('/templates/platform.task-opened/en'),
    expect: { admin: 200, others: 403 },
  },
  'PUT /templates/:id/:language': {
    request: () => ({
      method: 'PUT',
      path: '/templates/platform.task-opened/en',
      body: { subject: '{{x}}', body: 'b' },
    }),
    expect: { admin: 400, others: 403 },
  },
  'DELETE /templates/:id/:language': {
    request: () => ({ method: 'DELETE', path: '/templates/platform.no-such-message/en' }),
    expect: { admin: 400, others: 403 },
  },
  'POST /templates/:id/:language/preview': {
    request: () => ({ method: 'POST', path: '/templates/platform.task-opened/es/preview', body: {} }),
    expect: { admin: 200, others: 403 },
  },
  'POST /templates/:id/:language/test': {
    request: () => ({ method: 'POST', path: '/templates/platform.task-opened/en/test', body: { sample: { x: 1 } } }),
    expect: { admin: 400, others: 403 },
  },
  // The rules (docs/administration.md, "Rules"): admins only; the admin's save here is refused
  // (no reason), so the matrix never writes a version other suites would see.
  'GET /policy': { request: get('/policy'), expect: { admin: 200, others: 403 } },
  'GET /policy/versions': { request: get('/policy/versions?limit=1'), expect: { admin: 200, others: 403 } },
  'GET /policy/versions/:version': { request: get('/policy/versions/1'), expect: { admin: 200, others: 403 } },
  'GET /policy/diff': { request: get('/policy/diff?from=1&to=1'), expect: { admin: 200, others: 403 } },
  'PUT /policy': {
    request: () => ({ method: 'PUT', path: '/policy', body: { policy: {}, reason: '' } }),
    expect: { admin: 400, others: 403 },
  },
  'GET /incidents': { request: get('/incidents'), expect: { admin: 200, others: 403 } },
  'POST /incidents/:caseId/retry': {
    request: () => ({ method: 'POST', path: '/incidents/no-such-case/retry' }),
    expect: { admin: 404, others: 403 },
  },
  'GET /admin/doctor': { request: get('/admin/doctor'), expect: { admin: 200, others: 403 } },
  'POST /admin/doctor/repair': {
    request: () => ({ method: 'POST', path: '/admin/doctor/repair' }),
    expect: { admin: 200, others: 403 },
  },
});
