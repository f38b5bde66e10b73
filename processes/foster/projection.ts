/**
 * The foster process's own read-model writes: a mentor's reference answered (by its form or
 * by the follow-up call) spends every one-time link sent for it; a match's typed facts
 * (`match_facts`, docs/processes/foster.md, "Match support") are kept for the caseload page
 * and the funders' outcome report.
 */
import type { ProjectionWriters } from '../../platform/activities/projection-writers';
import { projectionRow } from '../../platform/workflow/projections';
import { MATCH_FACTS, type MatchFactsRow } from './match/support-types';

export interface ReferenceAnsweredRow {
  caseId: string;
  referenceId: string;
}

export const REFERENCE_ANSWERED = 'reference_answered';

export const referenceAnsweredProjection = (row: ReferenceAnsweredRow) => projectionRow(REFERENCE_ANSWERED, row);

/** The match's facts as of this transition; the match workflow adds it to every commit. */
export const matchFactsProjection = (row: MatchFactsRow) => projectionRow(MATCH_FACTS, row);

export const projectionWriters: ProjectionWriters = {
  async [REFERENCE_ANSWERED](row, { trx, now }) {
    const r = row as ReferenceAnsweredRow;
    await trx
      .updateTable('reference_links')
      .set({ used_at: now() })
      .where('case_id', '=', r.caseId)
      .where('reference_id', '=', r.referenceId)
      .where('used_at', 'is', null)
      .execute();
  },

  /**
   * Upserts the match's row. Ordered by the version of the case snapshot written with it: a
   * match's transitions may be recorded out of order (a timer's commit beside an Update's,
   * or a retry after a later write), and the version grows by one with every commit, where
   * two commits in one workflow activation share their time. The same version again (a
   * retried write) rewrites the same values.
   */
  async [MATCH_FACTS](row, { trx, case: c, now }) {
    const r = row as MatchFactsRow;
    if (!c || c.id !== r.caseId) throw new Error(`match facts of ${r.caseId} are written with their own case`);
    const values = {
      case_id: r.caseId,
      mentor_case_id: r.mentorCaseId,
      youth_case_id: r.youthCaseId,
      case_worker_id: r.caseWorkerId,
      program_id: r.programId,
      county: r.county,
      stage: r.stage,
      proposed_at: r.proposedAt,
      first_meeting_at: r.firstMeetingAt,
      closed_at: r.closedAt,
      closure_kind: r.closureKind,
      closure_reason: r.closureReason,
      health_score: r.healthScore,
      health_band: r.healthBand,
      health_reasons: r.healthReasons,
      next_contact_due: r.nextContactDue,
      case_version: c.version,
      updated_at: now(),
    };
    const { case_id: _key, ...changed } = values;
    await trx
      .insertInto('match_facts')
      .values(values)
      .onConflict((oc) =>
        oc
          .column('case_id')
          .doUpdateSet(changed)
          .where('match_facts.case_version', '<=', (eb) => eb.ref('excluded.case_version')),
      )
      .execute();
  },
};
