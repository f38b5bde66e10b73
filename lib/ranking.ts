/**
 * Ranking by fit, the one mechanism behind every place people are offered a choice (each
 * process keeps its own criteria: processes/foster/ranking.ts, processes/referral/ranking.ts).
 * Criteria are listed in order of importance and compared one after another — the first
 * that differs decides — so a rule such as "Partner before Associate Partner" is never
 * outweighed by a sum of lesser points. Each criterion that counted says why, and the
 * reasons go out with the rank so a case worker or coordinator sees what the order rests
 * on. Pure: no I/O.
 */

export interface Criterion<T> {
  /** Higher is better; items equal here fall through to the next criterion. */
  score: (item: T) => number;
  /** Why it counted for this item (shown to people), or nothing. */
  reason?: (item: T) => string | undefined;
}

export interface Ranked<T> {
  item: T;
  rank: number;
  reasons: string[];
}

/** Sorts by the criteria in order (stable: equal items keep their given order). */
export function rankBy<T>(items: readonly T[], criteria: readonly Criterion<T>[]): Ranked<T>[] {
  const scored = items.map((item) => ({ item, scores: criteria.map((c) => c.score(item)) }));
  scored.sort((a, b) => {
    for (let i = 0; i < criteria.length; i++) if (a.scores[i] !== b.scores[i]) return b.scores[i] - a.scores[i];
    return 0;
  });
  return scored.map(({ item }, i) => ({
    item,
    rank: i + 1,
    reasons: criteria.flatMap((c) => {
      const r = c.reason?.(item);
      return r ? [r] : [];
    }),
  }));
}

const norm = (s: string) => s.trim().toLowerCase();
/** The entries of `a` that `b` also has (case-insensitive), in `a`'s spelling. */
export function shared(a: readonly string[], b: readonly string[]): string[] {
  const inB = new Set(b.map(norm));
  return a.filter((x) => inB.has(norm(x)));
}
export const sameText = (a?: string | null, b?: string | null): boolean => !!a && !!b && norm(a) === norm(b);

export interface AgeRange {
  min: number;
  max: number;
}
export const rangesOverlap = (a: AgeRange, b: AgeRange): boolean => a.min <= b.max && b.min <= a.max;

/** A reason naming the shared items after its prefix, or nothing when none are shared. */
export function listed(prefix: string, items: string[]): string | undefined {
  return items.length ? `${prefix} ${items.join(', ')}` : undefined;
}
