/**
 * The registry of processes (processes/index.ts) is what every platform list is derived from:
 * these checks keep it whole — each process folder registered, its workflows in the bundle's
 * entry, its routes and activities loadable, nothing declared twice — and keep the platform
 * free of anything only a process declares (platform-vocabulary.ts says what and where).
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as entry from '../../processes/workflows';
import { processRoutes } from '../../platform/api/process-routes';
import { loadProcessActivities } from '../../platform/activities/process-activities';
import { PLATFORM_REFUSALS, refusalStatuses } from '../../platform/workflow/refusals';
import { DEFAULT_POLICY } from '../../platform/workflow/policy';
import type { CaseTypeDescriptor, RoleDeclaration, TaskPolicy } from '../../platform/workflow/process-descriptor';
import { scopeClaimOf } from '../../platform/workflow/access';
import { CASE_TYPES, PROCESSES, ROLES, TASK_TYPES } from '../../platform/workflow/registry';
import { platformNamings } from './platform-vocabulary';

const ROOT = path.join(__dirname, '../..');
const dupes = (xs: readonly string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);

test('every folder under processes/ with a descriptor is registered, once', () => {
  const folders = readdirSync(path.join(ROOT, 'processes')).filter((d) =>
    existsSync(path.join(ROOT, 'processes', d, 'descriptor.ts')),
  );
  const names = PROCESSES.map((p) => p.name);
  expect(dupes(names)).toEqual([]);
  expect([...names].sort()).toEqual([...folders].sort());
});

test("the bundle's entry exports exactly the registered processes' workflows and the outbox sweeper", () => {
  const declared = PROCESSES.flatMap((p) => p.workflows);
  expect(dupes(declared)).toEqual([]);
  expect(Object.keys(entry).sort()).toEqual([...declared, 'outboxSweeperWorkflow'].sort());
  for (const name of Object.keys(entry)) expect(typeof (entry as Record<string, unknown>)[name]).toBe('function');
});

test('no case type or task type is declared by two processes; each task type has its default times', () => {
  expect(dupes(CASE_TYPES)).toEqual([]);
  expect(dupes(TASK_TYPES)).toEqual([]);
  for (const type of TASK_TYPES) expect(DEFAULT_POLICY.tasks[type]).toBeDefined();
  // The task types a case type opens (the inbox's filter) are declared ones.
  const opened = PROCESSES.flatMap((p) => Object.values<{ taskTypes: readonly string[] }>(p.caseTypes));
  for (const { taskTypes } of opened) for (const t of taskTypes) expect(TASK_TYPES).toContain(t);
});

test("each registered process's routes load from the folder its descriptor names", () => {
  expect(processRoutes().map((r) => r.name)).toEqual(PROCESSES.map((p) => p.name));
});

test('each refusal code is declared once (by the platform or one process), with a status', () => {
  const declared = [...Object.keys(PLATFORM_REFUSALS), ...PROCESSES.flatMap((p) => Object.keys(p.refusals ?? {}))];
  expect(dupes(declared)).toEqual([]);
  expect(Object.keys(refusalStatuses()).sort()).toEqual([...declared].sort());
  for (const status of Object.values(refusalStatuses())) expect([400, 403, 404, 409, 422]).toContain(status);
});

test("each process's activities load on the worker its descriptor names, each name declared once", () => {
  const deps = { db: {} as never, mailer: { send: async () => undefined } };
  const cases = Object.keys(loadProcessActivities('cases', deps));
  const mail = Object.keys(loadProcessActivities('mail', deps));
  expect(cases.sort()).toEqual(PROCESSES.flatMap((p) => p.activities?.cases ?? []).sort());
  expect(mail.sort()).toEqual(PROCESSES.flatMap((p) => p.activities?.mail ?? []).sort());
  expect(dupes([...cases, ...mail])).toEqual([]);
});

test("each role's default mailbox is declared once; every process's go into the default policy", () => {
  const roles = PROCESSES.flatMap((p) => Object.keys(p.mailboxes ?? {}));
  expect(dupes(['admin', ...roles])).toEqual([]);
  for (const p of PROCESSES)
    for (const [role, box] of Object.entries<string>(p.mailboxes ?? {}))
      expect(DEFAULT_POLICY.mailboxes[role]).toBe(box);
});

/** Every role a process's descriptor names: candidates, supervisors, escalation, mailboxes, parties, readers. */
function rolesNamedBy(p: (typeof PROCESSES)[number]): string[] {
  const types = Object.values<CaseTypeDescriptor>(p.caseTypes);
  // A task's candidates may be a party its case names (a wellness call's referrer), not a role.
  const parties = types.flatMap((d) => (d.namedParties ?? []).map((n) => n.party));
  return [
    ...Object.values<{ candidateRoles: readonly string[] }>(p.tasks)
      .flatMap((t) => t.candidateRoles)
      .filter((r) => !parties.includes(r)),
    ...Object.values<TaskPolicy>(p.taskPolicy).map((t) => t.escalateTo),
    ...Object.keys(p.mailboxes ?? {}),
    ...types.flatMap((d) => [
      ...d.supervisingRoles.map((r) => r.role),
      ...(d.taskReportRoles ?? []).map((r) => r.role),
      ...(d.namedParties ?? []).flatMap((n) => n.roles),
      ...(d.programConflictRoles ?? []),
      ...(d.listedToRoles ?? []),
      ...(d.assignableRoles ?? []),
      ...(d.youthData ? [d.youthData.escalateInsteadOfAdmin] : []),
    ]),
  ];
}

test("a role a descriptor names is declared by its process (or is the admins'), with one scope everywhere", () => {
  expect(dupes(ROLES)).toEqual([]);
  for (const p of PROCESSES) {
    const undeclared = rolesNamedBy(p).filter((r) => r !== 'admin' && !(r in p.roles));
    expect({ process: p.name, undeclared }).toEqual({ process: p.name, undeclared: [] });
  }
  for (const p of PROCESSES)
    for (const [role, d] of Object.entries<RoleDeclaration>(p.roles))
      expect({ process: p.name, role, scopedBy: d.scopedBy }).toEqual({
        process: p.name,
        role,
        scopedBy: scopeClaimOf(role),
      });
  expect([...ROLES].sort()).toEqual(['admin', ...new Set(PROCESSES.flatMap((p) => Object.keys(p.roles)))].sort());
});

test('the platform (workflow code, activities, API) and lib/ name nothing only a process declares', () => {
  expect(platformNamings(ROOT)).toEqual([]);
});
