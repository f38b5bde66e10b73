/**
 * `npm run bench`: how fast the product does its job, each figure beside its floor on the
 * same machine in the same run: P1 starts, P2 completions, P3 reads at 1k and
 * 100k rows, P4 worker memory, P5 whole stories, P6 what one person waiting on one click
 * feels (p50 / p99 at 1 and at 16 clients) — against Temporal driven directly, and the same
 * work on a Flowable peer. Prints tables, writes JSON and an SVG chart to bench/results/.
 * `--quick` (CI's smoke) runs smaller sizes and ends with
 * `bench: P1 r1 P2 r2 P3 r3 P4 mb P5 r5 P6 r6 PEER1 p1` (P6: completing a task at 1 client,
 * p50, over the peer's; PEER1: starts per second over the peer's). `--cluster` measures the
 * production-like topology of `npm run cluster` (Temporal server on PostgreSQL, 2 workers,
 * 2 APIs). `--no-peer` leaves the peer out; `--micro` runs only the pure-path micro
 * benchmarks; `--profile [--samples N]` splits one click into its phases, millisecond by
 * millisecond (scripts/bench/profile-click.ts). Benchmarks report; they never fail on a time.
 */
import { performance } from 'node:perf_hooks';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { startBenchServices } from './bench/services';
import { setUp, enrollByApi, enrollDirect } from './bench/leave';
import { load } from './bench/load';
import { p1Starts, p2Completions, p3Reads, p4Memory, p5Stories, type Figure, type Sizes } from './bench/measures';
import { measurePeer, type PeerFigures } from './bench/peer';
import { p6Clicks } from './bench/clicks';
import { clicksTable, headline, table, writeResults } from './bench/report';

const flag = (name: string) => process.argv.includes(`--${name}`);
const log = (m: string) => console.log(`bench: ${m}`);

const QUICK: Sizes = {
  starts: 60,
  completions: 40,
  reads: 100,
  idleCases: 500,
  stories: 8,
  concurrency: 8,
  clicks: 20,
  clicksMany: 48,
};
const FULL: Sizes = {
  starts: 300,
  completions: 200,
  reads: 500,
  idleCases: 10_000,
  stories: 50,
  concurrency: 16,
  clicks: 100,
  clicksMany: 320,
};

async function main(): Promise<void> {
  if (flag('micro')) {
    await import('./bench/micro');
    return;
  }
  if (flag('profile')) {
    await (await import('./bench/profile-click')).profileClick();
    return;
  }
  const quick = flag('quick');
  const cluster = flag('cluster');
  const sizes = quick ? QUICK : FULL;
  const t0 = performance.now();
  const s = await startBenchServices(log, { cluster });
  const topology = s.topology;
  const figures: Figure[] = [];
  let peer: PeerFigures | undefined;
  try {
    const people = await setUp(s.apiUrl, s.secret);
    // Warm both paths (the worker's workflow bundle, the API's first queries) before timing.
    await load(10, 4, (i) => enrollByApi(s.api(), people, `warm-api-${i}`));
    await load(10, 4, (i) => enrollDirect(s.client, s.taskQueue, people, `warm-direct-${i}`, s.apiUrl));
    for (const [name, measure] of [
      ['P1', p1Starts],
      ['P2', p2Completions],
      ['P5', p5Stories],
      ['P6', p6Clicks],
      ['P3', p3Reads],
      ['P4', p4Memory],
    ] as const) {
      const f = await measure(s, people, sizes);
      log(`${name} ${f.value.toFixed(1)} ${f.unit} vs ${f.floor.toFixed(1)} ${f.unit} (ratio ${f.ratio.toFixed(2)})`);
      figures.push(f);
    }
  } finally {
    await s.stop();
  }
  if (!flag('no-peer')) {
    peer = await measurePeer(sizes, log).catch((err: Error) => {
      log(`the peer was not measured: ${err.message}`);
      return undefined;
    });
  }
  figures.sort((a, b) => a.id.localeCompare(b.id));
  const seconds = (performance.now() - t0) / 1000;
  const by = (id: string) => figures.find((f) => f.id === id)!;
  console.log(`\n${table(figures, peer)}\n\n${clicksTable(by('P6'), peer?.clicks, peer?.name)}\n`);
  const { line, text } = headline(figures, peer);
  const svg = writeResults(
    figures,
    peer,
    {
      mode: quick ? 'quick' : 'full',
      topology,
      sizes,
      seconds,
      machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30) },
      line,
    },
    cluster ? 'cluster' : '',
  );
  log(
    `${quick ? 'quick' : 'full'} run on ${topology} in ${seconds.toFixed(0)} s; results in ${svg.replace(/latest(-cluster)?\.svg$/, '')} (${path.basename(svg, '.svg')}.json, .svg)`,
  );
  console.log(text);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
