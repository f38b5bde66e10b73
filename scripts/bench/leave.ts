/**
 * The leave process as the bench drives it, two ways over the same workflow on the same
 * worker: through the API as its people would (an employee enrolls, HR approves, ...),
 * and directly with Temporal's client (the floor: the same start and Updates, no HTTP,
 * no checks, no re-reads). Task IDs for the direct path come from the read model, which
 * each Update has written before it answers.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { mintToken } from '../../platform/api/auth';
import type { Db } from '../../db';
import { buildPolicy } from '../../lib/policy';
import { laDate, laYear } from '../../platform/workflow/calendar';
import { completeTaskUpdate } from '../../platform/workflow/messages';
import { logPersonalTimeUpdate, requestLeaveUpdate } from '../../processes/mentoring-leave/messages';
import type { MentoringLeaveInput } from '../../processes/mentoring-leave/types';
import { mentoringLeaveWorkflow, mentoringLeaveWorkflowId } from '../../processes/mentoring-leave/workflow';
import { http } from './load';

export const DEPT = 'BENCH';
export const year = laYear(Date.now());
const today = laDate(Date.now());

export interface Actors {
  hr: string;
  sup: string;
  admin: string;
  coordinator: string;
  employee: (n: string) => Promise<string>;
}

export interface People {
  programId: string;
  tokens: Actors;
}

const hrActor = { id: 'bench-hr', name: 'Bench HR', roles: ['hr_officer'], department: DEPT };
const supActor = { id: 'bench-sup', name: 'Bench Supervisor', roles: ['supervisor'], department: DEPT };

/** A certified program and the tokens of the people who act. */
export async function setUp(apiUrl: string, secret: string): Promise<People> {
  const admin = await mintToken(secret, { sub: 'bench-admin', roles: ['admin'], name: 'Bench Admin' });
  const program = await http('POST', `${apiUrl}/api/v1/programs`, admin, {
    name: 'Bench Mentors',
    organization: 'Bench',
    contactEmail: 'bench@program.example',
    county: 'Yolo',
    startedOn: '2015-09-01',
    minimumMatchMonths: 12,
  });
  await http('PUT', `${apiUrl}/api/v1/programs/${program.id}/level`, admin, {
    level: 'partner',
    certifiedUntil: `${year + 2}-06-30`,
    note: 'bench',
  });
  return {
    programId: program.id,
    tokens: {
      admin,
      hr: await mintToken(secret, { sub: hrActor.id, roles: hrActor.roles, department: DEPT, name: hrActor.name }),
      sup: await mintToken(secret, {
        sub: supActor.id,
        roles: supActor.roles,
        department: DEPT,
        name: supActor.name,
        email: 'sup@bench.example',
      }),
      coordinator: await mintToken(secret, {
        sub: 'bench-coord',
        roles: ['org_coordinator'],
        programId: program.id,
        name: 'Bench Coordinator',
      }),
      employee: (n: string) =>
        mintToken(secret, {
          sub: `bench-emp-${n}`,
          roles: ['employee'],
          department: DEPT,
          name: `Employee ${n}`,
          email: `emp-${n}@bench.example`,
        }),
    },
  };
}

export function enrollmentBody(n: string, programId: string) {
  return {
    employee: {
      id: `bench-emp-${n}`,
      name: `Employee ${n}`,
      email: `emp-${n}@bench.example`,
      department: DEPT,
      bargainingUnit: 1,
      appointment: 'permanent',
    },
    supervisor: { id: supActor.id, name: supActor.name, email: 'sup@bench.example' },
    program: { programId },
    commitment: { startDate: `${year}-01-15`, endDate: `${year + 1}-06-15` },
  };
}

/** Enrolls through the API; answers the case (with its eligibility review open). */
export async function enrollByApi(
  apiUrl: string,
  people: People,
  n: string,
): Promise<{ id: string; openTasks: { id: string; type: string }[] }> {
  return http(
    'POST',
    `${apiUrl}/api/v1/mentoring-leave/enrollments`,
    await people.tokens.employee(n),
    enrollmentBody(n, people.programId),
  );
}

/** Starts the same workflow directly; answers once the server has accepted the start. */
export async function enrollDirect(
  client: Client,
  taskQueue: string,
  people: People,
  n: string,
  publicBaseUrl: string,
): Promise<string> {
  const caseId = randomUUID();
  const body = enrollmentBody(n, people.programId);
  const input: MentoringLeaveInput = {
    caseId,
    policy: buildPolicy({}, publicBaseUrl),
    enrollment: {
      ...body,
      year,
      program: { programId: people.programId, name: 'Bench Mentors' },
    } as MentoringLeaveInput['enrollment'],
    enrolledBy: { id: body.employee.id, name: body.employee.name },
  };
  await client.workflow.start(mentoringLeaveWorkflow, {
    taskQueue,
    workflowId: mentoringLeaveWorkflowId(year, body.employee.id),
    args: [input],
  });
  return caseId;
}

/** The open task of a type on a case, once the read model has it. */
export async function openTask(db: Db, caseId: string, type: string): Promise<{ id: string; workflow_id: string }> {
  for (let i = 0; i < 600; i++) {
    const t = await db
      .selectFrom('tasks')
      .select(['id', 'workflow_id'])
      .where('case_id', '=', caseId)
      .where('type', '=', type)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (t) return t;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no open ${type} task on ${caseId}`);
}

/** Completes a task directly with the Update the API would send. */
export async function completeDirect(
  client: Client,
  task: { id: string; workflow_id: string },
  outcome: string,
  actor: typeof hrActor,
): Promise<void> {
  await client.workflow
    .getHandle(task.workflow_id)
    .executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, outcome, actor }] });
}

export const actors = { hr: hrActor, sup: supActor };

/** A whole leave story through the API: enroll, HR approves, time logged and verified, a request, two approvals. */
export async function storyByApi(apiUrl: string, people: People, n: string): Promise<void> {
  const t = people.tokens;
  const emp = await t.employee(n);
  const c = await enrollByApi(apiUrl, people, n);
  const complete = async (token: string, taskId: string, outcome: string) =>
    (await http('POST', `${apiUrl}/api/v1/tasks/${taskId}/complete`, token, { outcome })).case;
  const taskOf = (x: { openTasks: { id: string; type: string }[] }, type: string) =>
    x.openTasks.find((o) => o.type === type)!.id;
  await complete(t.hr, taskOf(c, 'eligibility_review'), 'approve');
  await http('POST', `${apiUrl}/api/v1/mentoring-leave/enrollments/${c.id}/personal-time`, emp, {
    date: today,
    hours: 4,
    kind: 'vacation',
    description: 'Reading',
  });
  const afterTime = await http('GET', `${apiUrl}/api/v1/cases/${c.id}`, t.coordinator);
  await complete(t.coordinator, taskOf(afterTime, 'verify_personal_hours'), 'verify');
  await http('POST', `${apiUrl}/api/v1/mentoring-leave/enrollments/${c.id}/requests`, emp, {
    date: today,
    hours: 2,
    attestNoTravel: true,
  });
  const afterRequest = await http('GET', `${apiUrl}/api/v1/cases/${c.id}`, t.sup);
  const next = await complete(t.sup, taskOf(afterRequest, 'supervisor_approval'), 'approve');
  await complete(t.hr, taskOf(next, 'hr_approval'), 'approve');
}

/** The same story directly: one start and six Updates on the same workflow. */
export async function storyDirect(
  client: Client,
  db: Db,
  taskQueue: string,
  people: People,
  n: string,
  publicBaseUrl: string,
): Promise<void> {
  const caseId = await enrollDirect(client, taskQueue, people, n, publicBaseUrl);
  const employee = { id: `bench-emp-${n}`, name: `Employee ${n}`, roles: ['employee'], department: DEPT };
  const coordinator = {
    id: 'bench-coord',
    name: 'Bench Coordinator',
    roles: ['org_coordinator'],
    programId: people.programId,
  } as unknown as typeof hrActor;
  const eligibility = await openTask(db, caseId, 'eligibility_review');
  await completeDirect(client, eligibility, 'approve', hrActor);
  const handle = client.workflow.getHandle(eligibility.workflow_id);
  await handle.executeUpdate(logPersonalTimeUpdate, {
    args: [{ date: today, hours: 4, kind: 'vacation', description: 'Reading', actor: employee }],
  });
  await completeDirect(client, await openTask(db, caseId, 'verify_personal_hours'), 'verify', coordinator);
  await handle.executeUpdate(requestLeaveUpdate, {
    args: [{ date: today, hours: 2, attestNoTravel: true, actor: employee }],
  });
  await completeDirect(client, await openTask(db, caseId, 'supervisor_approval'), 'approve', supActor);
  await completeDirect(client, await openTask(db, caseId, 'hr_approval'), 'approve', hrActor);
}
