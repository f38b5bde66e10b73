/**
 * The referral report's query, apart from its route: per campaign or county, the confirmed
 * volunteers, how many were referred, contacted and enrolled, and the median days to first
 * contact. The stage and date range are filtered in SQL; the grouping fields live in each
 * referral's details, read a page at a time (pagesOf) and parsed with the process's declared
 * schema (readDetails; no SQL by JSON path), so the report holds one page of details and the
 * running counts, never every referral at once.
 */
import { sql } from 'kysely';
import type { Db } from '../../../db';
import { readDetails } from '../../../platform/api/details';
import { pagesOf } from '../../../platform/api/report-queries';
import type { CaseRow } from '../../../platform/api/views';
import { referralDetails } from '../details';

export interface ReferralReportRow {
  key: string;
  volunteers: number;
  referred: number;
  contacted: number;
  enrolled: number;
  medianDaysToContact: number | null;
}

/** The continuous median (PostgreSQL's percentile_cont(0.5)), rounded to one decimal half away from zero. */
function medianOf(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) / 2;
  const lo = Math.floor(at);
  const m = sorted[lo] + (sorted[Math.ceil(at)] - sorted[lo]) * (at - lo);
  return (Math.sign(m) * Math.round(Math.abs(m) * 10)) / 10;
}

export async function referralReport(
  db: Db,
  query: { from?: string; to?: string; groupBy: 'campaign' | 'county' },
): Promise<ReferralReportRow[]> {
  const day = sql`(created_at AT TIME ZONE 'America/Los_Angeles')::date`;
  const pages = pagesOf<Pick<CaseRow, 'id' | 'type' | 'details' | 'created_at'>>((last, size) =>
    db
      .selectFrom('cases')
      .select(['id', 'type', 'details', 'created_at'])
      .where('type', '=', 'mentor_referral')
      // A form whose address was never confirmed is nobody's volunteer (possibly not even the typist's).
      .where('stage', 'not in', ['unconfirmed', 'lapsed'])
      .$if(!!query.from, (q) => q.where(sql<boolean>`${day} >= ${query.from}::date`))
      .$if(!!query.to, (q) => q.where(sql<boolean>`${day} <= ${query.to}::date`))
      .$if(last !== undefined, (q) => q.where('id', '>', last!.id))
      .orderBy('id')
      .limit(size)
      .execute(),
  );
  const groups = new Map<string, { row: ReferralReportRow; days: number[] }>();
  for await (const rows of pages) {
    for (const r of rows) {
      const d = readDetails(referralDetails, r);
      const value = query.groupBy === 'campaign' ? d.campaign : d.county;
      const key = value == null ? (query.groupBy === 'campaign' ? '(none)' : '(unknown)') : String(value);
      let g = groups.get(key);
      if (!g) {
        g = {
          row: { key, volunteers: 0, referred: 0, contacted: 0, enrolled: 0, medianDaysToContact: null },
          days: [],
        };
        groups.set(key, g);
      }
      g.row.volunteers++;
      if (d.offers.length > 0) g.row.referred++;
      if (d.firstContactedAt !== undefined) g.row.contacted++;
      if (d.outcome === 'enrolled') g.row.enrolled++;
      if (d.firstContactedAt)
        g.days.push((Date.parse(d.firstContactedAt) - new Date(r.created_at).getTime()) / 86_400_000);
    }
  }
  // The groups in the database's collation order, as the report has always listed them.
  const keys = [...groups.keys()];
  const ordered = keys.length
    ? (await sql<{ k: string }>`SELECT k FROM unnest(${keys}::text[]) AS k ORDER BY 1`.execute(db)).rows
    : [];
  return ordered.map(({ k }) => {
    const g = groups.get(k)!;
    return { ...g.row, medianDaysToContact: medianOf(g.days) };
  });
}
