/**
 * Where a scenario's time goes: wall time and count per phase (settling, the looks and
 * history fetches inside it, clock moves, actions, queries, worker and server restarts).
 * Phases overlap (a settle holds its looks, scenarios run side by side), so the figures
 * say where time is spent, not a partition of it. `npm run simulate -- --profile` prints them.
 */
export class Profile {
  private phases = new Map<string, { ms: number; n: number }>();

  add(phase: string, ms: number, n = 1): void {
    const p = this.phases.get(phase) ?? { ms: 0, n: 0 };
    p.ms += ms;
    p.n += n;
    this.phases.set(phase, p);
  }

  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const t = performance.now();
    try {
      return await work();
    } finally {
      this.add(phase, performance.now() - t);
    }
  }

  /** How many times a phase ran (0 if never). */
  count(phase: string): number {
    return this.phases.get(phase)?.n ?? 0;
  }

  /** One line per phase, the longest first: total seconds, count, mean milliseconds. */
  lines(): string[] {
    return [...this.phases.entries()]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(
        ([k, p]) =>
          `  ${k.padEnd(24)} ${(p.ms / 1000).toFixed(1).padStart(8)} s ${String(p.n).padStart(8)}x` +
          ` ${(p.ms / Math.max(1, p.n)).toFixed(1).padStart(9)} ms`,
      );
  }
}

/** The process's profile (a lane is one process). */
export const profile = new Profile();
