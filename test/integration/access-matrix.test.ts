/**
 * Route × role × scope: for every route of the API's route table, every persona (each role
 * in and out of scope, and no token at all) gets the contract's answer. A route added
 * without a row here fails the first test. Afterwards: no out-of-scope record in any
 * list, report or e-mail. Real services; allowed writes really happen, in the order below.
 */
import { laDate } from '../../platform/workflow/calendar';
import { as, mailbox, startStack, truncateAll, type Person, type Stack } from '../support/stack';
import { certifiedProgram, DEPT, enrollmentBody, registerProgram, today, verifiedHours, year } from './fixtures';
import { activeMatch, approvedMentor, mentorApplication, readyYouth, youthReferral } from './foster-fixtures';
import { referralForm, submitConfirmed } from './referral-fixtures';
import { leakedTo, secretsOf } from './matrix-secrets';
import { callerApplication, wellnessReferral } from './wellness-fixtures';
import {
  certifiedMentor,
  coord as collegeCoordinator,
  coordElsewhere,
  mentorApplication as eceApplication,
  mentorPerson,
} from './ece-fixtures';

let stack: Stack;
let F: Awaited<ReturnType<typeof fixtures>>;

const person = (sub: string, roles: string[], extra: Partial<Person> = {}): Person => ({
  sub,
  roles,
  name: sub,
  email: `${sub}@example.gov`,
  ...extra,
});
let P: Record<string, Person>;
function personas(programP: string, programQ: string): Record<string, Person> {
  return {
    employee: person('mx-emp', ['employee'], { department: DEPT }),
    employeeOther: person('mx-emp-2', ['employee'], { department: DEPT }),
    supervisor: person('mx-sup', ['supervisor'], { department: DEPT }),
    supervisorOther: person('mx-sup-2', ['supervisor'], { department: 'DMV' }),
    hr: person('mx-hr', ['hr_officer'], { department: DEPT }),
    hrOther: person('mx-hr-2', ['hr_officer'], { department: 'DMV' }),
    hrUnscoped: person('mx-hr-3', ['hr_officer']),
    coordinator: person('mx-coord', ['org_coordinator'], { programId: programP }),
    coordinatorOther: person('mx-coord-2', ['org_coordinator'], { programId: programQ }),
    staff: person('mx-staff', ['program_staff'], { programId: programP }),
    staffOther: person('mx-staff-2', ['program_staff'], { programId: programQ }),
    caseWorker: person('cw-1', ['case_worker']),
    caseWorkerOther: person('cw-2', ['case_worker']),
    caseSupervisor: person('csup-1', ['case_supervisor']),
    socialWorker: person('sw-1', ['social_worker'], { email: 'sol@county.example' }),
    socialWorkerOther: person('sw-2', ['social_worker']),
    reviewer: person('mx-rev', ['quality_reviewer']),
    reviewerConflicted: person('mx-rev-2', ['quality_reviewer'], { programId: programP }),
    reviewLead: person('mx-lead', ['review_lead']),
    admin: person('mx-admin', ['admin']),
    partnershipCoordinator: person('mx-pc', ['partnership_coordinator']),
    collegeCoordinator,
    collegeCoordinatorOther: coordElsewhere,
  };
}
type Who = string; // a key of P, or 'anon'

async function fixtures() {
  const programP = await certifiedProgram(stack);
  const programQ = (await registerProgram(stack)).id;
  P = personas(programP, programQ);
  for (const p of Object.values(P)) await as(stack, p).get('/tasks'); // everyone signs in once
  const emp = { ...P.employee, email: P.employee.email! };
  const leave = await as(stack, emp).post(
    '/mentoring-leave/enrollments',
    enrollmentBody(emp, programP, { supervisor: { id: P.supervisor.sub, name: 'S', email: P.supervisor.email } }),
  );
  const leaveId = leave.body.id as string;
  await as(stack, P.hr).post(`/tasks/${leave.body.openTasks[0].id}/complete`, { outcome: 'approve' });
  await verifiedHours(stack, emp, leaveId, programP, 4);
  const pending = await as(stack, emp).post(`/mentoring-leave/enrollments/${leaveId}/requests`, {
    date: today,
    hours: 1,
    attestNoTravel: true,
  });
  // A task to claim, assign and complete: the eligibility review of a next year's enrollment.
  const reviewTask = async (y: number) => {
    const r = await as(stack, emp).post(
      '/mentoring-leave/enrollments',
      enrollmentBody(emp, programP, {
        year: y,
        supervisor: { id: P.supervisor.sub, name: 'S', email: P.supervisor.email },
      }),
    );
    if (r.status !== 201) throw new Error(`enroll ${y}: ${r.status} ${r.text}`);
    return r.body.openTasks[0].id as string;
  };
  const mentorId = await approvedMentor(stack);
  const screeningId = (await as(stack, P.caseWorker).post('/foster/mentors', mentorApplication())).body.id as string;
  const youthId = await readyYouth(stack);
  const closableYouthId = await readyYouth(stack);
  const match = await activeMatch(stack, await approvedMentor(stack), await readyYouth(stack));
  const cert = await as(stack, P.staff).post(`/programs/${programP}/certifications`, { level: 'partner' });
  await as(stack, P.reviewer).post(`/tasks/${cert.body.openTasks[0].id}/complete`, { outcome: 'approve' });
  const questions = (await as(stack).get('/certifications/questions')).body.items as { id: string }[];
  const payrollId = (await as(stack, P.hr).post('/mentoring-leave/payroll-exports', { period: today.slice(0, 7) })).body
    .id as string;
  // Program P takes referrals in its county; a volunteer confirms the address and is referred to it.
  await as(stack, P.staff).put(`/programs/${programP}/referrals`, REFERRAL_SETTINGS);
  const referralId = await submitConfirmed(stack, referralForm('Sacramento'));
  const callerId = (await as(stack, P.caseWorker).post('/wellness/callers', callerApplication(['English']))).body
    .id as string;
  const wellnessId = (await as(stack, P.socialWorker).post('/wellness/youth', wellnessReferral())).body.id as string;
  const eceMentorId = await certifiedMentor(stack, mentorPerson());
  const placementId = (await as(stack, collegeCoordinator).post('/ece/placements', placementBody(eceMentorId))).body
    .id as string;
  return {
    callerId,
    wellnessId,
    eceMentorId,
    placementId,
    payrollId,
    referralId,
    programP,
    programQ,
    leaveId,
    requestId: pending.body.id as string,
    reviewTask,
    nextYear: year + 1,
    mentorId,
    screeningId,
    youthId,
    closableYouthId,
    matchId: match.id as string,
    certId: cert.body.id as string,
    questions,
  };
}

beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
  F = await fixtures();
}, 300_000);
afterAll(async () => stack?.stop());

interface Row {
  /** The request a persona makes (the same for everyone unless it depends on who asks). */
  request: (
    who: Who,
  ) => Promise<{ method: string; path: string; body?: unknown }> | { method: string; path: string; body?: unknown };
  /** The expected status per persona; `others` for everyone not listed (anon: 401 unless public). */
  expect: Record<string, number> & { others: number };
  public?: boolean;
}

const LEAVE_VIEWERS = { employee: 200, supervisor: 200, hr: 200, coordinator: 200, admin: 200 };
// The assigned case worker and case supervisors; other case workers read an approved mentor's pool profile; admins nothing.
const SCREENING_VIEWERS = { caseWorker: 200, caseWorkerOther: 200, caseSupervisor: 200 };
const YOUTH_VIEWERS = { caseWorker: 200, caseSupervisor: 200, socialWorker: 200 };
const CERT_VIEWERS = { staff: 200, reviewer: 200, reviewerConflicted: 200, reviewLead: 200, admin: 200 };
const REFERRAL_VIEWERS = { partnershipCoordinator: 200, staff: 200, admin: 200 };
const REFERRAL_SETTINGS = {
  accepting: true,
  counties: ['Sacramento'],
  virtual: false,
  languages: ['English'],
  youthAges: { min: 8, max: 18 },
};
const get = (path: string) => () => ({ method: 'GET', path });
const placementBody = (mentorCaseId: string) => ({
  mentorCaseId,
  mentee: {
    id: `mx-mentee-${Math.random().toString(36).slice(2, 7)}`,
    name: 'M',
    email: 'm@example.org',
    kind: 'student',
  },
  term: { start: today, end: laDate(Date.now() + 90 * 86_400_000) },
});

const MATRIX: Record<string, Row> = {
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
    expect: {
      hr: 200,
      admin: 200,
      hrOther: 404,
      caseSupervisor: 404,
      reviewLead: 404,
      partnershipCoordinator: 404,
      others: 403,
    },
  },
  'POST /tasks/:taskId/claim': {
    request: async (who) => ({
      method: 'POST',
      path: `/tasks/${who === 'hr' ? await F.reviewTask(F.nextYear + 1) : await sharedTask()}/claim`,
    }),
    expect: { hr: 200, employee: 403, supervisor: 403, coordinator: 403, admin: 403, others: 404 },
  },
  'POST /tasks/:taskId/release': {
    request: async (who) => {
      if (who !== 'hr') return { method: 'POST', path: `/tasks/${await sharedTask()}/release` };
      const id = await F.reviewTask(F.nextYear + 9);
      await as(stack, P.hr).post(`/tasks/${id}/claim`);
      return { method: 'POST', path: `/tasks/${id}/release` };
    },
    expect: { hr: 200, employee: 403, supervisor: 403, coordinator: 403, admin: 403, others: 404 },
  },
  'POST /tasks/:taskId/assign': {
    request: async (who) => ({
      method: 'POST',
      path: `/tasks/${who === 'hr' ? await F.reviewTask(F.nextYear + 2) : who === 'admin' ? await F.reviewTask(F.nextYear + 3) : await sharedTask()}/assign`,
      body: { assigneeId: 'mx-hr' },
    }),
    expect: {
      hr: 200,
      admin: 200,
      hrOther: 404,
      caseSupervisor: 404,
      reviewLead: 404,
      partnershipCoordinator: 404,
      others: 403,
    },
  },
  'POST /tasks/:taskId/complete': {
    request: async (who) => ({
      method: 'POST',
      path: `/tasks/${who === 'hr' ? await F.reviewTask(F.nextYear + 4) : await sharedTask()}/complete`,
      body: { outcome: 'approve' },
    }),
    expect: { hr: 200, employee: 403, supervisor: 403, coordinator: 403, admin: 403, others: 404 },
  },
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
  'PUT /programs/:programId/referrals': {
    request: () => ({ method: 'PUT', path: `/programs/${F.programP}/referrals`, body: REFERRAL_SETTINGS }),
    expect: { staff: 200, admin: 200, staffOther: 404, others: 403 },
  },
  // The volunteer form and the withdraw link are public (no account); anyone may send the form.
  'POST /referrals': {
    public: true,
    request: () => ({ method: 'POST', path: '/referrals', body: referralForm('Sacramento') }),
    expect: { others: 201, anon: 201 },
  },
  'POST /referrals/confirm/:token': {
    public: true,
    request: () => ({ method: 'POST', path: '/referrals/confirm/not-a-real-token-at-all' }),
    expect: { others: 404, anon: 404 },
  },
  'POST /referrals/withdraw/:token': {
    public: true,
    request: () => ({ method: 'POST', path: '/referrals/withdraw/not-a-real-token-at-all' }),
    expect: { others: 404, anon: 404 },
  },
  // Program P was offered already and Q takes no referrals: the coordinator gets the rule's answer.
  'POST /referrals/:caseId/offers': {
    request: () => ({ method: 'POST', path: `/referrals/${F.referralId}/offers`, body: { programIds: [F.programP] } }),
    expect: { partnershipCoordinator: 422, others: 403 },
  },
  'GET /referrals/:caseId': { request: get('/referrals/{referral}'), expect: { ...REFERRAL_VIEWERS, others: 404 } },
  'GET /referrals/reports': {
    request: get('/referrals/reports'),
    expect: { partnershipCoordinator: 200, admin: 200, others: 403 },
  },
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
  'GET /certifications/reports/pipeline': {
    request: get('/certifications/reports/pipeline'),
    expect: { reviewer: 200, reviewerConflicted: 200, reviewLead: 200, admin: 200, others: 403 },
  },
  'GET /me': { request: get('/me'), expect: { others: 200 } },
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
  'GET /certifications/questions': {
    public: true,
    request: get('/certifications/questions'),
    expect: { others: 200, anon: 200 },
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
};

let shared: string | undefined;
async function sharedTask(): Promise<string> {
  shared ??= await F.reviewTask(F.nextYear);
  return shared;
}

const fill = (path: string) =>
  path
    .replace('{leave}', F.leaveId)
    .replace('{youth}', F.youthId)
    .replace('{mentor}', F.mentorId)
    .replace('{match}', F.matchId)
    .replace('{cert}', F.certId)
    .replace('{programP}', F.programP)
    .replace('{payroll}', F.payrollId)
    .replace('{referral}', F.referralId)
    .replace('{caller}', F.callerId)
    .replace('{wellness}', F.wellnessId)
    .replace('{eceMentor}', F.eceMentorId)
    .replace('{placement}', F.placementId);

test('every route of the route table has its row in the matrix', () => {
  const routes = stack.routes.map((r) => `${r.method} ${r.path}`);
  expect(routes.filter((r) => !MATRIX[r])).toEqual([]);
  expect(Object.keys(MATRIX).filter((k) => !routes.includes(k))).toEqual([]);
});

test('every route answers every persona, in and out of scope, as the contract says, with no field they may not read', async () => {
  const mismatches: string[] = [];
  const secrets = await secretsOf(stack, P, F);
  const leaks: string[] = [];
  for (const [route, row] of Object.entries(MATRIX)) {
    for (const who of [...Object.keys(P), 'anon']) {
      const expected = row.expect[who] ?? (who === 'anon' && !row.public ? 401 : row.expect.others);
      const r = await row.request(who);
      const res = await as(stack, who === 'anon' ? undefined : P[who]).raw(
        r.method,
        `/api/v1${fill(r.path)}`,
        r.body ?? (r.method === 'GET' ? undefined : {}),
      );
      if (res.status !== expected)
        mismatches.push(
          `${route} as ${who}: ${res.status} (expected ${expected}) ${res.status >= 400 ? (res.body?.code ?? res.body?.detail ?? '') : ''}`,
        );
      if (res.status >= 400) expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      // A 201 is the persona's own new case, echoing what they entered (the fixtures repeat birth dates and phones).
      if (res.status !== 201)
        leaks.push(...leakedTo(who, res.text, secrets).map((what) => `${route} as ${who}: ${what}`));
    }
  }
  expect(mismatches).toEqual([]);
  expect(leaks).toEqual([]);
}, 300_000);

test('no out-of-scope record in any list, report or e-mail', async () => {
  const listed = async (who: string, path: string) =>
    (await as(stack, P[who]).get(path)).body.items as { id: string; caseId?: string }[];
  for (const who of Object.keys(P)) {
    const cases = (await listed(who, '/cases?limit=200')).map((c) => c.id);
    expect([who, cases.includes(F.leaveId)]).toEqual([who, who in LEAVE_VIEWERS]);
    expect([who, cases.includes(F.youthId)]).toEqual([who, who in YOUTH_VIEWERS]);
    expect([who, cases.includes(F.certId)]).toEqual([who, who in CERT_VIEWERS]);
    expect([who, cases.includes(F.referralId)]).toEqual([who, who in REFERRAL_VIEWERS]);
    expect([who, cases.includes(F.wellnessId)]).toEqual([
      who,
      ['socialWorker', 'partnershipCoordinator', 'caseSupervisor'].includes(who),
    ]);
    for (const t of await listed(who, '/tasks?limit=200')) {
      const c = await as(stack, P[who]).get(`/tasks/${t.id}`);
      expect([who, t.id, c.status]).toEqual([who, t.id, 200]);
    }
  }
  // The usage report of another department's HR does not count this department.
  const other = (await as(stack, P.hrOther).get('/mentoring-leave/reports/usage')).body.items as {
    department: string;
  }[];
  expect(other.every((i) => i.department === 'DMV')).toBe(true);
  // The youth's name and needs are in no e-mail at all.
  const youth = (await as(stack, P.caseWorker).get(`/foster/youth/${F.youthId}`)).body.youth as {
    name: string;
    needs: string;
  };
  const mail = await mailbox();
  expect(
    mail.filter((m) => m.text.includes(youth.name) || m.subject.includes(youth.name) || m.text.includes(youth.needs)),
  ).toEqual([]);
  // A volunteer's name reaches no one by e-mail but the volunteer (their confirmation).
  const volunteer = (await as(stack, P.partnershipCoordinator).get(`/referrals/${F.referralId}`)).body.volunteer as {
    name: string;
    email: string;
  };
  expect(
    mail.filter(
      (m) => (m.text.includes(volunteer.name) || m.subject.includes(volunteer.name)) && !m.to.includes(volunteer.email),
    ),
  ).toEqual([]);
  // Only the coordinators and the referred program read the volunteer's details; an admin sees the case without them.
  expect((await as(stack, P.staff).get(`/referrals/${F.referralId}`)).body.volunteer?.email).toBe(volunteer.email);
  expect((await as(stack, P.admin).get(`/referrals/${F.referralId}`)).body.volunteer).toBeUndefined();
});
