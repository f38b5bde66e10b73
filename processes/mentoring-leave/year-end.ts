/**
 * The end of a mentoring-leave year (midnight starting January 1 in Los Angeles): open
 * requests, tasks and unverified personal time expire, unused hours lapse, and the
 * employee gets a summary. Returns the change for the workflow to commit.
 */
import { mergeChanges, type CaseRuntime, type Change } from '../../platform/workflow/case-runtime';
import { SYSTEM, type EmailMessage } from '../../platform/workflow/records';
import { computeLedger, isPendingRequest } from './rules';
import type { MentoringLeaveState } from './types';

export function closeYear(
  rt: CaseRuntime<MentoringLeaveState>,
  cap: number,
  tellEmployee: (key: string, subject: string, text: string) => EmailMessage,
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
        `Mentoring leave ${year}: year-end summary`,
        [
          `Your mentoring leave year ${year} is closed.`,
          wasActive ? '' : 'Your enrollment was never approved, so no leave could be used.',
          `Verified personal time: ${ledger.verifiedPersonalHours} h`,
          `Approved mentoring leave: ${ledger.approvedLeaveHours} h (cap ${cap} h)`,
          `Unused hours that lapsed: ${state.lapsedHours} h`,
        ]
          .filter(Boolean)
          .join('\n'),
      ),
    ],
  };
}
