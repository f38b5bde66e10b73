/**
 * The stipend export's query, apart from its route: a college's completed placements whose
 * term ends in a range, by term end, as CSV lines. The college and the stage are filtered in
 * SQL (the college coordinators' token in the case's `viewers`, a typed and indexed column);
 * the term lives in the details, read a page at a time (pagesOf) and parsed with the
 * process's declared schema (readDetails; no SQL by JSON path).
 */
import { sql } from 'kysely';
import type { Db } from '../../../db';
import { roleToken } from '../../../platform/workflow/access';
import { csvCell } from '../../../platform/api/csv';
import { readDetails } from '../../../platform/api/details';
import { pagesOf } from '../../../platform/api/report-queries';
import type { CaseRow } from '../../../platform/api/views';
import { ecePlacementDetails } from '../details';

export const STIPEND_CSV_HEADER =
  'mentor_id,mentor_name,mentor_role,mentee_id,mentee_name,mentee_kind,course,term_start,term_end,hours_confirmed,stipend';

/** The college's closed placements with a term ending from `from` to `to`, as CSV lines by term end. */
export async function stipendLines(db: Db, collegeId: string, from: string, to: string): Promise<string[]> {
  const pages = pagesOf<Pick<CaseRow, 'id' | 'type' | 'details'>>((last, size) =>
    db
      .selectFrom('cases')
      .select(['id', 'type', 'details'])
      .where('type', '=', 'ece_placement')
      .where('stage', '=', 'closed')
      .where(sql<boolean>`viewers @> ${sql.val([roleToken('college_coordinator', { collegeId })])}::text[]`)
      .$if(last !== undefined, (q) => q.where('id', '>', last!.id))
      .orderBy('id')
      .limit(size)
      .execute(),
  );
  const placements = [];
  for await (const rows of pages) {
    for (const r of rows) {
      const d = readDetails(ecePlacementDetails, r);
      if (d.collegeId === collegeId && d.term.end >= from && d.term.end <= to) placements.push(d);
    }
  }
  // By term end; placements ending the same day stay in the order of their ids (a stable sort).
  placements.sort((a, b) => (a.term.end < b.term.end ? -1 : a.term.end > b.term.end ? 1 : 0));
  return placements.map((d) =>
    [
      d.mentor.id,
      d.mentor.name,
      d.mentor.role,
      d.mentee.id,
      d.mentee.name,
      d.mentee.kind,
      d.course ?? '',
      d.term.start,
      d.term.end,
      d.hoursConfirmed,
      d.stipend ?? 0,
    ]
      .map(csvCell)
      .join(','),
  );
}
