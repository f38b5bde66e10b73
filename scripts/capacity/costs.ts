/**
 * The cost of each kind of action, measured on fresh services: `cases` leave enrolments
 * driven through `months` months of their year, one kind at a time (all cases' enrolments,
 * then all eligibility approvals, then each month's five steps), with the CPU every process
 * used in each phase (less what the services use idle over the same seconds), and what the
 * cases left behind; then `fosterStories` foster-care match stories, priced whole.
 */
import { performance } from 'node:perf_hooks';
import type { BenchServices } from '../bench/services';
import { untilQuiet } from '../bench/services';
import { load, type LoadResult } from '../bench/load';
import type { People } from '../bench/leave';
import { nextId } from '../bench/measures';
import { cpuByRole, minus, productMs, scale, ROLES, type Cpu } from './cpu';
import { LEAVE_KINDS, LeaveYear, fosterMatch, type LeaveKind } from './stories';
import { histories, readModel, storedDelta, workflowIds } from './storage';

export interface KindCost {
  kind: string;
  count: number;
  /** CPU ms per action by process, idle use subtracted. */
  cpu: Cpu;
  productMs: number;
  wallMs: { p50: number; p99: number };
  failures: number;
}

const zero = (): Cpu => Object.fromEntries(ROLES.map((r) => [r, 0])) as Cpu;
const add = (a: Cpu, b: Cpu): Cpu => Object.fromEntries(ROLES.map((r) => [r, a[r] + b[r]])) as Cpu;

/** CPU ms per second each role uses with nothing to do (timers, pollers, the server's own work). */
export async function idleRate(seconds = 10): Promise<Cpu> {
  const a = cpuByRole();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  return scale(minus(cpuByRole(), a), 1 / seconds);
}

/** Runs `op` and waits until the workers are quiet; answers its CPU with the idle use taken out. */
async function priced(s: BenchServices, idle: Cpu, op: () => Promise<LoadResult>) {
  const a = cpuByRole();
  const t0 = performance.now();
  const result = await op();
  await untilQuiet(s.workers, 30_000);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = minus(minus(cpuByRole(), a), scale(idle, seconds));
  return { result, cpu };
}

export async function leaveCosts(
  s: BenchServices,
  people: People,
  cases: number,
  months: number,
  clients: number,
  idle: Cpu,
) {
  const years = Array.from({ length: cases }, () => new LeaveYear(() => s.api(), people, nextId('cap'), months));
  const costs = new Map<LeaveKind, KindCost>();
  const before = await readModel(s.db);
  const ids0 = await workflowIds(s.db);
  let atStart: Awaited<ReturnType<typeof histories>> | undefined;
  let stored0 = before;
  const latencies: Record<string, number[]> = {};
  for (let phase = 0; years[0].next; phase++) {
    const kind = years[0].next!;
    const { result, cpu } = await priced(s, idle, () => load(cases, clients, (i) => years[i].step()));
    const c = costs.get(kind) ?? { kind, count: 0, cpu: zero(), productMs: 0, wallMs: { p50: 0, p99: 0 }, failures: 0 };
    c.count += cases;
    c.cpu = add(c.cpu, cpu);
    c.failures += result.failures;
    (latencies[kind] ??= []).push(result.p50, result.p99);
    costs.set(kind, c);
    if (result.failures) throw new Error(`${kind}: ${result.failures} failed: ${result.firstError}`);
    if (phase === 1) {
      // After enrolment and eligibility: the base every month adds to.
      const ids = [...(await workflowIds(s.db))].filter((id) => !ids0.has(id));
      atStart = await histories(s.client, ids);
      stored0 = await readModel(s.db);
    }
  }
  for (const c of costs.values()) {
    c.cpu = scale(c.cpu, 1 / c.count);
    c.productMs = productMs(c.cpu);
    const l = latencies[c.kind];
    c.wallMs = { p50: Math.max(...l.filter((_, i) => i % 2 === 0)), p99: Math.max(...l.filter((_, i) => i % 2 === 1)) };
  }
  const ids = [...(await workflowIds(s.db))].filter((id) => !ids0.has(id));
  const end = await histories(s.client, ids);
  const after = await readModel(s.db);
  return {
    kinds: LEAVE_KINDS.map((k) => costs.get(k)!).filter(Boolean),
    cases,
    months,
    history: {
      atStart: { events: atStart!.events / cases, bytes: atStart!.bytes / cases },
      perMonth: {
        events: (end.events - atStart!.events) / cases / months,
        bytes: (end.bytes - atStart!.bytes) / cases / months,
      },
      workflowsPerCase: end.workflows / cases,
    },
    stored: { atStart: storedDelta(stored0, before, cases), perMonth: storedDelta(after, stored0, cases * months) },
  };
}

export async function fosterCosts(s: BenchServices, stories: number, clients: number, idle: Cpu) {
  const before = await readModel(s.db);
  const ids0 = await workflowIds(s.db);
  let actions = 0;
  const { result, cpu } = await priced(s, idle, () =>
    load(stories, clients, async () => (actions += await fosterMatch(s.api(), s.secret, s.dir, nextId('f')))),
  );
  if (result.failures) throw new Error(`foster: ${result.failures} failed: ${result.firstError}`);
  const ids = [...(await workflowIds(s.db))].filter((id) => !ids0.has(id));
  const h = await histories(s.client, ids);
  const perStory = scale(cpu, 1 / stories);
  return {
    stories,
    actionsPerStory: actions / stories,
    cpu: perStory,
    productMs: productMs(perStory),
    wallMs: { p50: result.p50, p99: result.p99 },
    history: { events: h.events / stories, bytes: h.bytes / stories, workflowsPerStory: h.workflows / stories },
    stored: storedDelta(await readModel(s.db), before, stories),
  };
}
