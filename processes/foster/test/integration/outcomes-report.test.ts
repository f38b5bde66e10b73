/**
 * The funders' outcome report (docs/processes/foster.md, "Match support"), its arithmetic
 * checked by hand: match facts, mentor screenings and survey answers seeded in the database
 * for the year 2024, read through the API by program and by county, as JSON and as CSV; a
 * bad period or grouping is a 400, a case worker is refused. Months are seeded as whole
 * report months (30.4375 days) back from the period's end, so every figure is a round one.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { as, startStack, type Stack } from '../../../../test/support/stack';
import { admin } from '../../../../test/integration/fixtures';
import { caseSup, cw1 } from '../../../../test/integration/foster-fixtures';
import { MONTH_MS } from '../../reports/outcome-figures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await seedYear();
});
afterAll(async () => stack?.stop());

const END = Date.parse('2025-01-01T00:00:00Z');
/** `n` report months before the end of 2024. */
const ago = (n: number) => new Date(END - n * MONTH_MS).toISOString();
const run = randomUUID().slice(0, 8);
const id = (x: string) => `${x}-${run}`;

async function match(
  name: string,
  f: { mentor: string; youth: string; program: string | null; county: string | null; proposed: number },
  met: number | null,
  closed: number | null = null,
  reason: string | null = null,
) {
  await stack.db
    .insertInto('match_facts')
    .values({
      case_id: id(name),
      mentor_case_id: id(f.mentor),
      youth_case_id: id(f.youth),
      case_worker_id: 'cw-report',
      program_id: f.program,
      county: f.county,
      stage: closed === null ? 'active' : 'closed',
      proposed_at: ago(f.proposed),
      first_meeting_at: met === null ? null : ago(met),
      closed_at: closed === null ? null : ago(closed),
      closure_kind: closed === null ? null : 'unplanned',
      closure_reason: reason,
      health_reasons: [],
    })
    .execute();
}

async function screening(name: string, createdAt: string, county: string | undefined, training: object[]) {
  const applicant = {
    name: 'Not In Any Report',
    email: 'x@mail.example',
    phone: '+1 213 555 0100',
    dateOfBirth: '1990-01-01',
    languages: ['English'],
    interests: [],
    formerFosterYouth: false,
    ...(county ? { county } : {}),
  };
  const details = { applicant, caseWorkerId: 'cw-1', checks: [], references: [], training, pastMatchIds: [] };
  await stack.db
    .insertInto('cases')
    .values({
      id: id(name),
      workflow_id: id(name),
      type: 'mentor_screening',
      status: 'open',
      stage: 'screening',
      subject: 'A mentor',
      viewers: [],
      details: JSON.stringify({ ...details, trainingHours: 0 }) as never,
      version: 1,
      created_at: createdAt,
      updated_at: createdAt,
    })
    .execute();
}

async function answer(name: string, matchName: string, score: number, at: string) {
  await stack.db
    .insertInto('survey_responses')
    .values({
      survey_id: id(name),
      match_case_id: id(matchName),
      respondent: 'youth',
      round: 'm6',
      instrument_id: 'sor',
      instrument_version: 1,
      language: 'en',
      score,
      answers: JSON.stringify({}),
      collected: 'link',
      answered_at: at,
    })
    .execute();
}

async function seedYear() {
  // The suites share the database: nothing but this suite's rows in 2024.
  await sql`DELETE FROM match_facts WHERE proposed_at < '2025-01-01'`.execute(stack.db);
  await sql`DELETE FROM survey_responses WHERE answered_at < '2025-01-01'`.execute(stack.db);
  await sql`DELETE FROM cases WHERE type = 'mentor_screening' AND created_at < '2025-01-01'`.execute(stack.db);
  const p1 = { program: 'p1' };
  // Met before 2024 and still going: 19 months by the end of the year.
  await match('m1', { ...p1, mentor: 'A', youth: 'Y1', county: 'Fresno', proposed: 20 }, 19);
  // 6 months, closed in the year: the mentor moved.
  await match('m2', { ...p1, mentor: 'B', youth: 'Y2', county: 'Fresno', proposed: 11 }, 10, 4, 'mentor_moved');
  await match('m3', { ...p1, mentor: 'C', youth: 'Y3', county: 'Fresno', proposed: 4 }, 3);
  // Closed before 2024 began (not counted), then its mentor was matched again in 2024 (retained).
  await match('m4', { ...p1, mentor: 'D', youth: 'Y4', county: 'Kern', proposed: 31 }, 30, 15, 'planned');
  await match('m5', { ...p1, mentor: 'D', youth: 'Y5', county: 'Kern', proposed: 6 }, 5, 1, 'safety');
  // No program, no county.
  await match('m6', { program: null, mentor: 'E', youth: 'Y6', county: null, proposed: 3 }, 2);
  // First meeting after the year: not served in it.
  await match('m7', { ...p1, mentor: 'F', youth: 'Y7', county: 'Fresno', proposed: 1 }, -1);
  // The same youth as m3, earlier: counted once; closed after 2 months without a reason.
  await match('m8', { ...p1, mentor: 'G', youth: 'Y3', county: 'Kern', proposed: 12 }, 11, 9);
  await screening('s1', '2024-02-01T10:00:00Z', 'Fresno', [
    { date: '2024-03-01', hours: 4 },
    { date: '2024-04-01', hours: 2 },
  ]);
  // Half of its training after the year: not trained in it.
  await screening('s2', '2024-12-01T10:00:00Z', 'Fresno', [
    { date: '2024-12-31', hours: 3 },
    { date: '2025-01-02', hours: 3 },
  ]);
  await screening('s3', '2024-06-01T10:00:00Z', undefined, [{ date: '2024-06-01', hours: 8 }]);
  await screening('s4', '2023-12-31T23:59:00Z', 'Fresno', [{ date: '2023-12-31', hours: 8 }]);
  await answer('a1', 'm1', 40, '2024-03-01T10:00:00Z');
  await answer('a2', 'm1', 60, '2024-09-01T10:00:00Z');
  await answer('a3', 'm3', 80, '2024-12-31T23:59:00Z');
  await answer('a4', 'm2', 100, '2024-01-01T00:00:00Z');
  await answer('a5', 'm6', 50, '2024-11-01T10:00:00Z');
  await answer('a6', 'm1', 0, '2023-12-31T23:59:59Z');
}

const YEAR = '/foster/reports/outcomes?from=2024-01-01&to=2024-12-31';

test('by program: youth served, match months, milestones, early closures, retention and survey quartiles', async () => {
  expect(stack.policy.foster.minimumTrainingHours).toBe(6);
  const r = await as(stack, caseSup).get(`${YEAR}&groupBy=program`);
  expect(r.status).toBe(200);
  expect(r.body.items).toEqual([
    {
      key: 'none',
      youthServed: 1,
      mentorsRecruited: 3,
      mentorsTrained: 2,
      mentorsRetained: 0,
      activeMatches: 1,
      meanMatchMonths: 2,
      medianMatchMonths: 2,
      reached6Months: 0,
      reached12Months: 0,
      earlyClosures: {},
      surveyScores: { p25: 50, median: 50, p75: 50 },
    },
    {
      // m1 19, m2 6, m3 3, m5 4, m8 2 months: mean 34 / 5, median 4.
      key: 'p1',
      youthServed: 4,
      mentorsRecruited: 0,
      mentorsTrained: 0,
      mentorsRetained: 2,
      activeMatches: 2,
      meanMatchMonths: 6.8,
      medianMatchMonths: 4,
      reached6Months: 2,
      reached12Months: 1,
      earlyClosures: { mentor_moved: 1, safety: 1, unspecified: 1 },
      // 40, 60, 80, 100: a quarter of the way from 40 to 60 and so on.
      surveyScores: { p25: 55, median: 70, p75: 85 },
    },
  ]);
});

test("by county: the match's county for match figures, the applicant's for mentors", async () => {
  const r = await as(stack, admin).get(`${YEAR}&groupBy=county`);
  expect(r.status).toBe(200);
  const byKey = Object.fromEntries(r.body.items.map((i: { key: string }) => [i.key, i]));
  expect(Object.keys(byKey)).toEqual(['Fresno', 'Kern', 'unknown']);
  expect(byKey.Fresno).toMatchObject({
    youthServed: 3,
    mentorsRecruited: 2,
    mentorsTrained: 1,
    mentorsRetained: 1,
    activeMatches: 2,
    meanMatchMonths: 9.3,
    medianMatchMonths: 6,
    earlyClosures: { mentor_moved: 1 },
    surveyScores: { p25: 55, median: 70, p75: 85 },
  });
  expect(byKey.Kern).toMatchObject({
    youthServed: 2,
    mentorsRecruited: 0,
    mentorsRetained: 1,
    activeMatches: 0,
    meanMatchMonths: 3,
    medianMatchMonths: 3,
    earlyClosures: { safety: 1, unspecified: 1 },
    surveyScores: { p25: null, median: null, p75: null },
  });
  expect(byKey.unknown).toMatchObject({ youthServed: 1, mentorsRecruited: 1, mentorsTrained: 1 });
});

test('a shorter period: only what falls in it, its bounds included', async () => {
  const r = await as(stack, caseSup).get('/foster/reports/outcomes?from=2024-12-01&to=2024-12-31&groupBy=program');
  const p1 = r.body.items.find((i: { key: string }) => i.key === 'p1');
  // In December: m1 and m3 running, m5 closed on 1 December at 13:30 (a report month before the
  // year's end) after 4 months; m2 and m8 closed earlier, m5's mentor was matched again in June.
  expect(p1).toMatchObject({ youthServed: 3, activeMatches: 2, earlyClosures: { safety: 1 }, mentorsRetained: 1 });
  // The answer at 23:59 on 31 December is in; the others are earlier.
  expect(p1.surveyScores).toEqual({ p25: 80, median: 80, p75: 80 });
});

test('as CSV with Accept: text/csv', async () => {
  const r = await as(stack, caseSup).get(`${YEAR}&groupBy=program`, { accept: 'text/csv' });
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toContain('text/csv');
  const [head, none, p1] = r.text.trim().split('\n');
  expect(head).toBe(
    'key,youthServed,mentorsRecruited,mentorsTrained,mentorsRetained,activeMatches,meanMatchMonths,' +
      'medianMatchMonths,reached6Months,reached12Months,earlyClosures.mentor_moved,earlyClosures.safety,' +
      'earlyClosures.unspecified,surveyScoreP25,surveyScoreMedian,surveyScoreP75',
  );
  expect(none).toBe('none,1,3,2,0,1,2,2,0,0,0,0,0,50,50,50');
  expect(p1).toBe('p1,4,0,0,2,2,6.8,4,2,1,1,1,1,55,70,85');
});

test('a bad period or grouping is a 400; a case worker is refused', async () => {
  for (const q of [
    'from=2024-12-31&to=2024-01-01',
    'from=2024-02-30&to=2024-12-31',
    'from=2024-01-01&to=2024-12-31&groupBy=caseworker',
    'to=2024-12-31',
  ]) {
    const r = await as(stack, caseSup).get(`/foster/reports/outcomes?${q}`);
    expect([q, r.status]).toEqual([q, 400]);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
  }
  expect((await as(stack, cw1).get(YEAR)).status).toBe(403);
});
