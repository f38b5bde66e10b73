/**
 * The mentoring-leave process's own read model: the leave ledger of each enrollment (one
 * row per case, the balances HR reports on), mirrored from the workflow at every change.
 * The row type is the workflow's; the writer runs in the read-model activity's transaction.
 */
import type { ProjectionWriters } from '../../platform/activities/projection-writers';
import { projectionRow } from '../../platform/workflow/projections';

export interface LeaveLedgerRow {
  caseId: string;
  year: number;
  employeeId: string;
  department: string;
  cap: number;
  verifiedPersonalHours: number;
  pendingPersonalHours: number;
  approvedLeaveHours: number;
  pendingLeaveHours: number;
  availableLeaveHours: number;
  lapsedHours: number;
}

export const LEAVE_LEDGER = 'leave_ledger';

/** The ledger row a transition carries. */
export const leaveLedgerProjection = (row: LeaveLedgerRow) => projectionRow(LEAVE_LEDGER, row);

export const projectionWriters: ProjectionWriters = {
  /** One row per case, versioned like the case: an older write never overwrites a newer one. */
  async [LEAVE_LEDGER](row, { trx, case: c }) {
    const l = row as LeaveLedgerRow;
    if (!c) return;
    await trx
      .insertInto('leave_ledgers')
      .values({
        case_id: l.caseId,
        year: l.year,
        employee_id: l.employeeId,
        department: l.department,
        cap: l.cap,
        verified_personal_hours: l.verifiedPersonalHours,
        pending_personal_hours: l.pendingPersonalHours,
        approved_leave_hours: l.approvedLeaveHours,
        pending_leave_hours: l.pendingLeaveHours,
        available_leave_hours: l.availableLeaveHours,
        lapsed_hours: l.lapsedHours,
        version: c.version,
        updated_at: c.updatedAt,
      })
      .onConflict((oc) =>
        oc
          .column('case_id')
          .doUpdateSet((eb) => ({
            cap: eb.ref('excluded.cap'),
            verified_personal_hours: eb.ref('excluded.verified_personal_hours'),
            pending_personal_hours: eb.ref('excluded.pending_personal_hours'),
            approved_leave_hours: eb.ref('excluded.approved_leave_hours'),
            pending_leave_hours: eb.ref('excluded.pending_leave_hours'),
            available_leave_hours: eb.ref('excluded.available_leave_hours'),
            lapsed_hours: eb.ref('excluded.lapsed_hours'),
            version: eb.ref('excluded.version'),
            updated_at: eb.ref('excluded.updated_at'),
          }))
          .where('leave_ledgers.version', '<', (eb) => eb.ref('excluded.version')),
      )
      .execute();
  },
};
