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
import { loadRun, P99_LIMIT_MS } from './capacity/load-run';
import { LEAVE_YEAR, LeaveYear, fosterMatch } from './capacity/stories';

const flag = (name: string) => process.argv.includes(`--${name}`);
const log = (m: string) => console.log(`capacity: ${m}`);
const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);

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
    log(`idle CPU ms/s: ${ROLES.map((r) => `${r} ${f1(idle[r])}`).join(', ')}`);
    if (flag('load')) {
      const rates = quick ? [4, 8, 16, 24, 32, 48] : [4, 8, 12, 16, 20, 24, 28, 32, 40, 48, 64];
      const steps = await loadRun(s, people, rates, quick ? 15 : 30, quick ? 48 : 96, log);
      const ok = steps.filter((x) => !x.failures && !x.behind && x.p99 <= P99_LIMIT_MS);
      const last = steps[steps.length - 1];
      const top = ROLES.filter((r) => r !== 'driver').sort((a, b) => last.cores[b] - last.cores[a]);
      out.load = { steps, sustainedPerHour: ok.length ? ok[ok.length - 1].actionsPerHour : 0, busiest: top[0] };
      log(
        `highest sustained: ${ok.length ? ok[ok.length - 1].actionsPerHour.toLocaleString('en-US') : 'none'} actions/hour; ` +
          `at the last step the busiest process was ${top[0]} (${last.cores[top[0]].toFixed(2)} cores of ${cpus().length})`,
      );
    } else {
      const leave = await leaveCosts(s, people, quick ? 6 : 24, quick ? 2 : 4, quick ? 3 : 4, idle);
      out.leave = leave;
      console.log(`\nleave, ${leave.cases} cases × ${leave.months} months: CPU ms per action by process\n`);
      console.log(`| action | per year | ${ROLES.join(' | ')} | all but driver | p50 / p99 ms |`);
      console.log(`| --- | --- | ${ROLES.map(() => '---').join(' | ')} | --- | --- |`);
      for (const k of leave.kinds)
        console.log(
          `| ${k.kind} | ${LEAVE_YEAR[k.kind as keyof typeof LEAVE_YEAR]} | ${ROLES.map((r) => f1(k.cpu[r])).join(' | ')} | ${f1(k.productMs)} | ${f0(k.wallMs.p50)} / ${f0(k.wallMs.p99)} |`,
        );
      const year = leave.kinds.reduce((n, k) => n + k.productMs * LEAVE_YEAR[k.kind as keyof typeof LEAVE_YEAR], 0);
      log(
        `a leave year: ${f0(year)} CPU ms; history ${f0(leave.history.atStart.events)} events / ${f0(leave.history.atStart.bytes)} B at start + ` +
          `${f0(leave.history.perMonth.events)} / ${f0(leave.history.perMonth.bytes)} B a month; read model ${f0(leave.stored.atStart.bytes)} B + ` +
          `${f0(leave.stored.perMonth.bytes)} B a month; Temporal's databases ${f0(leave.stored.atStart.temporalBytes)} B + ` +
          `${f0(leave.stored.perMonth.temporalBytes)} B a month; e-mails ${f1(leave.stored.atStart.emails)} + ${f1(leave.stored.perMonth.emails)} a month`,
      );
      if (!flag('no-foster')) {
        const foster = await fosterCosts(s, quick ? 3 : 8, 2, idle).catch((err: Error) => {
          log(`foster not measured: ${err.message}`);
          return undefined;
        });
        out.foster = foster;
        if (foster)
          log(
            `a foster match story: ${f1(foster.actionsPerStory)} actions, ${f0(foster.productMs)} CPU ms (${ROLES.map((r) => `${r} ${f0(foster.cpu[r])}`).join(', ')}); ` +
              `history ${f0(foster.history.events)} events / ${f0(foster.history.bytes)} B over ${f1(foster.history.workflowsPerStory)} workflows; ` +
              `read model ${f0(foster.stored.rows)} rows / ${f0(foster.stored.bytes)} B; ` +
              `Temporal's databases ${f0(foster.stored.temporalBytes)} B; e-mails ${f1(foster.stored.emails)}`,
          );
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
