/**
 * What the processes' reports are built from: how many cases of a type reached each
 * timeline event, the days between two events, medians, and the `since` query every report
 * takes, and the reading of many cases a page at a time. Counts and durations only — no
 * person appears in a report.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db';
import { calendarDate } from '../workflow/input';

export const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return Math.round((s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) * 10) / 10;
};

/** Days from the first `from` event to the first `to` event of each case of a type that has both. */
export async function daysBetween(db: Db, caseType: string, from: string, to: string, since: Date): Promise<number[]> {
  const rows = await sql<{ days: string }>`
    SELECT extract(epoch FROM min(t2.at) - min(t1.at)) / 86400 AS days
    FROM cases c
    JOIN timeline t1 ON t1.case_id = c.id AND t1.event = ${from}
    JOIN timeline t2 ON t2.case_id = c.id AND t2.event = ${to}
    WHERE c.type = ${caseType} AND c.created_at >= ${since}
    GROUP BY c.id`.execute(db);
  return rows.rows.map((r) => Math.max(0, Number(r.days)));
}

/** How many cases of a type (created since) reached each event. */
export async function reached(db: Db, caseType: string, events: string[], since: Date): Promise<Map<string, number>> {
  const rows = await sql<{ event: string; n: number }>`
    SELECT t.event, count(DISTINCT t.case_id)::int AS n FROM timeline t JOIN cases c ON c.id = t.case_id
    WHERE c.type = ${caseType} AND c.created_at >= ${since} AND t.event = ANY(${events}::text[])
    GROUP BY t.event`.execute(db);
  return new Map(rows.rows.map((r) => [r.event, r.n]));
}

export const funnelStep = z.object({ step: z.string(), label: z.string(), cases: z.number() });
export const sinceQuery = z.object({ since: calendarDate.optional() });
export const sinceOf = (since?: string) =>
  since ? new Date(`${since}T00:00:00Z`) : new Date(Date.now() - 365 * 86400_000);

/** How many rows a report reads at once when it must read cases one by one. */
export const REPORT_PAGE = 1000;

/**
 * A query's rows a page at a time (keyset: each page starts after the last row of the one
 * before), so a report or list that has to look at each of many cases holds one page of their
 * details at a time, never the whole table. `page(last, size)` reads at most `size` rows in
 * the query's order that come after `last` (from the start when it is undefined).
 */
export async function* pagesOf<R>(
  page: (last: R | undefined, size: number) => Promise<R[]>,
  size = REPORT_PAGE,
): AsyncGenerator<R[]> {
  let last: R | undefined;
  for (;;) {
    const rows = await page(last, size);
    if (rows.length) yield rows;
    if (rows.length < size) return;
    last = rows[rows.length - 1];
  }
}
