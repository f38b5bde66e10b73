/**
 * The access matrix's rows (access-matrix.test.ts) for one area, in the order they run.
 */
import { F, get, CERT_VIEWERS, type Row } from './context';

/** Program records and the start of a certification: program staff for their own program, admins for any. */
export const programRows = (): Record<string, Row> => ({
  'POST /programs': {
    request: () => ({
      method: 'POST',
      path: '/programs',
      body: {
        name: 'Matrix Mentors',
        organization: 'Org',
        contactEmail: 'c@example.org',
        county: 'Yolo',
        startedOn: '2020-01-01',
        minimumMatchMonths: 12,
      },
    }),
    expect: { staff: 201, staffOther: 201, admin: 201, others: 403 },
  },
  'GET /programs': { public: true, request: get('/programs'), expect: { others: 200, anon: 200 } },
  'GET /programs/:programId': {
    public: true,
    request: get('/programs/{programP}'),
    expect: { others: 200, anon: 200 },
  },
  'GET /programs/:programId/timeline': {
    request: get('/programs/{programP}/timeline'),
    expect: {
      staff: 200,
      staffOther: 404,
      reviewer: 200,
      reviewerConflicted: 200,
      reviewLead: 200,
      admin: 200,
      others: 403,
    },
  },
  'PUT /programs/:programId/level': {
    request: () => ({
      method: 'PUT',
      path: `/programs/${F.programQ}/level`,
      body: { level: 'affiliate', note: 'Imported' },
    }),
    expect: { admin: 200, others: 403 },
  },
  'POST /programs/:programId/certifications': {
    // Program P has a certification in progress: its staff and admins get the rule's 409.
    request: () => ({ method: 'POST', path: `/programs/${F.programP}/certifications`, body: { level: 'partner' } }),
    expect: { staff: 409, admin: 409, others: 403 },
  },
});

/** Certification: the question banks, the case, and the program staff's self-assessment and work plan. */
export const certificationRows = (): Record<string, Row> => ({
  'GET /certifications/questions': {
    public: true,
    request: get('/certifications/questions'),
    expect: { others: 200, anon: 200 },
  },
  'GET /certifications/question-banks': {
    request: get('/certifications/question-banks'),
    expect: { admin: 200, others: 403 },
  },
  // An empty bank: an admin is refused on its content (nothing published), the others on who they are.
  'POST /certifications/question-banks': {
    request: () => ({ method: 'POST', path: '/certifications/question-banks', body: { questions: [], reason: 'x' } }),
    expect: { admin: 400, others: 403 },
  },
  'GET /certifications/:caseId': { request: get('/certifications/{cert}'), expect: { ...CERT_VIEWERS, others: 404 } },
  'PUT /certifications/:caseId/self-assessment': {
    request: () => ({
      method: 'PUT',
      path: `/certifications/${F.certId}/self-assessment`,
      body: { answers: F.questions.map((q) => ({ questionId: q.id, response: 'yes' })) },
    }),
    expect: { staff: 200, admin: 200, staffOther: 404, others: 403 },
  },
  'POST /certifications/:caseId/self-assessment/submit': {
    request: () => ({ method: 'POST', path: `/certifications/${F.certId}/self-assessment/submit` }),
    expect: { staff: 200, admin: 409, staffOther: 404, others: 403 },
  },
  'POST /certifications/:caseId/work-plan/:itemId/complete': {
    request: () => ({
      method: 'POST',
      path: `/certifications/${F.certId}/work-plan/no-such-item/complete`,
      body: { evidence: 'x' },
    }),
    expect: { staff: 409, admin: 409, staffOther: 404, others: 403 },
  },
});
