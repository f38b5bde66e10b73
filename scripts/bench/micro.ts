/**
 * `npm run bench -- --micro`: speed and memory of the hot pure paths, measured rather than
 * asserted in tests (these machines are shared and noisy). Prints one line per benchmark.
 *  - due dates: business-day deadlines computed per task created;
 *  - ledger: the checks a leave request's validator runs over a year of entries.
 */
import { performance } from 'node:perf_hooks';
import { BusinessCalendar, CALIFORNIA_STATE_HOLIDAYS, addDuration } from '../../platform/workflow/calendar';
import { DEFAULT_POLICY } from '../../platform/workflow/policy';
import { requestViolation } from '../../processes/mentoring-leave/rules';
import type { MentoringLeaveState } from '../../processes/mentoring-leave/types';

function bench(name: string, iterations: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(1000, iterations); i++) fn(i); // warm-up
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) fn(i);
  const ms = performance.now() - t0;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  console.log(
    `${name.padEnd(40)} ${(iterations / (ms / 1000)).toFixed(0).padStart(10)} ops/s  ${((ms * 1000) / iterations).toFixed(2).padStart(8)} µs/op  heap ${heapMb >= 0 ? '+' : ''}${heapMb.toFixed(1)} MB`,
  );
}

const cal = new BusinessCalendar(CALIFORNIA_STATE_HOLIDAYS);
const start = Date.parse('2026-01-01T17:00:00Z');
bench('due date, 10 business days', 200_000, (i) =>
  addDuration(start + (i % 365) * 86_400_000, { businessDays: 10 }, cal),
);
bench('due date, P4M', 200_000, (i) => addDuration(start + (i % 365) * 86_400_000, 'P4M', cal));

const state = {
  stage: 'active',
  enrollment: { year: 2026 },
  personalTime: Array.from({ length: 500 }, (_, i) => ({
    id: `p${i}`,
    date: '2026-03-01',
    hours: 0.25,
    kind: 'off_duty',
    description: '',
    status: 'verified',
    loggedAt: '',
  })),
  requests: Array.from({ length: 150 }, (_, i) => ({
    id: `r${i}`,
    date: '2026-03-02',
    hours: 0.25,
    attestNoTravel: true,
    status: i % 3 ? 'approved' : 'denied',
    requestedAt: '',
  })),
} as unknown as MentoringLeaveState;
bench('leave request validation, 650 entries', 20_000, () =>
  requestViolation(state, { date: '2026-05-01', hours: 1, attestNoTravel: true }, DEFAULT_POLICY.mentoringLeave),
);
