/**
 * The funders' outcome report's match and survey figures, counted by PostgreSQL: each group's
 * figures come back as one typed row, so the report holds a row per group, not a row per match
 * (a program with a hundred thousand matches reads as fast as its groups are few). The
 * definitions are ../reports/outcome-figures.ts's, word for word in SQL: a change to one is a change to
 * both (scripts/measure-outcomes.ts compares them on generated matches). Typed columns only.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../../db';
import { COMMITMENT_MONTHS, MONTH_MS, type Period } from '../reports/outcome-figures';

export type GroupBy = 'program' | 'county';

/** Per group: the figures of its matches active in the period (none: zeros and nulls). */
export interface MatchFigures {
  key: string;
  youthServed: number;
  activeMatches: number;
  /** Unrounded: the report rounds as outcome-figures.ts does. */
  meanMonths: number | null;
  medianMonths: number | null;
  reached6Months: number;
  reached12Months: number;
  mentorsRetained: number;
}

export interface ScoreFigures {
  key: string;
  p25: number;
  median: number;
  p75: number;
}

/** The group of a match_facts row, `f`: its program (`none`) or its youth's county (`unknown`). */
const keyOf = (groupBy: GroupBy): RawBuilder<string> =>
  groupBy === 'program' ? sql<string>`coalesce(f.program_id, 'none')` : sql<string>`coalesce(f.county, 'unknown')`;

/** Report months between two instants (the later first), exact in numeric. */
const monthsBetween = (later: RawBuilder<unknown>, earlier: RawBuilder<unknown>) =>
  sql`((extract(epoch FROM ${later}) - extract(epoch FROM ${earlier})) * 1000 / ${MONTH_MS}::numeric)`;

/**
 * `m`: every match proposed before the period ended; `a`: those active in it (met before its
 * end, not closed before its start) with their months to the closure or the period's end.
 */
function matchesOf(p: Period, groupBy: GroupBy) {
  const until = sql`CASE WHEN f.closed_at IS NOT NULL AND f.closed_at < ${p.end} THEN f.closed_at ELSE ${p.end}::timestamptz END`;
  return sql`
    m AS (
      SELECT f.case_id, f.mentor_case_id, f.youth_case_id, ${keyOf(groupBy)} AS key,
             f.proposed_at, f.first_meeting_at, f.closed_at, f.closure_reason
      FROM match_facts f WHERE f.proposed_at < ${p.end}
    ),
    a AS (
      SELECT f.key, f.youth_case_id, f.mentor_case_id, f.closed_at,
             greatest(0, ${monthsBetween(until, sql`f.first_meeting_at`)}) AS months
      FROM m f
      WHERE f.first_meeting_at IS NOT NULL AND f.first_meeting_at < ${p.end}
        AND (f.closed_at IS NULL OR f.closed_at >= ${p.from})
    )`;
}

/** Every group any match proposed before the period's end has, with its matches' figures. */
export async function matchFigures(db: Db, p: Period, groupBy: GroupBy): Promise<MatchFigures[]> {
  const rows = await sql<MatchFigures>`
    WITH ${matchesOf(p, groupBy)},
    active AS (
      SELECT key,
             count(DISTINCT youth_case_id)::int AS youth_served,
             (count(*) FILTER (WHERE closed_at IS NULL OR closed_at >= ${p.end}))::int AS active_matches,
             avg(months)::float8 AS mean_months,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY months::float8) AS median_months,
             (count(*) FILTER (WHERE months >= 6))::int AS reached6,
             (count(*) FILTER (WHERE months >= ${COMMITMENT_MONTHS}))::int AS reached12
      FROM a GROUP BY key
    ),
    retained AS (
      SELECT key, count(DISTINCT mentor_case_id)::int AS n FROM (
        SELECT key, mentor_case_id FROM a WHERE months >= ${COMMITMENT_MONTHS}
        UNION
        -- Matched again in the period after an earlier match of theirs had closed.
        SELECT again.key, again.mentor_case_id FROM m again
        WHERE again.proposed_at >= ${p.from} AND again.proposed_at < ${p.end}
          AND EXISTS (
            SELECT 1 FROM m earlier
            WHERE earlier.mentor_case_id = again.mentor_case_id AND earlier.case_id <> again.case_id
              AND earlier.closed_at IS NOT NULL AND earlier.closed_at <= again.proposed_at
          )
      ) r GROUP BY key
    )
    SELECT k.key AS "key",
           coalesce(active.youth_served, 0) AS "youthServed",
           coalesce(active.active_matches, 0) AS "activeMatches",
           active.mean_months AS "meanMonths",
           active.median_months AS "medianMonths",
           coalesce(active.reached6, 0) AS "reached6Months",
           coalesce(active.reached12, 0) AS "reached12Months",
           coalesce(retained.n, 0) AS "mentorsRetained"
    FROM (SELECT DISTINCT key FROM m) k
    LEFT JOIN active ON active.key = k.key
    LEFT JOIN retained ON retained.key = k.key`.execute(db);
  return rows.rows;
}

/** Matches closed in the period before the commitment (never met: no months), by group and reason. */
export async function earlyClosures(
  db: Db,
  p: Period,
  groupBy: GroupBy,
): Promise<{ key: string; reason: string; n: number }[]> {
  const rows = await sql<{ key: string; reason: string; n: number }>`
    WITH ${matchesOf(p, groupBy)}
    SELECT key, coalesce(closure_reason, 'unspecified') AS reason, count(*)::int AS n
    FROM m f
    WHERE f.closed_at >= ${p.from} AND f.closed_at < ${p.end}
      AND (f.first_meeting_at IS NULL OR ${monthsBetween(sql`f.closed_at`, sql`f.first_meeting_at`)} < ${COMMITMENT_MONTHS})
    GROUP BY 1, 2`.execute(db);
  return rows.rows;
}

/** The quartiles of the survey scores answered in the period, by the group of their match. */
export async function scoreFigures(db: Db, p: Period, groupBy: GroupBy): Promise<ScoreFigures[]> {
  const rows = await sql<ScoreFigures>`
    SELECT ${keyOf(groupBy)} AS "key",
           percentile_cont(0.25) WITHIN GROUP (ORDER BY s.score::float8) AS "p25",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY s.score::float8) AS "median",
           percentile_cont(0.75) WITHIN GROUP (ORDER BY s.score::float8) AS "p75"
    FROM survey_responses s JOIN match_facts f ON f.case_id = s.match_case_id
    WHERE s.answered_at >= ${p.from} AND s.answered_at < ${p.end}
    GROUP BY 1`.execute(db);
  return rows.rows;
}
