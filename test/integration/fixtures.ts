/** People and records the HTTP suites share. */
import { laDate, laYear } from '../../platform/workflow/calendar';
import { as, type Person, type Stack } from '../support/stack';

export const DEPT = 'CDT';
export const admin: Person = { sub: 'admin-1', roles: ['admin'], name: 'Ada Admin' };
export const hr: Person = { sub: 'hr-1', roles: ['hr_officer'], department: DEPT, name: 'Hana HR' };
export const hr2: Person = { sub: 'hr-2', roles: ['hr_officer'], department: DEPT, name: 'Hugo HR' };
export const hrElsewhere: Person = { sub: 'hr-9', roles: ['hr_officer'], department: 'DMV', name: 'Hal HR' };
export const sup: Person = {
  sub: 'sup-1',
  roles: ['supervisor'],
  department: DEPT,
  name: 'Sam Supervisor',
  email: 'sam@example.gov',
};
export const sup2: Person = {
  sub: 'sup-2',
  roles: ['supervisor'],
  department: DEPT,
  name: 'Sue Supervisor',
  email: 'sue@example.gov',
};

export const year = laYear(Date.now());
export const today = laDate(Date.now());

export function employee(n: number): Person & { email: string } {
  return {
    sub: `emp-${n}`,
    roles: ['employee'],
    department: DEPT,
    name: `Employee ${n}`,
    email: `emp${n}@example.gov`,
  };
}

export function coordinatorOf(programId: string): Person {
  return { sub: `coord-${programId.slice(0, 8)}`, roles: ['org_coordinator'], programId, name: 'Cora Coordinator' };
}

export const reviewer: Person = { sub: 'rev-1', roles: ['quality_reviewer'], name: 'Rita Reviewer' };
export const reviewer2: Person = { sub: 'rev-2', roles: ['quality_reviewer'], name: 'Rob Reviewer' };
export const reviewLead: Person = { sub: 'lead-1', roles: ['review_lead'], name: 'Lee Lead' };
export const staffOf = (programId: string): Person => ({
  sub: `staff-${programId.slice(0, 8)}`,
  roles: ['program_staff'],
  programId,
  name: 'Pat Staff',
});

/** Registers a program in the directory (level none); returns its id. */
export async function registerProgram(
  stack: Stack,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; contactEmail: string }> {
  const contactEmail = `contact-${Math.random().toString(36).slice(2, 8)}@program.example`;
  const created = await as(stack, admin).post('/programs', {
    name: `Big Siblings ${Math.random().toString(36).slice(2, 7)}`,
    organization: 'Big Siblings of Sacramento',
    contactEmail,
    county: 'Sacramento',
    startedOn: '2015-09-01',
    minimumMatchMonths: 12,
    ...overrides,
  });
  if (created.status !== 201) throw new Error(`program: ${created.status} ${created.text}`);
  return { id: created.body.id, contactEmail };
}

export async function certifiedProgram(stack: Stack, level: 'partner' | 'none' = 'partner'): Promise<string> {
  const a = as(stack, admin);
  const created = { body: await registerProgram(stack) };
  if (level === 'partner') {
    const set = await a.put(`/programs/${created.body.id}/level`, {
      level: 'partner',
      certifiedUntil: `${year + 2}-06-30`,
      note: 'imported from the 2024 review',
    });
    if (set.status !== 200) throw new Error(`level: ${set.status} ${set.text}`);
  }
  return created.body.id;
}

export function enrollmentBody(
  emp: Person & { email: string },
  programId: string,
  overrides: Record<string, unknown> = {},
) {
  const { employee: empOverrides, ...rest } = overrides as { employee?: Record<string, unknown> };
  return {
    employee: {
      id: emp.sub,
      name: emp.name,
      email: emp.email,
      department: DEPT,
      bargainingUnit: 1,
      appointment: 'permanent',
      ...empOverrides,
    },
    supervisor: { id: sup.sub, name: sup.name, email: sup.email },
    program: { programId },
    commitment: { startDate: `${year}-01-15`, endDate: `${year + 1}-06-15` },
    ...rest,
  };
}

/** Enrolls an employee and has HR approve eligibility; returns the case id. */
export async function activeEnrollment(
  stack: Stack,
  emp: Person & { email: string },
  programId: string,
): Promise<string> {
  const created = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
  if (created.status !== 201) throw new Error(`enroll: ${created.status} ${created.text}`);
  const review = created.body.openTasks.find((t: { type: string }) => t.type === 'eligibility_review');
  const done = await as(stack, hr).post(`/tasks/${review.id}/complete`, { outcome: 'approve' });
  if (done.status !== 200) throw new Error(`approve: ${done.status} ${done.text}`);
  return created.body.id;
}

/** Logs personal time and has the coordinator verify it. */
export async function verifiedHours(
  stack: Stack,
  emp: Person,
  caseId: string,
  programId: string,
  hours: number,
): Promise<void> {
  const logged = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/personal-time`, {
    date: today,
    hours,
    kind: 'off_duty',
    description: 'Tutoring at Oak Elementary',
  });
  if (logged.status !== 201) throw new Error(`log: ${logged.status} ${logged.text}`);
  const c = await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`);
  const task = c.body.openTasks.find((t: { type: string }) => t.type === 'verify_personal_hours');
  const done = await as(stack, coordinatorOf(programId)).post(`/tasks/${task.id}/complete`, { outcome: 'verify' });
  if (done.status !== 200) throw new Error(`verify: ${done.status} ${done.text}`);
}
