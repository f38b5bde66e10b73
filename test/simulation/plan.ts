/**
 * A scenario as fast-check generates it: which workflow, how many steps, how the workers
 * run (sticky cache or none), when history is "full" (a small limit makes the case
 * continue as new at whatever point it reaches it), and a list of choices the driver reads
 * one at a time to pick each step against the case as it stands. The same seed and path
 * give the same plan; fast-check shrinks a failing plan towards fewer steps and first
 * choices.
 */
import fc from 'fast-check';

export interface Plan {
  workflow: string;
  steps: number;
  cache: 'cached' | 'uncached';
  maxHistoryEvents: number;
  choices: number[];
}

export function planArbitrary(workflows: string[], opts: { minSteps: number; maxSteps: number }): fc.Arbitrary<Plan> {
  return fc.record({
    workflow: fc.constantFrom(...workflows),
    steps: fc.integer({ min: opts.minSteps, max: opts.maxSteps }),
    cache: fc.constantFrom<Plan['cache']>('cached', 'cached', 'uncached'),
    // 5000 is the policy's own (no continue-as-new in a scenario); the small ones make it happen.
    maxHistoryEvents: fc.constantFrom(5000, 5000, 60, 90, 140),
    choices: fc.array(fc.nat({ max: 1_000_000 }), { minLength: 48, maxLength: 48 }),
  });
}

/** Reads a plan's choices in order (past the end they keep coming, mixed, from the start). */
export class Choice {
  private i = 0;
  constructor(private readonly choices: number[]) {}

  int(n: number): number {
    if (n <= 1) return 0;
    const k = this.i++;
    const base = this.choices.length ? this.choices[k % this.choices.length] : 0;
    const lap = Math.floor(k / Math.max(1, this.choices.length));
    return (base + lap * 7919 + lap * lap * 104_729) % n;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }

  chance(percent: number): boolean {
    return this.int(100) < percent;
  }

  /** Picks by weight: `{ a: 3, b: 1 }` picks a three times as often as b. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = (Object.entries(weights) as [K, number][]).filter(([, w]) => w > 0);
    let r = this.int(entries.reduce((a, [, w]) => a + w, 0));
    for (const [k, w] of entries) {
      if (r < w) return k;
      r -= w;
    }
    return entries[0][0];
  }
}
