/**
 * `npm run simulate`: the deterministic simulation of every workflow (test/simulation/):
 * generated scenarios of people's actions, timers, faults, worker restarts and
 * continue-as-new, on the time-skipping test server, with the invariants checked after
 * every step. A violation prints the seed, the scenario's steps and the command that
 * replays it, and the run exits non-zero.
 *   npm run simulate                          the full run (2000 scenarios in 4 lanes: see docs/testing.md)
 *   npm run simulate -- --quick               the CI smoke (up to 40 short scenarios, none started after 150 s)
 *   npm run simulate -- --minutes M           start no scenario after M minutes
 *   npm run simulate -- --profile             print where the time went (per phase)
 *   npm run simulate -- --scenarios N --seed S --workflow <name> --lanes L --concurrency C --verbose
 *   npm run simulate -- --seed S --scenario I replays one scenario (add --workflow/--quick if the run had them)
 *   npm run simulate -- --shrink              let fast-check shrink a failing scenario
 * Ends with `simulate: N scenarios, K steps, I invariant checks, V violations (seed S)`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR } from '../lib/config';
import { buildWorkflowBundle } from '../lib/worker';
import { MODELS } from '../test/simulation/models';
import { profile } from '../test/simulation/profile';
import { runBatch } from '../test/simulation/run';
import { resolveTestServer } from './provision/tools';

const argv = process.argv.slice(2);
const has = (name: string) => argv.includes(`--${name}`);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

/** Measured on the project's 2-core machine: see docs/testing.md, "Simulation". */
export const FULL_SCENARIOS = 2000;
export const QUICK_SCENARIOS = 40;
/** The smoke's bounds: it starts no scenario after 150 s, and a scenario has 120 s. */
export const QUICK_BUDGET_MS = 150_000;
export const QUICK_SCENARIO_LIMIT_MS = 120_000;
/** Scenarios side by side (experimental: see docs/testing.md); one at a time by default. */
export const DEFAULT_CONCURRENCY = 1;
/**
 * Lanes: separate processes, each with its own test server and its own seed (the run's seed
 * plus the lane's number). A lane spends most of its wall time waiting on round trips (its
 * process uses about a third of a core, its test server less), so on the 2-core machine four
 * lanes ran about twice as many scenarios a minute as two (about 1 GB of memory each). A
 * lane's violation names its seed, so it replays on its own.
 */
export const DEFAULT_LANES = 4;
const SUMMARY = /^simulate: (\d+) scenarios, (\d+) steps, (\d+) invariant checks, (\d+) violations/;

/** Runs the scenarios in lanes and sums their summary lines. */
async function inLanes(lanes: number, seed: number, scenarios: number, passOn: string[]): Promise<number> {
  const totals = [0, 0, 0, 0];
  const codes = await Promise.all(
    Array.from(
      { length: lanes },
      (_, lane) =>
        new Promise<number>((resolve) => {
          const share = Math.floor(scenarios / lanes) + (lane < scenarios % lanes ? 1 : 0);
          const args = [...passOn, '--lanes', '1', '--seed', String(seed + lane), '--scenarios', String(share)];
          const child = spawn(process.execPath, [...process.execArgv, __filename, ...args], {
            stdio: ['ignore', 'pipe', 'inherit'],
            env: process.env,
          });
          let rest = '';
          child.stdout.on('data', (chunk: Buffer) => {
            const lines = (rest + chunk.toString()).split('\n');
            rest = lines.pop() ?? '';
            for (const line of lines) {
              const m = SUMMARY.exec(line);
              if (m) m.slice(1).forEach((n, i) => (totals[i] += Number(n)));
              console.log(`[lane ${lane}] ${line}`);
            }
          });
          child.on('close', (code) => resolve(code ?? 1));
        }),
    ),
  );
  const [n, k, c, v] = totals;
  const failed = codes.some((code) => code !== 0);
  console.log(
    `simulate: ${n} scenarios, ${k} steps, ${c} invariant checks, ${v} violations ` +
      `(seed ${seed}, ${lanes} lanes: seeds ${seed}-${seed + lanes - 1})`,
  );
  return failed || v ? 1 : 0;
}

async function main(): Promise<number> {
  const quick = has('quick');
  const seed = arg('seed') !== undefined ? Number(arg('seed')) : Math.floor(Math.random() * 2 ** 31);
  const scenario = arg('scenario') !== undefined ? Number(arg('scenario')) : undefined;
  const workflow = arg('workflow');
  if (workflow && !MODELS.some((m) => m.name === workflow)) {
    console.error(`no model for ${workflow}; one of: ${MODELS.map((m) => m.name).join(', ')}`);
    return 2;
  }
  const scenarios = Number(arg('scenarios') ?? (quick ? QUICK_SCENARIOS : FULL_SCENARIOS));
  const dir = path.join(DATA_DIR, 'simulate');
  mkdirSync(dir, { recursive: true });
  const bundlePath = process.env.SIMULATE_WORKFLOW_BUNDLE ?? path.join(dir, 'workflow-bundle.js');
  if (!process.env.SIMULATE_WORKFLOW_BUNDLE || !existsSync(bundlePath))
    writeFileSync(bundlePath, await buildWorkflowBundle());
  // The smoke stays in one lane: it is small, and CI's machine is busy with the rest.
  const lanes = Number(arg('lanes') ?? (quick ? 1 : DEFAULT_LANES));
  if (lanes > 1 && scenario === undefined && scenarios >= lanes) {
    const passOn = [
      ...(quick ? ['--quick'] : []),
      ...(workflow ? ['--workflow', workflow] : []),
      ...(has('verbose') ? ['--verbose'] : []),
      ...(has('profile') ? ['--profile'] : []),
      ...(arg('minutes') ? ['--minutes', arg('minutes')!] : []),
      ...(arg('concurrency') ? ['--concurrency', arg('concurrency')!] : []),
    ];
    // The lanes share the one bundle built here.
    process.env.SIMULATE_WORKFLOW_BUNDLE = bundlePath;
    return inLanes(lanes, seed, scenarios, passOn);
  }
  const concurrency = Number(arg('concurrency') ?? DEFAULT_CONCURRENCY);
  const flags = [workflow ? `--workflow ${workflow}` : '', quick ? '--quick' : '', `--concurrency ${concurrency}`]
    .filter(Boolean)
    .join(' ');
  console.log(
    `simulate: seed ${seed}` +
      (scenario !== undefined ? `, scenario ${scenario}` : `, ${scenarios} scenarios`) +
      (flags ? ` (${flags})` : ''),
  );
  const r = await runBatch({
    scenarios,
    seed,
    scenario,
    concurrency,
    workflows: workflow ? [workflow] : undefined,
    minSteps: quick ? 4 : 6,
    maxSteps: quick ? 10 : 16,
    shrink: has('shrink'),
    skipKnown: scenario === undefined,
    verbose: has('verbose') || scenario !== undefined,
    bundlePath,
    serverPath: resolveTestServer(),
    budgetMs: arg('minutes') ? Number(arg('minutes')) * 60_000 : quick ? QUICK_BUDGET_MS : undefined,
    ...(quick ? { scenarioLimitMs: QUICK_SCENARIO_LIMIT_MS } : {}),
  });
  const rate = r.scenarios / Math.max(1, r.seconds);
  console.log(
    `per workflow: ${Object.entries(r.byWorkflow)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  console.log(
    `${r.seconds.toFixed(0)} s, ${rate.toFixed(2)} scenarios/s, ` +
      `${(r.steps / Math.max(1, r.seconds)).toFixed(2)} steps/s` +
      (r.skipped ? `, ${r.skipped} known failures skipped` : ''),
  );
  if (has('profile')) {
    const settles = profile.count('settle');
    const moves = profile.count('settle clock');
    console.log(
      `${settles} settles, ${moves} clock moves in them (${(moves / Math.max(1, settles)).toFixed(2)} a settle), ` +
        `${(r.checks / Math.max(1, r.seconds)).toFixed(0)} invariant checks/s`,
    );
    console.log(['where the time went:', ...profile.lines()].join('\n'));
  }
  if (r.failure) {
    const f = r.failure;
    console.log(
      `\nVIOLATION in scenario ${f.scenario} (${f.plan.workflow}, ${f.plan.cache} worker, ` +
        `history limit ${f.plan.maxHistoryEvents}):`,
    );
    for (const v of f.violations) console.log(`  step ${v.step}: ${v.invariant}: ${v.detail}`);
    console.log(`steps:\n  ${f.log.join('\n  ')}`);
    if (r.path) console.log(`fast-check path: ${r.path}`);
    console.log(`replay: npm run simulate -- --seed ${seed} --scenario ${f.scenario}${flags ? ` ${flags}` : ''}`);
  }
  console.log(
    `simulate: ${r.scenarios} scenarios, ${r.steps} steps, ${r.checks} invariant checks, ` +
      `${r.violations} violations (seed ${seed})`,
  );
  return r.violations ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
