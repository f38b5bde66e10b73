/**
 * The access matrix's rows (access-matrix.test.ts) for one area, in the order they run.
 */
import { today } from '../fixtures';
import { mentorApplication as eceApplication, mentorPerson } from '../ece-fixtures';
import { callerApplication, wellnessReferral } from '../wellness-fixtures';
import { F, get, placementBody, type Row } from './context';

/** Wellness: caller screenings and youth check-ins. */
export const wellnessRows = (): Record<string, Row> => ({
  'POST /wellness/callers': {
    request: () => ({ method: 'POST', path: '/wellness/callers', body: callerApplication(['English']) }),
    expect: { caseWorker: 201, caseWorkerOther: 201, others: 403 },
  },
  // A caller in screening: its case worker and case supervisors only (coordinators read approved callers' pool profiles).
  'GET /wellness/callers/:caseId': {
    request: get('/wellness/callers/{caller}'),
    expect: { caseWorker: 200, caseSupervisor: 200, others: 404 },
  },
  'POST /wellness/callers/:caseId/training': {
    request: () => ({
      method: 'POST',
      path: `/wellness/callers/${F.callerId}/training`,
      body: { date: today, hours: 1, module: 'Mandated reporting' },
    }),
    expect: { caseWorker: 201, caseSupervisor: 201, caseWorkerOther: 404, others: 403 },
  },
  // A school counselor, a social worker or a case worker refers; no caller yet: the referrer, case supervisors, coordinators (without contact details).
  'POST /wellness/youth': {
    request: () => ({ method: 'POST', path: '/wellness/youth', body: wellnessReferral() }),
    expect: { socialWorker: 201, socialWorkerOther: 201, caseWorker: 201, caseWorkerOther: 201, others: 403 },
  },
  'GET /wellness/youth/:caseId': {
    request: get('/wellness/youth/{wellness}'),
    expect: { socialWorker: 200, partnershipCoordinator: 200, caseSupervisor: 200, others: 404 },
  },
});

/** Early childhood: mentor certifications and placements, college roles within their college. */
export const eceRows = (): Record<string, Row> => ({
  // Early-childhood placements: college roles within their collegeId; admins read (no youth data).
  'POST /ece/mentors': {
    request: () => ({ method: 'POST', path: '/ece/mentors', body: eceApplication(mentorPerson()) }),
    expect: { collegeCoordinator: 201, collegeCoordinatorOther: 201, others: 403 },
  },
  'GET /ece/mentors/:caseId': {
    request: get('/ece/mentors/{eceMentor}'),
    expect: { collegeCoordinator: 200, admin: 200, others: 404 },
  },
  'POST /ece/mentors/:caseId/development': {
    request: () => ({
      method: 'POST',
      path: `/ece/mentors/${F.eceMentorId}/development`,
      body: { date: today, hours: 1, topic: 'Observation' },
    }),
    expect: { collegeCoordinator: 403, admin: 403, others: 404 },
  },
  'GET /ece/placements/export': {
    request: get('/ece/placements/export?from=2026-01-01&to=2026-12-31'),
    expect: { collegeCoordinator: 200, collegeCoordinatorOther: 200, others: 403 },
  },
  'POST /ece/placements': {
    request: () => ({ method: 'POST', path: '/ece/placements', body: placementBody(F.eceMentorId) }),
    expect: { collegeCoordinator: 201, collegeCoordinatorOther: 404, others: 403 },
  },
  'GET /ece/placements/:caseId': {
    request: get('/ece/placements/{placement}'),
    expect: { collegeCoordinator: 200, admin: 200, others: 404 },
  },
  'POST /ece/placements/:caseId/hours': {
    request: () => ({
      method: 'POST',
      path: `/ece/placements/${F.placementId}/hours`,
      body: { date: today, hours: 1, activity: 'Observation' },
    }),
    expect: { collegeCoordinator: 403, admin: 403, others: 404 },
  },
});
