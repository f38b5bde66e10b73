/**
 * `npm run bench -- --profile [--samples N] [--no-peer] [--starts-per-second]`: where each
 * millisecond of one person's click goes. P6 times a click whole; on this machine two targets are not met
 * (completing a task within 2× the peer's p50, starting at least half as many cases a
 * second as the peer), and the profile of the click is what says why and what would reach
 * them. On the bench's own services (dev server, 1 worker, 1 API) at 1 client, N samples
 * (30 by default) each of: starting a leave case through the API, HR completing its
 * eligibility review through the API, and the same completion as Temporal's own Update
 * (the floor). Each is split into phases from the bench's clock and the eventTime of the
 * workflow's history events (scripts/bench/click-phases.ts); the Flowable peer's start and
 * completion are timed whole (each is one JDBC transaction). With --starts-per-second, also
 * 200 starts at 16 clients (P1's load). Prints a table and writes bench/results/profile.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { temporal } from '@temporalio/proto';
import type { Client } from '@temporalio/client';
import { mentoringLeaveWorkflowId } from '../../processes/mentoring-leave/workflow';
import { clickEvent, clickPhases, summarize, type ClickProfile, type PhaseSummary } from './click-phases';
import { actors, completeDirect, enrollByApi, setUp, year, type People } from './leave';
import { http, load, type LoadResult } from './load';
import { nextId } from './measures';
import { peerComplete, peerStart, peerTaskOf, startPeer } from './peer';
import { RESULTS } from './report';
import { startBenchServices, untilQuiet, type BenchServices } from './services';

const log = (m: string) => console.log(`profile: ${m}`);
const arg = (name: string) => process.argv[process.argv.indexOf(`--${name}`) + 1];
const SAMPLES = process.argv.includes('--samples') ? Number(arg('samples')) : 30;
const STARTS = 200;
const now = () => performance.timeOrigin + performance.now();

const eventType = (n: number) => temporal.api.enums.v1.EventType[n] ?? String(n);

async function historyOf(client: Client, workflowId: string) {
  const h = await client.workflow.getHandle(workflowId).fetchHistory();
  return (h.events ?? []).map((e) => clickEvent(e, eventType));
}

const examples: unknown[] = [];

interface Timed {
  workflowId: string;
  /** Events of the workflow's history before the click (0 for a new workflow). */
  after: number;
  sentAt: number;
  answeredAt: number;
}

/** Each click timed back to back at 1 client (as P6 at 1 client), histories read afterwards. */
async function profile(client: Client, clicks: Timed[]): Promise<ClickProfile[]> {
  const out: ClickProfile[] = [];
  for (const c of clicks) {
    const events = (await historyOf(client, c.workflowId)).filter((e) => e.id > c.after);
    out.push(clickPhases(events, c.sentAt, c.answeredAt));
    // The first click's events, relative to the request, so a reader can check the phases by eye.
    if (out.length === 1) examples.push({ ...c, events: events.map((e) => ({ ...e, at: e.at - c.sentAt })) });
  }
  return out;
}

/** An open eligibility review on a new case, with its workflow and how long its history is. */
async function openReview(s: BenchServices, people: People) {
  const n = nextId('prof');
  const c = await enrollByApi(s.apiUrl, people, n);
  return {
    taskId: c.openTasks.find((t) => t.type === 'eligibility_review')!.id,
    workflowId: mentoringLeaveWorkflowId(year, `bench-emp-${n}`),
  };
}

async function mentorflowClicks(s: BenchServices, people: People) {
  const starts: Timed[] = [];
  await untilQuiet(s.workers);
  for (let i = 0; i < SAMPLES; i++) {
    const n = nextId('profs');
    const sentAt = now();
    await enrollByApi(s.apiUrl, people, n);
    starts.push({ workflowId: mentoringLeaveWorkflowId(year, `bench-emp-${n}`), after: 0, sentAt, answeredAt: now() });
  }
  // Reviews to complete, their histories settled before the clicks.
  const reviews = [];
  for (let i = 0; i < 2 * SAMPLES; i++) reviews.push(await openReview(s, people));
  await untilQuiet(s.workers);
  const lengths = await Promise.all(reviews.map(async (r) => (await historyOf(s.client, r.workflowId)).length));
  const completes: Timed[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const sentAt = now();
    await http('POST', `${s.apiUrl}/api/v1/tasks/${reviews[i].taskId}/complete`, people.tokens.hr, {
      outcome: 'approve',
    });
    completes.push({ workflowId: reviews[i].workflowId, after: lengths[i], sentAt, answeredAt: now() });
  }
  await untilQuiet(s.workers);
  const direct: Timed[] = [];
  for (let i = SAMPLES; i < 2 * SAMPLES; i++) {
    const sentAt = now();
    await completeDirect(s.client, { id: reviews[i].taskId, workflow_id: reviews[i].workflowId }, 'approve', actors.hr);
    direct.push({ workflowId: reviews[i].workflowId, after: lengths[i], sentAt, answeredAt: now() });
  }
  const profiles = {
    start: await profile(s.client, starts),
    complete: await profile(s.client, completes),
    completeDirect: await profile(s.client, direct),
  };
  const counts = (ps: ClickProfile[]) => ({
    workflowTasks: ps.map((p) => p.workflowTasks),
    activityTasks: ps.map((p) => p.activityTasks),
  });
  return {
    summaries: {
      start: summarize(profiles.start),
      complete: summarize(profiles.complete),
      completeDirect: summarize(profiles.completeDirect),
    },
    tasks: {
      start: counts(profiles.start),
      complete: counts(profiles.complete),
      completeDirect: counts(profiles.completeDirect),
    },
    profiles,
  };
}

async function peerClicks(): Promise<{ start: LoadResult; complete: LoadResult }> {
  const { base, stop } = await startPeer(log);
  try {
    await load(20, 4, (i) => peerStart(base, `warm-${i}`));
    const start = await load(SAMPLES, 1, (i) => peerStart(base, `prof-start-${i}`));
    const tasks: string[] = [];
    for (let i = 0; i < SAMPLES; i++) tasks.push(await peerTaskOf(base, (await peerStart(base, `prof-t-${i}`)).id));
    const complete = await load(SAMPLES, 1, (i) => peerComplete(base, tasks[i]));
    return { start, complete };
  } finally {
    stop();
  }
}

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');

function table(title: string, rows: PhaseSummary[]): string {
  const lines = [`| ${title} | p50 ms | mean ms | samples |`, '| --- | --- | --- | --- |'];
  for (const r of rows) lines.push(`| ${r.name} | ${ms(r.p50)} | ${ms(r.mean)} | ${r.samples} |`);
  return lines.join('\n');
}

/** The whole profile run: services up, the clicks, the peer, the table and the JSON. */
export async function profileClick(): Promise<void> {
  const loadBefore = loadavg();
  const s = await startBenchServices((m) => log(m));
  let ours: Awaited<ReturnType<typeof mentorflowClicks>>;
  let startsPerSecond: LoadResult | undefined;
  try {
    const people = await setUp(s.apiUrl, s.secret);
    // Warm the paths (the worker's workflow bundle, the API's first queries) before timing.
    for (let i = 0; i < 10; i++) {
      const r = await openReview(s, people);
      await http('POST', `${s.apiUrl}/api/v1/tasks/${r.taskId}/complete`, people.tokens.hr, { outcome: 'approve' });
    }
    ours = await mentorflowClicks(s, people);
    if (process.argv.includes('--starts-per-second')) {
      // The throughput side of a start (P1's load: 16 clients), to set a server setting's effect beside its latency.
      await untilQuiet(s.workers);
      startsPerSecond = await load(STARTS, 16, () => enrollByApi(s.apiUrl, people, nextId('profp')));
      log(`${STARTS} starts through the API at 16 clients: ${startsPerSecond.perSecond.toFixed(1)} /s`);
    }
  } finally {
    await s.stop();
  }
  const loadAfterOurs = loadavg();
  const peer = process.argv.includes('--no-peer')
    ? undefined
    : await peerClicks().catch((err: Error) => {
        log(`the peer was not measured: ${err.message}`);
        return undefined;
      });
  const result = {
    when: new Date().toISOString(),
    samples: SAMPLES,
    machine: { cpus: cpus().length },
    loadAverage: { before: loadBefore, afterMentorflow: loadAfterOurs, after: loadavg() },
    summaries: ours.summaries,
    startsPerSecond,
    tasks: ours.tasks,
    peer: peer && { start: peer.start, complete: peer.complete },
    examples,
    profiles: ours.profiles,
  };
  console.log(`\n${table('start a case (API), 1 client', ours.summaries.start)}\n`);
  console.log(`${table('complete a task (API), 1 client', ours.summaries.complete)}\n`);
  console.log(`${table('complete a task (Temporal Update direct), 1 client', ours.summaries.completeDirect)}\n`);
  if (peer)
    console.log(
      `Flowable peer, 1 client, whole request: start p50 ${ms(peer.start.p50)} ms, ` +
        `complete p50 ${ms(peer.complete.p50)} ms\n`,
    );
  const la = (x: number[]) => x.map((v) => v.toFixed(2)).join(' ');
  log(`load average before ${la(loadBefore)}, after mentorflow ${la(loadAfterOurs)}, after ${la(loadavg())}`);
  mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, 'profile.json');
  writeFileSync(file, JSON.stringify(result, null, 2));
  log(`written to ${file}`);
}
