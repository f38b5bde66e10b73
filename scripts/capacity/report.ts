/**
 * What `npm run capacity` prints: the per-action table of a leave year, one line for the year
 * and one for a foster story, and after a load run the highest sustained rate beside the
 * busy hour of the year's volumes (scripts/capacity/volumes.ts).
 */
import { cpus } from 'node:os';
import { ROLES } from './cpu';
import type { fosterCosts, leaveCosts } from './costs';
import type { LoadStep } from './load-run';
import { P99_LIMIT_MS } from './load-run';
import { LEAVE_YEAR, type LeaveKind } from './stories';
import { yearActions } from './volumes';

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);
const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

export function printLeave(leave: Awaited<ReturnType<typeof leaveCosts>>, log: (m: string) => void): void {
  console.log(`\nleave, ${leave.cases} cases × ${leave.months} months: CPU ms per action by process\n`);
  console.log(`| action | per year | ${ROLES.join(' | ')} | all but driver | p50 / p99 ms |`);
  console.log(`| --- | --- | ${ROLES.map(() => '---').join(' | ')} | --- | --- |`);
  for (const k of leave.kinds) {
    const cpu = ROLES.map((r) => f1(k.cpu[r])).join(' | ');
    const wall = `${f0(k.wallMs.p50)} / ${f0(k.wallMs.p99)}`;
    console.log(`| ${k.kind} | ${LEAVE_YEAR[k.kind as LeaveKind]} | ${cpu} | ${f1(k.productMs)} | ${wall} |`);
  }
  const year = leave.kinds.reduce((n, k) => n + k.productMs * LEAVE_YEAR[k.kind as LeaveKind], 0);
  const { history: h, stored: s } = leave;
  log(
    [
      `a leave year: ${f0(year)} CPU ms`,
      `history ${f0(h.atStart.events)} events / ${f0(h.atStart.bytes)} B at start + ` +
        `${f0(h.perMonth.events)} / ${f0(h.perMonth.bytes)} B a month`,
      `read model ${f0(s.atStart.bytes)} B + ${f0(s.perMonth.bytes)} B a month`,
      `Temporal's databases ${f0(s.atStart.temporalBytes)} B + ${f0(s.perMonth.temporalBytes)} B a month`,
      `e-mails ${f1(s.atStart.emails)} + ${f1(s.perMonth.emails)} a month`,
    ].join('; '),
  );
}

export function printFoster(foster: Awaited<ReturnType<typeof fosterCosts>>, log: (m: string) => void): void {
  log(
    [
      `a foster match story: ${f1(foster.actionsPerStory)} actions, ${f0(foster.productMs)} CPU ms ` +
        `(${ROLES.map((r) => `${r} ${f0(foster.cpu[r])}`).join(', ')})`,
      `history ${f0(foster.history.events)} events / ${f0(foster.history.bytes)} B ` +
        `over ${f1(foster.history.workflowsPerStory)} workflows`,
      `read model ${f0(foster.stored.rows)} rows / ${f0(foster.stored.bytes)} B`,
      `Temporal's databases ${f0(foster.stored.temporalBytes)} B; e-mails ${f1(foster.stored.emails)}`,
    ].join('; '),
  );
}

/** The highest rate sustained, the busiest process at the last step, and the year's busy hour beside them. */
export function summariseLoad(steps: LoadStep[], fosterActionsPerStory: number, log: (m: string) => void) {
  const ok = steps.filter((x) => !x.failures && !x.behind && x.p99 <= P99_LIMIT_MS);
  const last = steps[steps.length - 1];
  const busiest = ROLES.filter((r) => r !== 'driver').sort((a, b) => last.cores[b] - last.cores[a])[0];
  const sustainedPerHour = ok.length ? ok[ok.length - 1].actionsPerHour : 0;
  const year = yearActions(fosterActionsPerStory);
  const share = (100 * year.peakHour) / Math.max(1, sustainedPerHour);
  log(
    `highest sustained: ${thousands(sustainedPerHour)} actions/hour; at the last step the busiest process was ` +
      `${busiest} (${last.cores[busiest].toFixed(2)} cores of ${cpus().length}, load average ${f1(last.loadAverage)})`,
  );
  log(
    `California's year: ${thousands(year.total)} actions, ${thousands(year.averageHour)} in an average working hour, ` +
      `${thousands(year.peakHour)} in the busiest (${f1(share)} % of the sustained rate)`,
  );
  return { steps, sustainedPerHour, busiest, year };
}
