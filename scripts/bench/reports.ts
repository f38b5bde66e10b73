/**
 * `npx tsx scripts/bench/reports.ts [--cases 20000] [--runs 5] [--reuse]`:
 * how the reads that go over many cases behave at size — the referral report, a college's
 * stipend export and a youth's match suggestions. Seeds `--cases` cases of each kind into a
 * fresh database (mentorflow_bench_reports, on the embedded PostgreSQL unless DATABASE_URL is
 * set), serves the API in this process (no Temporal is reached: these routes only read), and
 * prints each route's median time and the live heap it holds at its peak. `--reuse` keeps the
 * rows of an earlier run with the same --cases, to compare two versions of the code on them.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { Client } from '@temporalio/client';
import { createApp } from '../../platform/api/app';
import { mintToken } from '../../platform/api/auth';
import { roleToken, userToken } from '../../platform/workflow/access';
import { buildPolicy } from '../../lib/policy';
import type { Db } from '../../db';
import { provideDatabase } from '../provision/postgres';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '20000' }, runs: { type: 'string' }, reuse: { type: 'boolean' } },
});
const N = Number(values.cases);
const RUNS = Number(values.runs ?? 5);
// The collector on call, to count what a request holds rather than what it has let go.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const SECRET = 'bench-reports-secret-'.padEnd(40, 'x');
const COLLEGES = 20;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const date = (ms: number) => iso(ms).slice(0, 10);

/** Rows of the cases table with what every case has; `details` as the workflows write them. */
function caseRow(id: string, type: string, stage: string, details: object, viewers: string[], createdMs: number) {
  return {
    id,
    workflow_id: `bench-${id}`,
    type,
    status: stage === 'closed' ? 'closed' : 'open',
    stage,
    subject: `${type} ${id}`,
    viewers,
    owner_id: null,
    department: null,
    parties: null,
    program_id: null,
    details: JSON.stringify(details) as never,
    version: 1,
    created_at: iso(createdMs),
    updated_at: iso(createdMs + DAY),
  };
}

function referral(i: number, now: number) {
  const created = now - (i % 360) * DAY - 3600_000;
  const offers = Array.from({ length: i % 4 }, (_, k) => ({
    programId: `prog-${(i + k) % 50}`,
    programName: `Program ${(i + k) % 50}`,
    status: k === 0 && i % 3 === 0 ? 'contacted' : 'offered',
    round: 1,
    reasons: ['county', 'languages'],
    offeredAt: iso(created + DAY),
    dueAt: iso(created + 8 * DAY),
    taskId: `task-${i}-${k}`,
    ...(k === 0 && i % 9 === 0 ? { outcome: 'enrolled' } : {}),
  }));
  const contacted = offers.length > 0 && i % 3 === 0;
  const details = {
    volunteer: {
      name: `Volunteer ${i}`,
      email: `v${i}@example.org`,
      phone: '555-0100',
      county: `County ${i % 58}`,
      languages: ['English', ...(i % 5 === 0 ? ['Spanish'] : [])],
      interests: ['sports', 'music', 'reading'],
      youthAges: ['11-14'],
      format: 'in_person',
      ageBand: '25-34',
      hoursPerMonth: 8,
    },
    county: `County ${i % 58}`,
    ...(i % 7 ? { campaign: `campaign-${i % 12}` } : {}),
    offers,
    confirmedAt: iso(created + 3600_000),
    ...(contacted ? { firstContactedAt: iso(created + ((i % 20) + 1) * DAY) } : {}),
    ...(offers.length && i % 9 === 0 ? { outcome: 'enrolled' } : {}),
  };
  const stage = i % 11 === 0 ? 'unconfirmed' : offers.length ? 'referred' : 'awaiting_placement';
  return caseRow(`ref-${i}`, 'mentor_referral', stage, details, [roleToken('partnership_coordinator')], created);
}

function placement(i: number, now: number) {
  const collegeId = `college-${i % COLLEGES}`;
  const end = now - (i % 700) * DAY;
  const details = {
    collegeId,
    mentorCaseId: `ece-mentor-${i % 500}`,
    mentor: { id: `mentor-${i % 500}`, name: `Mentor ${i % 500}`, email: `m${i}@example.org`, role: 'mentor_teacher' },
    mentee: { id: `mentee-${i}`, name: `Mentee ${i}`, email: `s${i}@example.org`, kind: 'student' },
    term: { start: date(end - 100 * DAY), end: date(end) },
    course: 'CD 101',
    hours: Array.from({ length: 12 }, (_, k) => ({
      id: `h-${i}-${k}`,
      date: date(end - k * 7 * DAY),
      hours: 5,
      activity: 'Classroom practice',
      status: 'confirmed',
      loggedAt: iso(end - k * 7 * DAY),
    })),
    hoursConfirmed: 60,
    evaluations: { mentor: { at: iso(end), rating: 4 } },
    stipend: 500,
    closedAt: iso(end + DAY),
  };
  const viewers = [
    roleToken('college_coordinator', { collegeId }),
    userToken(details.mentor.id),
    userToken(`mentee-${i}`),
  ];
  return caseRow(`place-${i}`, 'ece_placement', i % 10 ? 'closed' : 'active', details, viewers, end - 100 * DAY);
}

function mentor(i: number, now: number) {
  const created = now - (i % 400) * DAY;
  const details = {
    applicant: {
      name: `Mentor Applicant ${i}`,
      email: `a${i}@example.org`,
      phone: '555-0101',
      dateOfBirth: '1990-01-01',
      languages: ['English', ...(i % 4 === 0 ? ['Spanish'] : [])],
      interests: ['sports', 'art', 'science'].slice(0, (i % 3) + 1),
      formerFosterYouth: i % 6 === 0,
      county: `County ${i % 58}`,
    },
    caseWorkerId: `cw-${i % 40}`,
    checks: [{ name: 'fbi', status: 'clear' }],
    references: [{ id: `r-${i}`, name: 'Ref', relationship: 'colleague', status: 'answered' }],
    interview: { status: 'held' },
    training: [{ date: date(created), hours: 6, module: 'core' }],
    trainingHours: 6,
    screeningDueAt: iso(created + 30 * DAY),
    screeningOverdue: false,
    decision: { at: iso(created + 20 * DAY), by: 'sup-1', outcome: 'approved' },
    // Most of the pool is in a match: the suggestions read past them.
    ...(i % 10 ? { activeMatchId: `match-${i}` } : {}),
    pastMatchIds: [],
  };
  const viewers = [userToken(`cw-${i % 40}`), roleToken('case_supervisor')];
  return caseRow(`mentor-${i}`, 'mentor_screening', 'approved', details, viewers, created);
}

async function seed(db: Db, now: number): Promise<void> {
  const kinds = [referral, placement, mentor];
  for (const make of kinds) {
    for (let from = 0; from < N; from += 1000) {
      const rows = Array.from({ length: Math.min(1000, N - from) }, (_, k) => make(from + k, now));
      await db.insertInto('cases').values(rows).execute();
    }
  }
  const youth = {
    youth: {
      name: 'Youth Bench',
      dateOfBirth: '2012-05-05',
      county: 'County 3',
      languages: ['English', 'Spanish'],
      interests: ['sports', 'art'],
      needs: [],
    },
    mentorPreferences: { formerFosterYouth: true },
    socialWorker: { id: 'sw-1', email: 'sw@example.org', name: 'SW' },
    caregiver: { name: 'Caregiver' },
    caseWorkerId: 'cw-1',
    consents: {},
    pastMatchIds: [],
  };
  const viewers = [userToken('cw-1'), roleToken('case_supervisor'), userToken('sw-1')];
  await db
    .insertInto('cases')
    .values(caseRow('youth-bench', 'youth_referral', 'ready', youth, viewers, now - DAY))
    .execute();
  await sql`ANALYZE cases`.execute(db);
}

/**
 * One request's median time over `RUNS` answers, then its live heap: one more answer during
 * which the heap is collected every few milliseconds, so the peak counts what the request
 * holds at once (rows it keeps), not garbage waiting for the collector.
 */
async function measure(url: string, token: string, accept = 'application/json') {
  const ask = async () => {
    const r = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept } });
    if (!r.ok) throw new Error(`${url}: ${r.status} ${await r.text()}`);
    return r.text();
  };
  const answer = await ask(); // warm; and what the answer is, to compare two versions of the code
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await ask();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  gc();
  const rest = process.memoryUsage().heapUsed;
  let live = rest;
  const sampler = setInterval(() => {
    gc();
    live = Math.max(live, process.memoryUsage().heapUsed);
  }, 5);
  await ask();
  clearInterval(sampler);
  return {
    medianMs: Math.round(times[Math.floor(times.length / 2)] * 10) / 10,
    liveHeapMb: +((live - rest) / 2 ** 20).toFixed(1),
    bytes: answer.length,
    sha256: createHash('sha256').update(answer).digest('hex').slice(0, 16),
  };
}

async function main(): Promise<void> {
  const database = await provideDatabase({
    url: process.env.DATABASE_URL,
    database: 'mentorflow_bench_reports',
    fresh: !values.reuse,
  });
  const now = Date.now();
  try {
    const t0 = performance.now();
    const seeded = values.reuse && (await database.db.selectFrom('cases').select('id').limit(1).execute()).length;
    if (!seeded) await seed(database.db, now);
    if (!seeded)
      console.log(
        `seeded ${N} referrals, ${N} placements, ${N} approved mentors in ${Math.round(performance.now() - t0)} ms`,
      );
    const app = createApp({
      db: database.db,
      temporal: new Client(),
      policy: buildPolicy({}, 'http://127.0.0.1:3000'),
      auth: { hsSecret: SECRET },
      log: () => undefined,
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((res) => server.once('listening', res));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    const token = (sub: string, roles: string[], extra: object = {}) => mintToken(SECRET, { sub, roles, ...extra });
    const coordinator = await token('pc-1', ['partnership_coordinator']);
    const college = await token('cc-1', ['college_coordinator'], { collegeId: 'college-3' });
    const worker = await token('cw-1', ['case_worker']);
    const from = date(now - 365 * DAY);
    const results = {
      referralReport: await measure(`${base}/referrals/reports?groupBy=campaign`, coordinator),
      stipendExport: await measure(`${base}/ece/placements/export?from=${from}&to=${date(now)}`, college, 'text/csv'),
      suggestions: await measure(`${base}/foster/youth/youth-bench/suggestions?limit=20`, worker),
    };
    console.table(results);
    console.log(JSON.stringify({ cases: N, runs: RUNS, results }));
    server.close();
  } finally {
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
