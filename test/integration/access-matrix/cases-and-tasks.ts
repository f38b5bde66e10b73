/**
 * The access matrix's rows (access-matrix.test.ts) for one area, in the order they run.
 */
import { as } from '../../support/stack';
import { F, P, stack, get, sharedTask, LEAVE_VIEWERS, YOUTH_VIEWERS, type Row } from './context';

/**
 * Who hands the leave task over: its department's HR and admins; other supervising roles do
 * not see it (404), anyone else is refused (403).
 */
const HANDING_OVER = {
  hr: 200,
  admin: 200,
  hrOther: 404,
  caseSupervisor: 404,
  reviewLead: 404,
  partnershipCoordinator: 404,
  others: 403,
};
/** Who acts on the leave task themselves: its candidate HR officer; the case's other people are refused. */
const CLAIMING = { hr: 200, employee: 403, supervisor: 403, coordinator: 403, admin: 403, others: 404 };

/**
 * The platform's case and task routes: a leave review task everyone tries to read, claim,
 * hand over and complete.
 */
export const casesAndTasksRows = (): Record<string, Row> => ({
  'GET /cases': { request: get('/cases'), expect: { others: 200 } },
  'GET /cases/:caseId': { request: get(`/cases/{leave}`), expect: { ...LEAVE_VIEWERS, others: 404 } },
  'GET /cases/:caseId/timeline': { request: get(`/cases/{youth}/timeline`), expect: { ...YOUTH_VIEWERS, others: 404 } },
  'GET /tasks': { request: get('/tasks?status=open'), expect: { others: 200 } },
  'GET /tasks/:taskId': {
    request: async () => ({ method: 'GET', path: `/tasks/${await sharedTask()}` }),
    expect: { ...LEAVE_VIEWERS, others: 404 },
  },
  'GET /tasks/:taskId/candidates': {
    request: async () => ({ method: 'GET', path: `/tasks/${await sharedTask()}/candidates` }),
    expect: HANDING_OVER,
  },
  'POST /tasks/:taskId/claim': {
    request: async (who) => ({
      method: 'POST',
      path: `/tasks/${who === 'hr' ? await F.reviewTask(F.nextYear + 1) : await sharedTask()}/claim`,
    }),
    expect: CLAIMING,
  },
  'POST /tasks/:taskId/release': {
    request: async (who) => {
      if (who !== 'hr') return { method: 'POST', path: `/tasks/${await sharedTask()}/release` };
      const id = await F.reviewTask(F.nextYear + 9);
      await as(stack, P.hr).post(`/tasks/${id}/claim`);
      return { method: 'POST', path: `/tasks/${id}/release` };
    },
    expect: CLAIMING,
  },
  'POST /tasks/:taskId/assign': {
    request: async (who) => ({
      method: 'POST',
      path: `/tasks/${who === 'hr' ? await F.reviewTask(F.nextYear + 2) : who === 'admin' ? await F.reviewTask(F.nextYear + 3) : await sharedTask()}/assign`,
      body: { assigneeId: 'mx-hr' },
    }),
    expect: HANDING_OVER,
  },
  'POST /tasks/:taskId/complete': {
    request: async (who) => ({
      method: 'POST',
      path: `/tasks/${who === 'hr' ? await F.reviewTask(F.nextYear + 4) : await sharedTask()}/complete`,
      body: { outcome: 'approve' },
    }),
    expect: CLAIMING,
  },
});
