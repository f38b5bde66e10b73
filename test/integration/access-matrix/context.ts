/**
 * What every row of the access matrix (access-matrix.test.ts) acts on: the running stack, the
 * personas (each role in and out of scope), the cases made once before the first row, and the
 * shapes and helpers the rows share. The rows, by area, are in the files beside this one.
 */
import { laDate } from '../../../platform/workflow/calendar';
import { as, startStack, truncateAll, type Person, type Stack } from '../../support/stack';
import { certifiedProgram, DEPT, enrollmentBody, registerProgram, today, verifiedHours, year } from '../fixtures';
import { activeMatch, approvedMentor, mentorApplication, readyYouth } from '../foster-fixtures';
import { referralForm, submitConfirmed } from '../referral-fixtures';
import { callerApplication, wellnessReferral } from '../wellness-fixtures';
import { certifiedMentor, coord as collegeCoordinator, coordElsewhere, mentorPerson } from '../ece-fixtures';

export let stack: Stack;
export let F: Awaited<ReturnType<typeof fixtures>>;

const person = (sub: string, roles: string[], extra: Partial<Person> = {}): Person => ({
  sub,
  roles,
  name: sub,
  email: `${sub}@example.gov`,
  ...extra,
});
export let P: Record<string, Person>;
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
export type Who = string; // a key of P, or 'anon'

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
  // The questions of the bank version the case started with (another suite may publish a newer one).
  const bankVersion = cert.body.questionBankVersion as number;
  const questions = (await as(stack).get(`/certifications/questions?version=${bankVersion}`)).body.items as {
    id: string;
  }[];
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

export interface Row {
  /** The request a persona makes (the same for everyone unless it depends on who asks). */
  request: (
    who: Who,
  ) => Promise<{ method: string; path: string; body?: unknown }> | { method: string; path: string; body?: unknown };
  /** The expected status per persona; `others` for everyone not listed (anon: 401 unless public). */
  expect: Record<string, number> & { others: number };
  public?: boolean;
}

export const LEAVE_VIEWERS = { employee: 200, supervisor: 200, hr: 200, coordinator: 200, admin: 200 };
// The assigned case worker and case supervisors; other case workers read an approved mentor's pool profile; admins nothing.
export const SCREENING_VIEWERS = { caseWorker: 200, caseWorkerOther: 200, caseSupervisor: 200 };
export const YOUTH_VIEWERS = { caseWorker: 200, caseSupervisor: 200, socialWorker: 200 };
export const CERT_VIEWERS = { staff: 200, reviewer: 200, reviewerConflicted: 200, reviewLead: 200, admin: 200 };
export const REFERRAL_VIEWERS = { partnershipCoordinator: 200, staff: 200, admin: 200 };
export const REFERRAL_SETTINGS = {
  accepting: true,
  counties: ['Sacramento'],
  virtual: false,
  languages: ['English'],
  youthAges: { min: 8, max: 18 },
};
export const get = (path: string) => () => ({ method: 'GET', path });
/** The person the admin adds (a new id each run: the people table outlives a run). */
export const NEW_PERSON = `mx-new-${Date.now().toString(36)}`;
export const placementBody = (mentorCaseId: string) => ({
  mentorCaseId,
  mentee: {
    id: `mx-mentee-${Math.random().toString(36).slice(2, 7)}`,
    name: 'M',
    email: 'm@example.org',
    kind: 'student',
  },
  term: { start: today, end: laDate(Date.now() + 90 * 86_400_000) },
});

let shared: string | undefined;
export async function sharedTask(): Promise<string> {
  shared ??= await F.reviewTask(F.nextYear);
  return shared;
}

export const fill = (path: string) =>
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

/** The stack, the personas and the cases every row acts on: made once, before the first row. */
export async function setUp(): Promise<void> {
  stack = await startStack();
  await truncateAll(stack.db);
  F = await fixtures();
}
