/**
 * The registry of processes (processes/index.ts) is what every platform list is derived from:
 * these checks keep it whole — each process folder registered, its workflows in the bundle's
 * entry, its routes loadable, no case or task type declared twice — and keep the platform
 * free of any process's case types.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as entry from '../../processes/workflows';
import { processRoutes } from '../../platform/api/process-routes';
import { DEFAULT_POLICY } from '../../platform/workflow/policy';
import { CASE_TYPES, PROCESSES, TASK_TYPES } from '../../platform/workflow/registry';

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

test('the platform (workflow code, activities, API) and lib/ name no case type of any process', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
  const named = [...files(path.join(ROOT, 'platform')), ...files(path.join(ROOT, 'lib'))].flatMap((f) => {
    const text = readFileSync(f, 'utf8');
    return CASE_TYPES.filter((t) => text.includes(`'${t}'`)).map((t) => `${path.relative(ROOT, f)}: ${t}`);
  });
  expect(named).toEqual([]);
});
