/**
 * The stories the chaos run drives through the API, one per process, each ending in a
 * known state with a known timeline: a leave year (enrolled, approved, personal time
 * verified, a request approved by supervisor and HR) and an Affiliate certification here,
 * the foster stories in foster-stories.ts; and the people and helpers they share. Every
 * creating POST carries an Idempotency-Key, so a retry after a crash finds its case.
 */
import { randomUUID } from 'node:crypto';
import { laDate } from '../../platform/workflow/calendar';
import type { Api, Person, Reply } from './client';

/** What a story left behind, checked at the end against the read model. */
export interface Outcome {
  caseId: string;
  story: 'leave' | 'certification' | 'mentor' | 'youth' | 'match';
  stage: string;
  status: 'open' | 'closed';
  /** Each timeline event the case must hold, and how many times. */
  events: Record<string, number>;
}

export type Task = { id: string; type: string; ref?: string; candidateRoles: string[] };

const DEPT = 'CDT';
const admin: Person = { sub: 'chaos-admin', roles: ['admin'], name: 'Chaos Admin' };
const hr: Person = { sub: 'chaos-hr', roles: ['hr_officer'], department: DEPT, name: 'Hana HR' };
const sup: Person = {
  sub: 'chaos-sup',
  roles: ['supervisor'],
  department: DEPT,
  name: 'Sam Supervisor',
  email: 'sam@example.gov',
};
const reviewer: Person = { sub: 'chaos-rev', roles: ['quality_reviewer'], name: 'Rita Reviewer' };
export const cw: Person = { sub: 'chaos-cw', roles: ['case_worker'], name: 'Casey Worker' };
export const caseSup: Person = { sub: 'chaos-csup', roles: ['case_supervisor'], name: 'Chris Supervisor' };
export const sw: Person = {
  sub: 'chaos-sw',
  roles: ['social_worker'],
  name: 'Sol Social',
  email: 'sol@county.example',
};
const staffOf = (programId: string): Person => ({
  sub: `chaos-staff-${programId.slice(0, 8)}`,
  roles: ['program_staff'],
  programId,
  name: 'Pat Staff',
});
const coordinatorOf = (programId: string): Person => ({
  sub: `chaos-coord-${programId.slice(0, 8)}`,
  roles: ['org_coordinator'],
  programId,
  name: 'Cora Coordinator',
});

export const yearsAgo = (n: number) => laDate(Date.now() - n * 365.25 * 86_400_000);
const openTask = (c: Reply, type: string, role?: string): Task | undefined =>
  (c.body?.openTasks as Task[] | undefined)?.find((t) => t.type === type && (!role || t.candidateRoles.includes(role)));

/** The case once the read model shows an open task of `type` (for `role`). */
export async function taskOn(api: Api, who: Person, caseId: string, type: string, role?: string): Promise<Task> {
  const c = await api.until(
    who,
    `/cases/${caseId}`,
    (r) => r.status === 200 && !!openTask(r, type, role),
    `task ${type}`,
  );
  return openTask(c, type, role)!;
}

/**
 * Completes a task, and waits until the read model shows it completed (after a 202 the
 * workflow finishes on its own time); a retry that meets 409 checks whether an earlier
 * attempt took effect.
 */
export async function complete(api: Api, who: Person, task: Task, body: Record<string, unknown>): Promise<Reply> {
  const isCompleted = async () => (await api.once(who, 'GET', `/tasks/${task.id}`)).body?.status === 'completed';
  const r = await api.post(who, `/tasks/${task.id}/complete`, body, { done: isCompleted });
  await api.until(who, `/tasks/${task.id}`, (x) => x.body?.status === 'completed', `task ${task.type} completed`);
  return r;
}

export const caseIdOf = (r: Reply): string => r.body.id ?? r.body.caseId;
export const reach = (api: Api, who: Person, caseId: string, stage: string) =>
  api.until(who, `/cases/${caseId}`, (r) => r.status === 200 && r.body.stage === stage, `stage ${stage}`);

/** A program in the directory; Partner when asked (for enrollments), else level none. */
export async function program(api: Api, partner: boolean): Promise<string> {
  const r = await api.post(
    admin,
    '/programs',
    {
      name: `Chaos Mentors ${randomUUID().slice(0, 6)}`,
      organization: 'Chaos Mentors of Davis',
      contactEmail: `contact-${randomUUID().slice(0, 8)}@program.example`,
      county: 'Yolo',
      startedOn: '2015-09-01',
      minimumMatchMonths: 12,
    },
    { key: randomUUID() },
  );
  const id = r.body.id as string;
  if (partner) {
    const year = Number(laDate(Date.now()).slice(0, 4));
    await api.until(admin, `/programs/${id}`, (x) => x.status === 200, 'the program');
    for (let i = 0; ; i++) {
      const set = await api.once(admin, 'PUT', `/programs/${id}/level`, {
        level: 'partner',
        certifiedUntil: `${year + 2}-06-30`,
        note: 'chaos run',
      });
      if (set.status === 200) break;
      if (i > 200) throw new Error(`program level: ${set.status}`);
      await new Promise((res) => setTimeout(res, 500));
    }
  }
  return id;
}

export async function leaveStory(api: Api, n: number, programId: string): Promise<Outcome> {
  const emp: Person = {
    sub: `chaos-emp-${n}`,
    roles: ['employee'],
    department: DEPT,
    name: `Employee ${n}`,
    email: `chaos-emp${n}@example.gov`,
  };
  const year = Number(laDate(Date.now()).slice(0, 4));
  const today = laDate(Date.now());
  const created = await api.post(
    emp,
    '/mentoring-leave/enrollments',
    {
      employee: {
        id: emp.sub,
        name: emp.name,
        email: emp.email,
        department: DEPT,
        bargainingUnit: 1,
        appointment: 'permanent',
      },
      supervisor: { id: sup.sub, name: sup.name, email: sup.email },
      program: { programId },
      commitment: { startDate: `${year}-01-15`, endDate: `${year + 1}-06-15` },
    },
    { key: randomUUID() },
  );
  const id = caseIdOf(created);
  await complete(api, hr, await taskOn(api, hr, id, 'eligibility_review'), { outcome: 'approve' });
  await reach(api, emp, id, 'active');
  await api.post(
    emp,
    `/mentoring-leave/enrollments/${id}/personal-time`,
    { date: today, hours: 3, kind: 'vacation', description: 'Reading with my mentee' },
    { key: randomUUID() },
  );
  await complete(
    api,
    coordinatorOf(programId),
    await taskOn(api, coordinatorOf(programId), id, 'verify_personal_hours'),
    { outcome: 'verify' },
  );
  await api.until(emp, `/cases/${id}`, (r) => r.body?.ledger?.verifiedPersonalHours === 3, 'verified hours');
  await api.post(
    emp,
    `/mentoring-leave/enrollments/${id}/requests`,
    { date: today, hours: 2, attestNoTravel: true, note: 'Field trip' },
    { key: randomUUID() },
  );
  await complete(api, sup, await taskOn(api, sup, id, 'supervisor_approval'), { outcome: 'approve' });
  await complete(api, hr, await taskOn(api, hr, id, 'hr_approval'), { outcome: 'approve' });
  await api.until(emp, `/cases/${id}`, (r) => r.body?.requests?.[0]?.status === 'approved', 'the approved request');
  return {
    caseId: id,
    story: 'leave',
    stage: 'active',
    status: 'open',
    events: {
      enrolled: 1,
      supervisor_confirmed: 1,
      enrollment_approved: 1,
      task_created: 4,
      task_completed: 4,
      personal_time_logged: 1,
      personal_time_verified: 1,
      leave_requested: 1,
      leave_request_supervisor_approved: 1,
      leave_request_approved: 1,
    },
  };
}

export async function certificationStory(api: Api): Promise<Outcome> {
  const programId = await program(api, false);
  const created = await api.post(
    staffOf(programId),
    `/programs/${programId}/certifications`,
    { level: 'affiliate' },
    { key: randomUUID() },
  );
  const id = caseIdOf(created);
  await complete(api, reviewer, await taskOn(api, reviewer, id, 'application_review'), { outcome: 'approve' });
  await reach(api, reviewer, id, 'affiliate');
  return {
    caseId: id,
    story: 'certification',
    stage: 'affiliate',
    status: 'closed',
    events: { applied: 1, task_created: 1, task_completed: 1, affiliate_granted: 1 },
  };
}
