/**
 * What the funders' outcome report reads (docs/processes/foster.md, "Match support"): the
 * matches' typed facts and the survey scores answered in the period, counted by PostgreSQL
 * per group (../api/outcome-queries.ts), and the mentor screenings opened in it (their details parsed
 * with the declared schema, a page at a time). The definitions are outcome-figures.ts's.
 * Counts only: no name leaves this file.
 */
import { csvCell } from '../../../platform/api/csv';
import { readDetails } from '../../../platform/api/details';
import { pagesOf } from '../../../platform/api/report-queries';
import type { Db } from '../../../db';
import { screeningDetails } from '../details';
import { round1, type OutcomeItem, type Period } from './outcome-figures';
import { earlyClosures, matchFigures, scoreFigures } from '../api/outcome-queries';

export interface OutcomeQuery {
  from: string;
  to: string;
  groupBy: 'program' | 'county';
}

/**
 * `from` at 00:00 UTC up to the day after `to` at 00:00 UTC (the pipeline report's days), or up
 * to now when that is later: a period reaching into the future counts an open match's months to
 * today, not to a day that has not come.
 */
export function periodOf(q: { from: string; to: string }, now = Date.now()): Period {
  const end = new Date(`${q.to}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { from: new Date(`${q.from}T00:00:00Z`), end: new Date(Math.min(end.getTime(), now)) };
}

export const keyOf = (groupBy: OutcomeQuery['groupBy'], programId: string | null, county: string | null | undefined) =>
  groupBy === 'program' ? (programId ?? 'none') : (county ?? 'unknown');

/**
 * The report: the matches' and the surveys' figures counted in SQL, a row per group
 * (../api/outcome-queries.ts); the mentors recruited read from their screenings a page at a time,
 * each kept as one number, since their county and training hours live in the screening's details.
 */
export async function outcomesReport(db: Db, q: OutcomeQuery, minimumTrainingHours: number): Promise<OutcomeItem[]> {
  const p = periodOf(q);
  const [matches, early, scores] = await Promise.all([
    matchFigures(db, p, q.groupBy),
    earlyClosures(db, p, q.groupBy),
    scoreFigures(db, p, q.groupBy),
  ]);
  const recruited = new Map<string, { recruited: number; trained: number }>();
  for await (const page of screeningsOf(db, p))
    for (const c of page) {
      const d = readDetails(screeningDetails, c);
      const key = keyOf(q.groupBy, c.program_id, d.applicant.county);
      const hours = d.training.filter((t) => t.date <= q.to).reduce((n, t) => n + t.hours, 0);
      const r = recruited.get(key) ?? { recruited: 0, trained: 0 };
      recruited.set(key, { recruited: r.recruited + 1, trained: r.trained + (hours >= minimumTrainingHours ? 1 : 0) });
    }
  const byKey = new Map(matches.map((m) => [m.key, m]));
  const scoresByKey = new Map(scores.map((s) => [s.key, s]));
  const keys = [...new Set([...byKey.keys(), ...recruited.keys(), ...scoresByKey.keys()])].sort();
  return keys.map((key) => {
    const m = byKey.get(key);
    const s = scoresByKey.get(key);
    const earlyClosures: Record<string, number> = {};
    for (const e of early) if (e.key === key) earlyClosures[e.reason] = e.n;
    return {
      key,
      youthServed: m?.youthServed ?? 0,
      mentorsRecruited: recruited.get(key)?.recruited ?? 0,
      mentorsTrained: recruited.get(key)?.trained ?? 0,
      mentorsRetained: m?.mentorsRetained ?? 0,
      activeMatches: m?.activeMatches ?? 0,
      meanMatchMonths: m?.meanMonths == null ? null : round1(m.meanMonths),
      medianMatchMonths: m?.medianMonths == null ? null : round1(m.medianMonths),
      reached6Months: m?.reached6Months ?? 0,
      reached12Months: m?.reached12Months ?? 0,
      earlyClosures,
      surveyScores: s
        ? { p25: round1(s.p25), median: round1(s.median), p75: round1(s.p75) }
        : { p25: null, median: null, p75: null },
    };
  });
}

/** The mentor screenings opened in the period, a page at a time. */
export function screeningsOf(db: Db, p: Period) {
  type Screening = { id: string; type: string; details: unknown; program_id: string | null };
  return pagesOf<Screening>((last, size) => {
    let s = db
      .selectFrom('cases')
      .select(['id', 'type', 'details', 'program_id'])
      .where('type', '=', 'mentor_screening')
      .where('created_at', '>=', p.from)
      .where('created_at', '<', p.end)
      .orderBy('id')
      .limit(size);
    if (last) s = s.where('id', '>', last.id);
    return s.execute();
  });
}

/** One line per group; one column per closure reason any group has (`earlyClosures.<reason>`). */
export function outcomesCsv(items: OutcomeItem[]): string {
  const reasons = [...new Set(items.flatMap((i) => Object.keys(i.earlyClosures)))].sort();
  const head = [
    'key',
    'youthServed',
    'mentorsRecruited',
    'mentorsTrained',
    'mentorsRetained',
    'activeMatches',
    'meanMatchMonths',
    'medianMatchMonths',
    'reached6Months',
    'reached12Months',
    ...reasons.map((r) => `earlyClosures.${r}`),
    'surveyScoreP25',
    'surveyScoreMedian',
    'surveyScoreP75',
  ];
  const lines = items.map((i) =>
    [
      i.key,
      i.youthServed,
      i.mentorsRecruited,
      i.mentorsTrained,
      i.mentorsRetained,
      i.activeMatches,
      i.meanMatchMonths,
      i.medianMatchMonths,
      i.reached6Months,
      i.reached12Months,
      ...reasons.map((r) => i.earlyClosures[r] ?? 0),
      i.surveyScores.p25,
      i.surveyScores.median,
      i.surveyScores.p75,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[head.join(','), ...lines].join('\n')}\n`;
}
