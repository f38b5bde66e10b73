/**
 * A batch of scenarios under fast-check: each run of the property is one generated plan
 * driven against the real workflows (driver.ts). The server is replaced every so many
 * scenarios (its clock only moves forward, and it keeps what ran). A violation fails the
 * property; fast-check then reports the seed and the path of the failing scenario, which
 * `--seed S --scenario I` replays. Shared by `npm run simulate` and the jest test.
 */
import fc from 'fast-check';
import { runScenario } from './driver';
import type { Violation } from './invariants';
import { KNOWN_FAILURES } from './known-failures';
import { MODELS } from './models';
import { profile } from './profile';
import { planArbitrary, type Plan } from './plan';
import { World } from './world';

export interface BatchOptions {
  scenarios: number;
  seed: number;
  workflows?: string[];
  /** Replays one scenario of the seed (fast-check's path, 0-based). */
  scenario?: number;
  minSteps: number;
  maxSteps: number;
  /** Scenarios side by side on the one server (the clock moves for all of them). */
  concurrency?: number;
  /** Workflows in turn (scenario i is about workflow i mod n) instead of drawn: every one is covered. */
  roundRobin?: boolean;
  /** Let fast-check shrink a failing plan (each try is a real run). */
  shrink?: boolean;
  /** Skip the scenarios on the known-failure list. */
  skipKnown?: boolean;
  bundlePath: string;
  serverPath: string;
  /** Prints each scenario's steps. */
  verbose?: boolean;
  /** Start no scenario after this much wall time (the run then reports the ones it ran). */
  budgetMs?: number;
  /** A scenario's bound in wall time (see bounds.ts). */
  scenarioLimitMs?: number;
  /** Replace the server after this many scenarios. */
  serverEvery?: number;
  /** Called with the world once it runs (the negative controls break its read model). */
  prepare?: (world: World) => void;
  say?: (line: string) => void;
}

export interface BatchResult {
  scenarios: number;
  steps: number;
  checks: number;
  skipped: number;
  violations: number;
  failure?: { scenario: number; plan: Plan; violations: (Violation & { step: number })[]; log: string[] };
  seconds: number;
  /** fast-check's path of the (shrunk) counterexample. */
  path?: string;
  byWorkflow: Record<string, number>;
}

export async function runBatch(o: BatchOptions): Promise<BatchResult> {
  const say = o.say ?? ((l: string) => process.stdout.write(`${l}\n`));
  const names = o.workflows?.length ? o.workflows : MODELS.map((m) => m.name);
  const world = new World(o.bundlePath, o.serverPath);
  await world.start();
  o.prepare?.(world);
  const started = Date.now();
  const result: BatchResult = {
    scenarios: 0,
    steps: 0,
    checks: 0,
    skipped: 0,
    violations: 0,
    seconds: 0,
    byWorkflow: {},
  };
  let group = -1;
  let sinceServer = 0;
  let freshServer = false;
  const width = o.concurrency ?? 1;
  const plans = fc.array(planArbitrary(names, { minSteps: o.minSteps, maxSteps: o.maxSteps }), {
    minLength: width,
    maxLength: width,
  });
  const one = async (plan: Plan, number: number): Promise<boolean> => {
    if (o.scenario !== undefined && number !== o.scenario) return true;
    if (
      o.skipKnown &&
      KNOWN_FAILURES.some((k) => k.seed === o.seed && k.scenario === number && k.concurrency === width)
    ) {
      result.skipped++;
      return true;
    }
    if (o.roundRobin) plan = { ...plan, workflow: names[number % names.length] };
    const model = MODELS.find((m) => m.name === plan.workflow)!;
    if (process.env.SIMULATE_TRACE) say(`  scenario ${number} starts (${plan.workflow}, ${plan.cache})`);
    const r = await profile.time('scenario', () => runScenario(world, model, plan, o.scenarioLimitMs));
    result.scenarios++;
    result.steps += r.steps;
    result.checks += r.checks;
    result.byWorkflow[plan.workflow] = (result.byWorkflow[plan.workflow] ?? 0) + 1;
    if (o.verbose)
      say(
        [`scenario ${number} (${plan.workflow}, ${plan.cache}, history ${plan.maxHistoryEvents}):`, ...r.log].join(
          '\n  ',
        ),
      );
    // A scenario out of time may leave work behind on the server: the next ones get a fresh one.
    if (r.outOfTime) freshServer = true;
    if (r.violations.length) {
      result.violations += r.violations.length;
      // While shrinking, the last failure is the smallest so far.
      if (!result.failure || o.shrink)
        result.failure = { scenario: number, plan, violations: r.violations, log: r.log };
      return false;
    }
    if (result.scenarios % 50 === 0)
      say(`  ${result.scenarios} scenarios, ${result.steps} steps, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return true;
  };
  // Scenarios run `width` at a time (a group is one run of the property): replaying one
  // needs the same width, which decides how the seed's plans are grouped.
  const property = fc.asyncProperty(plans, async (group_) => {
    group++;
    const first = (o.scenario !== undefined ? Math.floor(o.scenario / width) : group) * width;
    if (
      freshServer ||
      ++sinceServer > Math.max(1, Math.floor((o.serverEvery ?? 150) / width)) ||
      (await world.now()) - world.startedAtMs > 2 * 365 * 86_400_000
    ) {
      await world.restartServer();
      o.prepare?.(world);
      sinceServer = 1;
      freshServer = false;
    }
    const ok = await Promise.all(group_.map((plan, j) => one(plan, first + j)));
    return ok.every(Boolean);
  });
  try {
    const details = await fc.check(property, {
      seed: o.seed,
      // A replay runs the one group of its scenario (the path names it), not the rest after it.
      numRuns: o.scenario !== undefined ? 1 : Math.ceil(o.scenarios / width),
      endOnFailure: !o.shrink,
      ...(o.budgetMs ? { interruptAfterTimeLimit: o.budgetMs } : {}),
      ...(o.scenario !== undefined ? { path: String(Math.floor(o.scenario / width)) } : {}),
    });
    if (details.counterexamplePath) result.path = details.counterexamplePath;
    // The simulator itself broke (not an invariant): say so, it is not a pass.
    if (details.failed && !result.failure)
      throw (details as { errorInstance?: unknown }).errorInstance ?? new Error('the simulation failed');
  } finally {
    await world.stop();
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}
