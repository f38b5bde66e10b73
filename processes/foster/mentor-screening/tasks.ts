/**
 * A screening's tasks, one named handler per task type: each background check, the
 * interview, a reference's phone follow-up (each may complete the screening, and then the
 * decision opens) and the case supervisor's screening decision; and the synchronous checks a
 * completion must pass first.
 */
import { fosterEmail } from '../email-messages';
import { referenceAnsweredProjection } from '../projection';
import { mergeChanges, refuse, type Change } from '../../../platform/workflow/case-runtime';
import type { CompleteTaskInput } from '../../../platform/workflow/messages';
import type { TaskRecord } from '../../../platform/workflow/records';
import type { Reference } from '../types';
import { decisionIfReady, markAnswered, type Screening } from './screening-case';

/** A background check recorded clear or flagged. */
export async function backgroundCheck(
  sc: Screening,
  task: TaskRecord,
  { outcome, comment, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, rt } = sc;
  const check = state.checks.find((c) => c.name === task.ref)!;
  check.status = outcome === 'clear' ? 'clear' : 'flagged';
  check.recordedBy = actor.id;
  check.recordedAt = rt.nowIso();
  if (comment) check.notes = comment;
  return mergeChanges(
    { events: [rt.event(actor, 'background_check_recorded', { check: check.name, result: check.status })] },
    decisionIfReady(sc),
  );
}

/** The in-person interview recorded, passed or failed. */
export async function interview(
  sc: Screening,
  _task: TaskRecord,
  { outcome, comment, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, rt } = sc;
  state.interview = { status: outcome === 'pass' ? 'pass' : 'fail', ...(comment ? { notes: comment } : {}) };
  return mergeChanges(
    { events: [rt.event(actor, 'interview_recorded', { result: state.interview.status })] },
    decisionIfReady(sc),
  );
}

/** A reference reached by phone (unless they answered through the link meanwhile). */
export async function referenceFollowup(
  sc: Screening,
  task: TaskRecord,
  { comment, data, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, rt } = sc;
  const ref = state.references.find((r) => r.id === task.ref)!;
  if (ref.status !== 'answered')
    markAnswered(sc, ref, data?.recommendation as Reference['recommendation'], comment, 'phone');
  return mergeChanges(
    { projections: [referenceAnsweredProjection({ caseId: state.caseId, referenceId: ref.id })] },
    {
      events: [rt.event(actor, 'reference_followed_up', { referenceId: ref.id, recommendation: ref.recommendation })],
    },
    decisionIfReady(sc),
  );
}

/** The case supervisor's decision: approved (the record stays open, in the pool) or declined. */
export async function screeningDecision(
  sc: Screening,
  task: TaskRecord,
  { outcome, comment, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, caller, who, rt } = sc;
  state.decision = { outcome, by: actor.id, at: rt.nowIso(), ...(comment ? { reason: comment } : {}) };
  const approved = outcome === 'approve';
  // Approved mentors enter the pool: the case stays open as their record.
  rt.setStage(approved ? 'approved' : 'declined', approved ? 'open' : 'closed');
  return {
    events: [rt.event(actor, `${who}_${approved ? 'approved' : 'declined'}`, comment ? { reason: comment } : {})],
    emails: [
      rt.email(
        `${task.id}:result`,
        [state.applicant.email],
        approved
          ? fosterEmail(caller ? 'approved-caller' : 'approved-mentor', {})
          : // The supervisor's reasoning may cite a check or a reference: it stays on the case, out of e-mail.
            fosterEmail('not-approved', { applicantRole: who }),
        rt.caseLink(),
        state.applicant.language,
      ),
    ],
  };
}

/** Declining needs a reason; approving over a flagged check needs the supervisor's reasoning. */
export function checkCompletion(sc: Screening, task: TaskRecord, { outcome, comment }: CompleteTaskInput): void {
  const { state } = sc;
  if (outcome === 'decline' && !comment?.trim()) refuse('reason_required', 'Declining needs a reason in `comment`');
  // A flag blocks approval until a supervisor decides: approving over one needs the reasoning.
  if (
    task.type === 'screening_decision' &&
    outcome === 'approve' &&
    state.checks.some((c) => c.status === 'flagged') &&
    !comment?.trim()
  ) {
    refuse(
      'flag_decision_required',
      "A background check is flagged: approving needs the supervisor's reasoning in `comment`",
    );
  }
}
