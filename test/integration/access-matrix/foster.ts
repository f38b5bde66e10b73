/**
 * The access matrix's rows (access-matrix.test.ts) for one area, in the order they run.
 */
import { today } from '../fixtures';
import { mentorApplication, youthReferral } from '../foster-fixtures';
import { F, get, SCREENING_VIEWERS, YOUTH_VIEWERS, type Row } from './context';

/**
 * Foster mentoring: screenings, youth referrals and matches, each read by its case worker,
 * case supervisors and (youth) social worker only.
 */
export const fosterRows = (): Record<string, Row> => ({
  'POST /foster/mentors': {
    request: () => ({ method: 'POST', path: '/foster/mentors', body: mentorApplication() }),
    expect: { caseWorker: 201, caseWorkerOther: 201, others: 403 },
  },
  'GET /foster/mentors/:caseId': {
    request: get('/foster/mentors/{mentor}'),
    expect: { ...SCREENING_VIEWERS, others: 404 },
  },
  'POST /foster/mentors/:caseId/training': {
    request: () => ({
      method: 'POST',
      path: `/foster/mentors/${F.screeningId}/training`,
      body: { date: today, hours: 1, module: 'Orientation' },
    }),
    // Another case worker does not see a screening in progress at all.
    expect: { caseWorker: 201, caseSupervisor: 201, caseWorkerOther: 404, others: 403 },
  },
  'POST /foster/mentors/:caseId/withdraw': {
    // The first allowed persona takes the mentor out of the pool; for the second the case is closed.
    request: () => ({ method: 'POST', path: `/foster/mentors/${F.mentorId}/withdraw`, body: { reason: 'Moved away' } }),
    // Out of the pool, the mentor is no other case worker's to see.
    expect: { caseWorker: 200, caseSupervisor: 409, caseWorkerOther: 404, others: 403 },
  },
  'POST /foster/references/:token': {
    public: true,
    request: () => ({ method: 'POST', path: '/foster/references/not-a-real-token', body: { recommendation: 'yes' } }),
    expect: { others: 404, anon: 404 },
  },
  'POST /foster/youth': {
    request: () => ({ method: 'POST', path: '/foster/youth', body: youthReferral() }),
    expect: { caseWorker: 201, caseWorkerOther: 201, socialWorker: 201, socialWorkerOther: 403, others: 403 },
  },
  'GET /foster/youth/:caseId': { request: get('/foster/youth/{youth}'), expect: { ...YOUTH_VIEWERS, others: 404 } },
  'POST /foster/matches': {
    request: () => ({
      method: 'POST',
      path: '/foster/matches',
      body: { mentorCaseId: F.mentorId, youthCaseId: F.youthId, rationale: 'Both love chess' },
    }),
    // The mentor was withdrawn above: the case worker who may propose gets the business rule's answer.
    expect: { caseWorker: 422, caseWorkerOther: 404, others: 403 },
  },
  // Match suggestions: for those who propose matches, of a youth they may see.
  'GET /foster/youth/:caseId/suggestions': {
    request: get('/foster/youth/{youth}/suggestions'),
    expect: { caseWorker: 200, caseSupervisor: 200, caseWorkerOther: 404, others: 403 },
  },
  'GET /foster/matches/:caseId': { request: get('/foster/matches/{match}'), expect: { ...YOUTH_VIEWERS, others: 404 } },
  'GET /foster/matches/:caseId/surveys': {
    request: get('/foster/matches/{match}/surveys'),
    expect: { ...YOUTH_VIEWERS, others: 404 },
  },
  'POST /foster/matches/:caseId/close': {
    request: () => ({
      method: 'POST',
      path: `/foster/matches/${F.matchId}/close`,
      body: { reason: 'planned', notes: 'Year done' },
    }),
    expect: { caseWorker: 200, caseSupervisor: 409, caseWorkerOther: 404, others: 403 },
  },
  'POST /foster/youth/:caseId/close': {
    request: () => ({
      method: 'POST',
      path: `/foster/youth/${F.closableYouthId}/close`,
      body: { reason: 'The youth left care' },
    }),
    expect: { caseWorker: 200, caseSupervisor: 409, caseWorkerOther: 404, others: 403 },
  },
  // Only a case supervisor reopens, and only a closed match (this one is still closing).
  'POST /foster/matches/:caseId/reopen': {
    request: () => ({ method: 'POST', path: `/foster/matches/${F.matchId}/reopen`, body: {} }),
    expect: { caseSupervisor: 409, others: 403 },
  },
  'GET /surveys/:token': {
    public: true,
    request: get('/surveys/not-a-real-token'),
    expect: { others: 404, anon: 404 },
  },
  'POST /surveys/:token': {
    public: true,
    request: () => ({
      method: 'POST',
      path: '/surveys/not-a-real-token',
      body: { answers: [{ itemId: 'q1', value: 3 }] },
    }),
    expect: { others: 404, anon: 404 },
  },
  'GET /survey-instruments': { request: get('/survey-instruments'), expect: { admin: 200, others: 403 } },
  // A version refused whole (no items): nothing is published by the matrix.
  'POST /survey-instruments': {
    request: () => ({ method: 'POST', path: '/survey-instruments', body: { id: 'relationship-quality' } }),
    expect: { admin: 400, others: 403 },
  },
});
