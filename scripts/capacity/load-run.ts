/**
 * The compressed-time load run: a state's year of leave traffic replayed at speed. Actions
 * arrive at a fixed rate (open loop: an arrival does not wait for the one before), each the
 * next step of a leave year picked at random among the cases not busy (a pool enrolled before
 * the clock starts) — an enrolment when a year's share of enrolments says so or no case is
 * free — so the mix is a year's mix.
 * Each rate runs for a step of seconds; the run climbs until p99 passes 2 s, an action
 * fails or arrivals pile up, and reports each step's CPU by process (cores used).
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { BenchServices } from '../bench/services';
import { load, percentile } from '../bench/load';
import type { People } from '../bench/leave';
import { nextId } from '../bench/measures';
import { cpuByRole, minus, productMs, ROLES, type Cpu } from './cpu';
import { LeaveYear, type LeaveKind } from './stories';
import { leaveActionsPerYear } from './volumes';

export interface LoadStep {
  perSecond: number;
  actionsPerHour: number;
  done: number;
  failures: number;
  firstError?: string;
  p50: number;
  p99: number;
  behind: number;
  /** The machine's 1-minute load average at the step's end (other work on a shared machine shows here). */
  loadAverage: number;
  /** CPU ms per action done, every process but the driver, idle use included. */
  msPerAction: number;
  /** Cores each role used over the step (CPU seconds per second). */
  cores: Cpu;
  mix: Partial<Record<LeaveKind, number>>;
}

export const P99_LIMIT_MS = 2000;
const MAX_IN_FLIGHT = 64;

export async function loadRun(
  s: BenchServices,
  people: People,
  rates: number[],
  stepSeconds: number,
  prefill: number,
  log: (m: string) => void,
): Promise<LoadStep[]> {
  // Cases already under way, as in a real year: enrolled and approved before the clock starts,
  // so that a step finds a free case for its next action rather than enrolling one.
  const pool = Array.from({ length: prefill }, () => new LeaveYear(() => s.api(), people, nextId('ld')));
  for (let i = 0; i < 2; i++) await load(pool.length, 4, (j) => pool[j].step());
  log(`${prefill} cases enrolled and approved before the load`);
  const steps: LoadStep[] = [];
  for (const rate of rates) {
    const latencies: number[] = [];
    const mix: Partial<Record<LeaveKind, number>> = {};
    let failures = 0;
    let firstError: string | undefined;
    let inFlight = 0;
    let behind = 0;
    const running: Promise<void>[] = [];
    const cpu0 = cpuByRole();
    const t0 = performance.now();
    const arrivals = Math.round(rate * stepSeconds);
    for (let i = 0; i < arrivals; i++) {
      const due = t0 + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (inFlight >= MAX_IN_FLIGHT) {
        behind++;
        continue;
      }
      const free = pool.filter((c) => !c.busy && c.next);
      let c: LeaveYear;
      if (!free.length || Math.random() < 1 / leaveActionsPerYear) {
        c = new LeaveYear(() => s.api(), people, nextId('ld'));
        pool.push(c);
      } else c = free[Math.floor(Math.random() * free.length)];
      c.busy = true;
      inFlight++;
      const started = performance.now();
      running.push(
        c
          .step()
          .then(
            (kind) => {
              latencies.push(performance.now() - started);
              mix[kind] = (mix[kind] ?? 0) + 1;
            },
            (err: Error) => {
              failures++;
              firstError ??= err.message;
            },
          )
          .finally(() => {
            c.busy = false;
            inFlight--;
          }),
      );
    }
    await Promise.all(running);
    const seconds = (performance.now() - t0) / 1000;
    const used = minus(cpuByRole(), cpu0);
    latencies.sort((a, b) => a - b);
    const step: LoadStep = {
      perSecond: rate,
      actionsPerHour: rate * 3600,
      done: latencies.length,
      failures,
      firstError,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      behind,
      loadAverage: loadavg()[0],
      msPerAction: productMs(used) / Math.max(1, latencies.length),
      cores: Object.fromEntries(ROLES.map((r) => [r, used[r] / 1000 / seconds])) as Cpu,
      mix,
    };
    steps.push(step);
    const top = ROLES.filter((r) => r !== 'driver').sort((a, b) => step.cores[b] - step.cores[a]);
    log(
      `load ${rate}/s (${step.actionsPerHour.toLocaleString('en-US')}/h): ${step.done} done, ${failures} failed, ` +
        `${behind} not sent, p50 ${step.p50.toFixed(0)} ms p99 ${step.p99.toFixed(0)} ms; ` +
        `${step.msPerAction.toFixed(0)} CPU ms/action; load average ${step.loadAverage.toFixed(1)}; cores ` +
        top.map((r) => `${r} ${step.cores[r].toFixed(2)}`).join(', '),
    );
    pool.splice(0, pool.length, ...pool.filter((c) => c.next));
    if (failures || behind || step.p99 > P99_LIMIT_MS) break;
  }
  return steps;
}
