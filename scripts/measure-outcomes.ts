/**
 * `npx tsx scripts/measure-outcomes.ts [10000 100000 ...]`: how long the funders' outcome report
 * takes and how much memory it holds with that many matches in the read model, counted the way
 * it was before (every match read into memory, outcome-figures.ts) and the way it is now
 * (PostgreSQL per group, processes/foster/api/outcome-queries.ts), and whether both give the same answer. Its own
 * database on its own embedded PostgreSQL (under .data/measure-outcomes), refilled each run:
 * matches over five years in 20 programs and 58 counties, a survey answer for most met ones,
 * and one mentor screening for every 20 matches, opened in the year measured (2024).
 */
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'kysely';
import type { Db } from '../db';
import { DATA_DIR } from '../lib/config';
import { readDetails } from '../platform/api/details';
import { screeningDetails } from '../processes/foster/details';
import {
  outcomeItems,
  type MatchFact,
  type MentorFact,
  type OutcomeItem,
} from '../processes/foster/reports/outcome-figures';
import { keyOf, outcomesReport, periodOf, screeningsOf, type OutcomeQuery } from '../processes/foster/reports/outcomes';
import { provideDatabase } from './provision/postgres';
import { freePort } from './provision/ports';

const MINIMUM_HOURS = 6;
const RUNS = 3;

/** N matches, their survey answers and N/20 screenings, made by PostgreSQL from a series (deterministic). */
async function fill(db: Db, n: number): Promise<void> {
  await sql`TRUNCATE match_facts, survey_responses`.execute(db);
  await sql`DELETE FROM cases WHERE id LIKE 'measure-%'`.execute(db);
  // h(i, salt): a well-mixed non-negative integer per row.
  await sql`
    INSERT INTO match_facts (case_id, mentor_case_id, youth_case_id, case_worker_id, program_id, county, stage,
                             proposed_at, first_meeting_at, closed_at, closure_kind, closure_reason, health_reasons)
    SELECT 'measure-' || i, 'mentor-' || (h1 % ${Math.ceil(n * 0.7)}), 'youth-' || (h2 % ${Math.ceil(n * 0.9)}),
           'cw-' || (i % 50),
           CASE WHEN i % 13 = 0 THEN NULL ELSE 'program-' || (h3 % 20) END,
           CASE WHEN i % 17 = 0 THEN NULL ELSE 'county-' || (h4 % 58) END,
           CASE WHEN h5 % 10 < 4 THEN 'active' ELSE 'closed' END,
           proposed, met,
           CASE WHEN h5 % 10 < 4 THEN NULL ELSE coalesce(met, proposed) + ((h6 % 900) || ' days')::interval END,
           CASE WHEN h5 % 10 < 4 THEN NULL ELSE 'unplanned' END,
           CASE WHEN h5 % 10 < 4 THEN NULL
                ELSE (ARRAY['planned', 'mentor_moved', 'youth_moved', 'safety', 'lost_contact', NULL])[1 + h7 % 6] END,
           '{}'
    FROM (
      SELECT i, h1, h2, h3, h4, h5, h6, h7,
             timestamptz '2020-01-01' + ((h8 % 1826) || ' days')::interval + ((h1 % 86400) || ' seconds')::interval
               AS proposed,
             CASE WHEN h2 % 10 = 0 THEN NULL
                  ELSE timestamptz '2020-01-01' + ((h8 % 1826 + 10 + h3 % 50) || ' days')::interval END AS met
      FROM (
        SELECT i, ${hashes(8)}
        FROM generate_series(1, ${n}) i
      ) hashed
    ) x`.execute(db);
  await sql`
    INSERT INTO survey_responses (survey_id, match_case_id, respondent, round, instrument_id, instrument_version,
                                  language, score, answers, collected, answered_at)
    SELECT case_id || ':mentor:m3', case_id, 'mentor', 'm3', 'relationship-quality', 1, 'en',
           ((abs(hashtext(case_id)) % 1001) / 10.0), '[]', 'link', first_meeting_at + interval '95 days'
    FROM match_facts WHERE first_meeting_at IS NOT NULL AND abs(hashtext(case_id)) % 10 < 8`.execute(db);
  await sql`
    INSERT INTO cases (id, workflow_id, type, status, stage, subject, viewers, details, version, created_at, updated_at)
    SELECT 'measure-s' || i, 'measure-s' || i, 'mentor_screening', 'open', 'screening', 'A mentor', '{}',
           jsonb_build_object(
             'applicant', jsonb_build_object('name', 'Nobody', 'email', 'x@mail.example', 'phone', '+1 213 555 0100',
               'dateOfBirth', '1990-01-01', 'languages', jsonb_build_array('English'), 'interests', '[]'::jsonb,
               'formerFosterYouth', false, 'county', 'county-' || (i % 58)),
             'caseWorkerId', 'cw-1', 'checks', '[]'::jsonb, 'references', '[]'::jsonb, 'pastMatchIds', '[]'::jsonb,
             'trainingHours', 0,
             'training', jsonb_build_array(jsonb_build_object('date', '2024-03-01', 'hours', i % 9))),
           1, timestamptz '2024-01-01' + ((i % 365) || ' days')::interval, now()
    FROM generate_series(1, ${Math.ceil(n / 20)}) i`.execute(db);
  await sql`ANALYZE match_facts, survey_responses, cases`.execute(db);
}

const hashes = (k: number) =>
  sql.raw(Array.from({ length: k }, (_, j) => `(hashint4(i * ${j + 7}) & 2147483647)::bigint AS h${j + 1}`).join(', '));

/** The report as it was counted before this change: every match proposed before the period's end in memory. */
async function outcomesReportInMemory(db: Db, q: OutcomeQuery, minimumTrainingHours: number): Promise<OutcomeItem[]> {
  const p = periodOf(q);
  const facts = await db
    .selectFrom('match_facts')
    .select([
      'case_id',
      'mentor_case_id',
      'youth_case_id',
      'program_id',
      'county',
      'proposed_at',
      'first_meeting_at',
      'closed_at',
      'closure_reason',
    ])
    .where('proposed_at', '<', p.end)
    .execute();
  const matches: MatchFact[] = facts.map((f) => ({
    key: keyOf(q.groupBy, f.program_id, f.county),
    mentorCaseId: f.mentor_case_id,
    youthCaseId: f.youth_case_id,
    proposedAt: new Date(f.proposed_at),
    firstMeetingAt: f.first_meeting_at ? new Date(f.first_meeting_at) : null,
    closedAt: f.closed_at ? new Date(f.closed_at) : null,
    closureReason: f.closure_reason,
  }));
  const mentors: MentorFact[] = [];
  for await (const page of screeningsOf(db, p))
    for (const c of page) {
      const d = readDetails(screeningDetails, c);
      mentors.push({
        key: keyOf(q.groupBy, c.program_id, d.applicant.county),
        hoursByEnd: d.training.filter((t) => t.date <= q.to).reduce((n, t) => n + t.hours, 0),
      });
    }
  const answered = await db
    .selectFrom('survey_responses')
    .innerJoin('match_facts', 'match_facts.case_id', 'survey_responses.match_case_id')
    .select(['survey_responses.score', 'match_facts.program_id', 'match_facts.county'])
    .where('survey_responses.answered_at', '>=', p.from)
    .where('survey_responses.answered_at', '<', p.end)
    .execute();
  const scores = answered.map((a) => ({ key: keyOf(q.groupBy, a.program_id, a.county), score: Number(a.score) }));
  return outcomeItems(p, matches, mentors, scores, minimumTrainingHours);
}

type Report = (db: Db, q: OutcomeQuery, minimum: number) => Promise<OutcomeItem[]>;

/** The fastest of RUNS runs in ms, and the most heap the process held above where it started (MB). */
async function measure(db: Db, report: Report, q: OutcomeQuery) {
  let best = Infinity;
  let peak = 0;
  let items: OutcomeItem[] = [];
  for (let r = 0; r < RUNS; r++) {
    global.gc?.();
    const base = process.memoryUsage().heapUsed;
    let high = base;
    const sample = setInterval(() => (high = Math.max(high, process.memoryUsage().heapUsed)), 2);
    const t0 = performance.now();
    items = await report(db, q, MINIMUM_HOURS);
    best = Math.min(best, performance.now() - t0);
    high = Math.max(high, process.memoryUsage().heapUsed);
    clearInterval(sample);
    peak = Math.max(peak, (high - base) / 2 ** 20);
  }
  return { ms: Math.round(best), mb: Math.round(peak * 10) / 10, items };
}

async function main(): Promise<void> {
  if (!global.gc) throw new Error('Run with node --expose-gc: npx tsx --expose-gc scripts/measure-outcomes.ts');
  const sizes = process.argv.slice(2).map(Number);
  const database = await provideDatabase({
    database: 'mentorflow_measure_outcomes',
    dir: path.join(DATA_DIR, 'measure-outcomes', 'pg'),
    port: await freePort(),
    fresh: true,
  });
  const db = database.db;
  let same = true;
  try {
    for (const n of sizes.length ? sizes : [10_000, 100_000]) {
      await fill(db, n);
      for (const groupBy of ['program', 'county'] as const) {
        const q: OutcomeQuery = { from: '2024-01-01', to: '2024-12-31', groupBy };
        const before = await measure(db, outcomesReportInMemory, q);
        const after = await measure(db, outcomesReport, q);
        const equal = isDeepStrictEqual(before.items, after.items);
        same &&= equal;
        console.log(
          `${n} matches by ${groupBy}: in memory ${before.ms} ms, ${before.mb} MB; in SQL ${after.ms} ms, ${after.mb} MB;` +
            ` ${after.items.length} groups, ${equal ? 'the same answer' : 'DIFFERENT ANSWERS'}`,
        );
        if (!equal) console.log(JSON.stringify({ before: before.items[0], after: after.items[0] }));
      }
    }
  } finally {
    await database.stop();
  }
  if (!same) process.exitCode = 1;
}

void main();
