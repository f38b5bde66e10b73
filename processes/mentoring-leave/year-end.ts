/**
 * The end of a mentoring-leave year (midnight starting January 1 in Los Angeles): open
 * requests, tasks and unverified personal time expire, unused hours lapse, and the
 * employee gets a summary. Returns the change for the workflow to commit.
 */
import { mergeChanges, type CaseRuntime, type Change } from '../../platform/workflow/case-runtime';
import { SYSTEM, type EmailMessage } from '../../platform/workflow/records';
import type { EmailTemplateRef } from '../../platform/emails/messages';
import { leaveEmail } from './email-messages';
import { computeLedger, isPendingRequest } from './rules';
import type { MentoringLeaveState } from './types';

export function closeYear(
  rt: CaseRuntime<MentoringLeaveState>,
  cap: number,
  tellEmployee: (key: string, message: EmailTemplateRef) => EmailMessage,
): Change {
  const state = rt.state;
  const year = state.enrollment.year;
  for (const r of state.requests.filter(isPendingRequest)) {
    r.status = 'expired';
    r.closedAt = rt.nowIso();
  }
  for (const p of state.personalTime.filter((p) => p.status === 'pending_verification')) p.status = 'expired';
  const expired = mergeChanges(...rt.openTasks().map((t) => rt.closeTask(t, 'expired', SYSTEM, 'year end')));
  const ledger = computeLedger(state, cap);
  state.lapsedHours = Math.max(0, Math.min(cap, ledger.verifiedPersonalHours) - ledger.approvedLeaveHours);
  const wasActive = state.stage === 'active';
  rt.setStage('closed', 'closed');
  return {
    tasks: expired.tasks,
    events: [
      ...(expired.events ?? []),
      rt.event(SYSTEM, 'year_closed', {
        approvedLeaveHours: ledger.approvedLeaveHours,
        lapsedHours: state.lapsedHours,
      }),
    ],
    emails: [
      tellEmployee(
        `${state.caseId}:year-end`,
        leaveEmail(wasActive ? 'year-end-summary' : 'year-end-summary-never-enrolled', {
          year,
          verifiedHours: ledger.verifiedPersonalHours,
          approvedHours: ledger.approvedLeaveHours,
          cap,
          lapsedHours: state.lapsedHours,
        }),
      ),
    ],
  };
}
