/**
 * The foster process's own read-model write: a mentor's reference answered (by its form or
 * by the follow-up call) spends every one-time link sent for it.
 */
import type { ProjectionWriters } from '../../platform/activities/projection-writers';
import { projectionRow } from '../../platform/workflow/projections';

export interface ReferenceAnsweredRow {
  caseId: string;
  referenceId: string;
}

export const REFERENCE_ANSWERED = 'reference_answered';

export const referenceAnsweredProjection = (row: ReferenceAnsweredRow) => projectionRow(REFERENCE_ANSWERED, row);

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
};
