/**
 * `npm run capacity`: what each kind of action costs, so an agency can size its cluster
 * (docs/capacity.md). On fresh services (scripts/bench/services.ts; `--cluster` for the
 * production-like topology) it drives leave enrolments through months of their year and
 * foster-care match stories through the API, and prices each kind of action in CPU
 * milliseconds by process (Temporal server, worker, API, PostgreSQL), Temporal history,
 * read-model rows and bytes, and e-mails. `--load` instead replays a year's traffic at
 * climbing rates until p99 passes 2 s or actions fail, and says which process saturated.
 * `--quick` runs small sizes (under 3 minutes). Results go to bench/results/capacity*.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { ROOT } from '../lib/config';
import { residentMb, startBenchServices, untilQuiet } from './bench/services';
import { nextId } from './bench/measures';
import { setUp } from './bench/leave';
import { ROLES } from './capacity/cpu';
import { fosterCosts, idleRate, leaveCosts } from './capacity/costs';
import { loadRun } from './capacity/load-run';
import { printFoster, printLeave, summariseLoad } from './capacity/report';
import { LeaveYear, fosterMatch } from './capacity/stories';
import { FOSTER_ACTIONS_PER_STORY } from './capacity/volumes';

const flag = (name: string) => process.argv.includes(`--${name}`);
const log = (m: string) => console.log(`capacity: ${m}`);
const f0 = (n: number) => n.toFixed(0);

async function main(): Promise<void> {
  const quick = flag('quick');
  const cluster = flag('cluster');
  const t0 = Date.now();
  const s = await startBenchServices(log, { cluster });
  const out: Record<string, unknown> = {
    topology: s.topology,
    quick,
    machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30) },
  };
  try {
    const people = await setUp(s.apiUrl, s.secret);
    // Warm the paths (the worker's bundle, the API's first queries), then let the services settle,
    // before the idle use is read: what the services use with nothing to do is taken out of each figure.
    const warm = [0, 1, 2].map(() => new LeaveYear(() => s.api(), people, nextId('warm'), 1));
    for (let i = 0; i < 7; i++) await Promise.all(warm.map((c) => c.step()));
    if (!flag('load') && !flag('no-foster'))
      await fosterMatch(s.api(), s.secret, s.dir, nextId('warm')).catch(() => undefined);
    await untilQuiet(s.workers, 30_000);
    const idle = await idleRate(quick ? 10 : 30);
    out.idleMsPerSecond = idle;
    log(`idle CPU ms/s: ${ROLES.map((r) => `${r} ${idle[r].toFixed(1)}`).join(', ')}`);
    if (flag('load')) {
      const rates = quick ? [4, 8, 16, 24, 32, 48] : [4, 8, 12, 16, 20, 24, 28, 32, 40, 48, 64];
      const steps = await loadRun(s, people, rates, quick ? 15 : 30, quick ? 48 : 96, log);
      out.load = summariseLoad(steps, FOSTER_ACTIONS_PER_STORY, log);
    } else {
      const leave = await leaveCosts(s, people, quick ? 6 : 24, quick ? 2 : 4, quick ? 3 : 4, idle);
      out.leave = leave;
      printLeave(leave, log);
      if (!flag('no-foster')) {
        const foster = await fosterCosts(s, quick ? 3 : 8, 2, idle).catch((err: Error) => {
          log(`foster not measured: ${err.message}`);
          return undefined;
        });
        out.foster = foster;
        if (foster) printFoster(foster, log);
      }
    }
    out.residentMb = {
      workers: await Promise.all(s.workers.map((w) => residentMb(w.pid))),
    };
  } finally {
    await s.stop();
  }
  out.seconds = (Date.now() - t0) / 1000;
  const dir = path.join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(
    dir,
    `capacity${flag('load') ? '-load' : ''}${cluster ? '-cluster' : ''}${quick ? '-quick' : ''}.json`,
  );
  writeFileSync(file, JSON.stringify(out, null, 2));
  log(`done in ${f0(out.seconds as number)} s; ${path.relative(ROOT, file)}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
