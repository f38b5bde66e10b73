/**
 * `npm run bench`: how fast the product does its job, each figure beside its floor on the
 * same machine in the same run: P1 starts, P2 completions, P3 reads at 1k and
 * 100k rows, P4 worker memory, P5 whole stories — against Temporal driven directly, and
 * the same start/complete on a Flowable peer. Prints a table, writes JSON and an SVG chart
 * to bench/results/. `--quick` (CI's smoke; within 3 minutes) runs smaller sizes and ends
 * with `bench: P1 r1 P2 r2 P3 r3 P4 mb P5 r5`. `--no-peer` leaves the peer out; `--micro`
 * runs only the pure-path micro benchmarks. Benchmarks report; they never fail on a time.
 */
import { performance } from 'node:perf_hooks';
import { cpus, totalmem } from 'node:os';
import { startBenchServices } from './bench/services';
import { setUp, enrollByApi, enrollDirect } from './bench/leave';
import { load } from './bench/load';
import { p1Starts, p2Completions, p3Reads, p4Memory, p5Stories, type Figure, type Sizes } from './bench/measures';
import { measurePeer, type PeerFigures } from './bench/peer';
import { table, writeResults } from './bench/report';

const flag = (name: string) => process.argv.includes(`--${name}`);
const log = (m: string) => console.log(`bench: ${m}`);

const QUICK: Sizes = { starts: 60, completions: 40, reads: 100, idleCases: 500, stories: 8, concurrency: 8 };
const FULL: Sizes = { starts: 300, completions: 200, reads: 500, idleCases: 10_000, stories: 50, concurrency: 16 };

async function main(): Promise<void> {
  if (flag('micro')) {
    await import('./bench/micro');
    return;
  }
  const quick = flag('quick');
  const sizes = quick ? QUICK : FULL;
  const t0 = performance.now();
  const s = await startBenchServices(log);
  const figures: Figure[] = [];
  let peer: PeerFigures | undefined;
  try {
    const people = await setUp(s.apiUrl, s.secret);
    // Warm both paths (the worker's workflow bundle, the API's first queries) before timing.
    await load(10, 4, (i) => enrollByApi(s.apiUrl, people, `warm-api-${i}`));
    await load(10, 4, (i) => enrollDirect(s.client, s.taskQueue, people, `warm-direct-${i}`, s.apiUrl));
    for (const [name, measure] of [
      ['P1', p1Starts],
      ['P2', p2Completions],
      ['P5', p5Stories],
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
    peer = await measurePeer(
      { starts: sizes.starts, completions: sizes.completions, concurrency: sizes.concurrency },
      log,
    ).catch((err: Error) => {
      log(`the peer was not measured: ${err.message}`);
      return undefined;
    });
  }
  figures.sort((a, b) => a.id.localeCompare(b.id));
  const seconds = (performance.now() - t0) / 1000;
  console.log(`\n${table(figures, peer)}\n`);
  const svg = writeResults(figures, peer, {
    mode: quick ? 'quick' : 'full',
    sizes,
    seconds,
    machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30) },
  });
  log(
    `${quick ? 'quick' : 'full'} run in ${seconds.toFixed(0)} s; results in ${svg.replace(/latest\.svg$/, '')} (latest.json, latest.svg)`,
  );
  const by = (id: string) => figures.find((f) => f.id === id)!;
  console.log(
    `bench: P1 ${by('P1').ratio.toFixed(2)} P2 ${by('P2').ratio.toFixed(2)} P3 ${by('P3').ratio.toFixed(2)} P4 ${by('P4').value.toFixed(0)} P5 ${by('P5').ratio.toFixed(2)}`,
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
