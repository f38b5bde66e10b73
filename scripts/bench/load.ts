/**
 * The load every figure is measured with, mentorflow's and the peer's alike: `count`
 * operations by `concurrency` callers, each operation timed; the result is operations per
 * second over the whole run and the latency percentiles. Failures are counted, never
 * hidden (a figure from a run with failures says so).
 */
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  count: number;
  failures: number;
  perSecond: number;
  p50: number;
  p99: number;
  firstError?: string;
}

export const percentile = (sorted: number[], p: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;

export async function load(
  count: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  let firstError: string | undefined;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      for (let i = next++; i < count; i = next++) {
        const s = performance.now();
        try {
          await op(i);
          latencies.push(performance.now() - s);
        } catch (err) {
          failures++;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count,
    failures,
    perSecond: (count - failures) / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    firstError,
  };
}

/** A JSON request that must answer `expect` (else it counts as a failure with the answer's text). */
export async function http(
  method: string,
  url: string,
  token: string | undefined,
  body?: unknown,
  expect = [200, 201],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<any> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!expect.includes(res.status))
    throw new Error(`${method} ${new URL(url).pathname}: ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}
