/**
 * The five figures of `npm run bench`, each beside its floor:
 *  P1 cases started per second through the API vs a direct start of the same workflow;
 *  P2 a task's completion round trip through the API vs the direct Update;
 *  P3 the inbox and case search with 1,000 and with 100,000 rows in the read model;
 *  P4 the worker's resident memory with many open, idle cases;
 *  P5 whole leave stories per second through the API vs the same start and Updates direct.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { residentMb, untilQuiet, type BenchServices } from './services';
import { explainReads, fillReadModel, syntheticSurname } from './read-model-fill';
import { load, http, type LoadResult } from './load';
import {
  actors,
  completeDirect,
  enrollByApi,
  enrollDirect,
  openTask,
  storyByApi,
  storyDirect,
  type People,
} from './leave';

export interface Figure {
  id: string;
  name: string;
  value: number;
  floor: number;
  unit: string;
  /** value ÷ floor, or for latencies floor-relative cost (value ÷ floor): the line says which way is good. */
  ratio: number;
  target: string;
  met: boolean;
  detail: Record<string, unknown>;
}

export interface Sizes {
  starts: number;
  completions: number;
  reads: number;
  idleCases: number;
  stories: number;
  concurrency: number;
  /** P6's samples of each action at 1 client and at 16 clients. */
  clicks: number;
  clicksMany: number;
}

let serial = 0;
export const nextId = (tag: string) => `${tag}${Date.now().toString(36)}${(serial++).toString(36)}`;
const failed = (r: LoadResult, what: string) => (r.failures ? ` (${r.failures} ${what} failed: ${r.firstError})` : '');

export async function p1Starts(s: BenchServices, people: People, n: Sizes): Promise<Figure> {
  const api = await load(n.starts, n.concurrency, () => enrollByApi(s.api(), people, nextId('p1a')));
  await untilQuiet(s.workers);
  // The floor as it is defined here: direct starts, each counted when the server accepts it —
  // before any worker has run the workflow. The API answers only once the case is written
  // (its first task open), so the same starts are also timed until every case is written:
  // the floor that does the work the API's answer includes.
  const started: string[] = [];
  const t0 = performance.now();
  const direct = await load(n.starts, n.concurrency, async () =>
    started.push(await enrollDirect(s.client, s.taskQueue, people, nextId('p1d'), s.apiUrl)),
  );
  const written = async () =>
    Number(
      (
        await sql<{ n: string }>`SELECT count(*) AS n FROM cases WHERE id = ANY(${sql.val(started)}::text[])`.execute(
          s.db,
        )
      ).rows[0].n,
    );
  for (let i = 0; i < 6000 && (await written()) < started.length; i++) await new Promise((r) => setTimeout(r, 20));
  const writtenPerSecond = started.length / ((performance.now() - t0) / 1000);
  const ratio = api.perSecond / direct.perSecond;
  return {
    id: 'P1',
    name: `cases started per second (leave enrollments; direct starts until each case is written: ${writtenPerSecond.toFixed(1)} /s, ratio ${(api.perSecond / writtenPerSecond).toFixed(2)})${failed(api, 'API')}${failed(direct, 'direct')}`,
    value: api.perSecond,
    floor: direct.perSecond,
    unit: '/s',
    ratio,
    target: 'ratio ≥ 0.8',
    met: ratio >= 0.8,
    detail: {
      api,
      direct,
      directUntilWritten: { perSecond: writtenPerSecond, ratio: api.perSecond / writtenPerSecond },
    },
  };
}

/** `count` open eligibility reviews for each path (API, direct), opened by `concurrency` callers. */
export async function openReviews(s: BenchServices, people: People, count: number, concurrency: number) {
  const viaApi: string[] = [];
  const direct: { id: string; workflow_id: string }[] = [];
  await load(count, concurrency, async () =>
    viaApi.push(
      (await enrollByApi(s.api(), people, nextId('rva'))).openTasks.find((t) => t.type === 'eligibility_review')!.id,
    ),
  );
  await load(count, concurrency, async () =>
    direct.push(await openTask(s.db, (await enrollByApi(s.api(), people, nextId('rvd'))).id, 'eligibility_review')),
  );
  return { viaApi, direct };
}

export async function p2Completions(s: BenchServices, people: People, n: Sizes): Promise<Figure> {
  const { viaApi, direct } = await openReviews(s, people, n.completions, n.concurrency);
  const a = await load(viaApi.length, n.concurrency, (i) =>
    http('POST', `${s.api()}/api/v1/tasks/${viaApi[i]}/complete`, people.tokens.hr, { outcome: 'approve' }),
  );
  const d = await load(direct.length, n.concurrency, (i) => completeDirect(s.client, direct[i], 'approve', actors.hr));
  const ratio = a.p50 / d.p50;
  return {
    id: 'P2',
    name: `task completion round trip, p50 (p99 ${a.p99.toFixed(0)} vs ${d.p99.toFixed(0)} ms)${failed(a, 'API')}${failed(d, 'direct')}`,
    value: a.p50,
    floor: d.p50,
    unit: 'ms',
    ratio,
    target: 'p50 ≤ 1.5× floor',
    met: ratio <= 1.5,
    detail: { api: a, direct: d },
  };
}

export async function p3Reads(s: BenchServices, people: People, n: Sizes): Promise<Figure> {
  const at = async (total: number) => {
    await fillReadModel(s, total);
    await untilQuiet(s.workers);
    const inbox = await load(n.reads, n.concurrency, () =>
      http('GET', `${s.api()}/api/v1/tasks?limit=50`, people.tokens.hr),
    );
    const search = await load(n.reads, n.concurrency, (i) =>
      http('GET', `${s.api()}/api/v1/cases?q=${syntheticSurname((i * 37) % 1000)}&limit=50`, people.tokens.hr),
    );
    return { inbox, search };
  };
  const small = await at(1_000);
  const big = await at(100_000);
  const plans = await explainReads(s);
  const ratio = Math.max(big.inbox.p50 / small.inbox.p50, big.search.p50 / small.search.p50);
  return {
    id: 'P3',
    name: `inbox / case search p50 at 100k vs 1k rows (inbox ${small.inbox.p50.toFixed(1)} → ${big.inbox.p50.toFixed(1)} ms, search ${small.search.p50.toFixed(1)} → ${big.search.p50.toFixed(1)} ms)`,
    value: Math.max(big.inbox.p50, big.search.p50),
    floor: Math.max(small.inbox.p50, small.search.p50),
    unit: 'ms',
    ratio,
    target: '100k ≤ 1.3× 1k',
    met: ratio <= 1.3,
    detail: { at1k: small, at100k: big, plans },
  };
}

export async function p4Memory(s: BenchServices, people: People, n: Sizes): Promise<Figure> {
  // A fresh worker, as after a deploy: its cache holds only what this figure starts.
  await untilQuiet(s.workers);
  for (const w of s.workers) await w.stop();
  for (const w of s.workers) w.start();
  // With two workers (the cluster) the cases spread over both: the figure is the larger one's.
  const residentMbMax = async () => Math.max(...(await Promise.all(s.workers.map((w) => residentMb(w.pid)))));
  for (
    let i = 0;
    i < 120 &&
    !(await fetch(s.workerMetricsUrl).then(
      (r) => r.ok,
      () => false,
    ));
    i++
  )
    await new Promise((res) => setTimeout(res, 500));
  await new Promise((res) => setTimeout(res, 2000));
  const before = await residentMbMax();
  const waiting = async () =>
    Number(
      (
        await sql<{
          n: string;
        }>`SELECT count(*) AS n FROM cases WHERE id NOT LIKE 'synthetic-%' AND stage = 'eligibility_review'`.execute(
          s.db,
        )
      ).rows[0].n,
    );
  const already = await waiting();
  // The high-water mark while the cases start, sampled each second.
  let peak = before;
  const sampler = setInterval(() => void residentMbMax().then((mb) => (peak = Math.max(peak, mb || 0))), 1000);
  const t0 = performance.now();
  try {
    await load(n.idleCases, n.concurrency, () => enrollDirect(s.client, s.taskQueue, people, nextId('p4'), s.apiUrl));
    // Idle once every one of them has written its first read-model row (its first task is
    // open) and the worker has gone quiet; then a few seconds for the collector.
    for (let i = 0; i < 4800 && (await waiting()) < already + n.idleCases; i++)
      await new Promise((res) => setTimeout(res, 500));
    await untilQuiet(s.workers);
  } finally {
    clearInterval(sampler);
  }
  // Idle memory: V8 hands back what a burst left only after some quiet seconds (its memory
  // reducer), so the figure is read once resident memory stops falling (at most a minute).
  for (let i = 0, last = Infinity; i < 12; i++) {
    await new Promise((res) => setTimeout(res, 5000));
    const now = await residentMbMax();
    if (now > last * 0.99) break;
    last = now;
  }
  const burstSeconds = (performance.now() - t0) / 1000;
  const after = await residentMbMax();
  const cached = Number(
    (
      await fetch(s.workerMetricsUrl)
        .then((r) => r.text())
        .catch(() => '')
    ).match(/sticky_cache_size\S* (\d+)/)?.[1] ?? NaN,
  );
  // What the worker grew by, over the workflows its cache holds: the cost of one cached
  // workflow (an upper bound: the growth includes the rest of the burst's leftovers).
  const perCachedKb =
    ((after - before) * 1024) / Math.max(1, Number.isNaN(cached) ? n.idleCases : Math.min(cached, n.idleCases));
  return {
    id: 'P4',
    name: `${s.workers.length > 1 ? 'each ' : ''}worker resident memory with ${n.idleCases.toLocaleString('en-US')} open idle cases (${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB at the peak of starting them in ${burstSeconds.toFixed(0)} s; ${Number.isNaN(cached) ? 'sticky cache size not reported' : `${cached} cached, ≤ ${perCachedKb.toFixed(0)} kB each: ${Math.floor(((512 - before) * 1024) / Math.max(1, perCachedKb))} fit in 512 MB`})`,
    value: after,
    floor: 512,
    unit: 'MB',
    ratio: after / 512,
    target: '≤ 512 MB',
    met: after <= 512,
    detail: {
      before,
      after,
      peak,
      burstSeconds,
      cached,
      perCachedKb,
      cachedThatFitIn512Mb: Math.floor(((512 - before) * 1024) / Math.max(1, perCachedKb)),
    },
  };
}

export async function p5Stories(s: BenchServices, people: People, n: Sizes): Promise<Figure> {
  const api = await load(n.stories, n.concurrency, () => storyByApi(s.api(), people, nextId('p5a')));
  const direct = await load(n.stories, n.concurrency, () =>
    storyDirect(s.client, s.db, s.taskQueue, people, nextId('p5d'), s.apiUrl),
  );
  const ratio = api.perSecond / direct.perSecond;
  return {
    id: 'P5',
    name: `whole leave stories per second (1 start + 6 steps)${failed(api, 'API')}${failed(direct, 'direct')}`,
    value: api.perSecond,
    floor: direct.perSecond,
    unit: '/s',
    ratio,
    target: 'ratio ≥ 0.5',
    met: ratio >= 0.5,
    detail: { api, direct },
  };
}
