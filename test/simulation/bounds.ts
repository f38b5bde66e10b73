/**
 * Every wait of the simulation has a bound in wall time: a clock move, a settle, a whole
 * scenario. One that runs past it fails with `OutOfTime`, which the driver reports as the
 * `finishes-in-time` violation (with the seed, the scenario and the step it was at) instead
 * of the run hanging. The limits are generous for a busy 2-core machine; SIMULATE_LIMIT_SCALE
 * scales them all (e.g. 2 on a slower machine).
 */
const scale = Number(process.env.SIMULATE_LIMIT_SCALE ?? 1) || 1;

export const LIMITS = {
  /** One move of the server's clock (every timer on the way fires and its work runs). */
  clockMoveMs: 90_000 * scale,
  /** One settle: until the scenario's workflows are idle (or reported busy). */
  settleMs: 120_000 * scale,
  /** A whole scenario, from its start to its workflows terminated. */
  scenarioMs: 420_000 * scale,
};

export class OutOfTime extends Error {
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`${what} did not finish within ${Math.round(ms / 1000)} s`);
  }
}

/** `work`, or OutOfTime once `ms` have passed (the work itself is left to fail on its own). */
export function bounded<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OutOfTime(what, ms)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
