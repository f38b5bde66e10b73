/**
 * The decisions taken on a mentoring-leave case's tasks, one named handler per task type:
 * HR's eligibility review (with the supervisor confirmed or corrected), the coordinator's
 * verification of personal time, and a leave request's two approvals (the supervisor's,
 * then HR's, by two different people); and the synchronous checks a completion must pass.
 */
import { patched } from '@temporalio/workflow';
import { userToken } from '../../platform/workflow/access';
import { refuse, type Change } from '../../platform/workflow/case-runtime';
import type { PersonInput } from '../../platform/workflow/input';
import type { CompleteTaskInput } from '../../platform/workflow/messages';
import type { TaskRecord } from '../../platform/workflow/records';
import { refuseWith } from '../../platform/workflow/refusals';
import { leaveEmail } from './email-messages';
import type { LeaveCase } from './leave-case';
import { supervisorViolation } from './rules';
import type { LeaveRequest } from './types';

/** A request's approval task: the named supervisor's first, then HR's (not the same person). */
export function approvalTask(
  leave: LeaveCase,
  request: LeaveRequest,
  step: 'supervisor_approval' | 'hr_approval',
): Change {
  const { e, rt } = leave;
  return step === 'supervisor_approval'
    ? rt.openTask({
        type: 'supervisor_approval',
        title: `Approve ${request.hours} h of mentoring leave on ${request.date} for ${e.employee.name}`,
        candidateRoles: ['supervisor'],
        // Only the employee's named supervisor approves (operational needs).
        candidates: [userToken(e.supervisor.id)],
        notifyEmail: e.supervisor.email,
        scope: { department: e.employee.department },
        outcomes: ['approve', 'deny'],
        ref: request.id,
      })
    : rt.openTask({
        type: 'hr_approval',
        title: `Final approval: ${request.hours} h of mentoring leave on ${request.date} for ${e.employee.name}`,
        candidateRoles: ['hr_officer'],
        scope: { department: e.employee.department },
        outcomes: ['approve', 'deny'],
        ref: request.id,
        // Two approval steps of one request need two different people.
        excludedActors: request.supervisorDecision ? [request.supervisorDecision.by] : [],
      });
}

/** HR approves the enrollment (the year is active) or denies it (the case closes). */
export async function reviewEligibility(
  leave: LeaveCase,
  task: TaskRecord,
  { outcome, comment, data, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, e, cap, rt, tellEmployee } = leave;
  if (outcome === 'approve') {
    rt.setStage('active');
    // HR confirms the supervisor named at enrollment, or corrects it, before any request reaches them.
    const corrected = data?.supervisor as PersonInput | undefined;
    const before = e.supervisor;
    if (corrected && corrected.id !== before.id) {
      e.supervisor = { id: corrected.id, name: corrected.name, email: corrected.email };
      state.viewers = [...state.viewers.filter((v) => v !== userToken(before.id)), userToken(corrected.id)];
    }
    // Versioned: the extra event draws an id, which cases started before it must not do on replay.
    const confirmation = patched('supervisor-confirmation')
      ? [
          rt.event(actor, corrected && corrected.id !== before.id ? 'supervisor_corrected' : 'supervisor_confirmed', {
            supervisorId: e.supervisor.id,
            ...(corrected && corrected.id !== before.id ? { from: before.id } : {}),
          }),
        ]
      : [];
    return {
      events: [...confirmation, rt.event(actor, 'enrollment_approved', {})],
      emails: [tellEmployee(`${task.id}:result`, leaveEmail('enrollment-approved', { year: e.year, cap }))],
    };
  }
  rt.setStage('denied', 'closed');
  return {
    events: [rt.event(actor, 'enrollment_denied', { reason: comment })],
    emails: [
      tellEmployee(`${task.id}:result`, leaveEmail('enrollment-denied', { year: e.year, reason: `${comment}` })),
    ],
  };
}

/** The coordinator verifies a block of personal time, or rejects it. */
export async function verifyPersonalHours(
  leave: LeaveCase,
  task: TaskRecord,
  { outcome, comment, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, rt } = leave;
  const at = rt.nowIso();
  const entry = state.personalTime.find((p) => p.id === task.ref)!;
  entry.status = outcome === 'verify' ? 'verified' : 'rejected';
  entry.verifiedBy = actor.id;
  entry.verifiedAt = at;
  if (comment) entry.reason = comment;
  return {
    events: [
      rt.event(actor, outcome === 'verify' ? 'personal_time_verified' : 'personal_time_rejected', {
        entryId: entry.id,
        hours: entry.hours,
        ...(comment ? { reason: comment } : {}),
      }),
    ],
  };
}

/** A leave request's approval, either step: denied (closed), on to HR, or approved. */
export async function decideRequest(
  leave: LeaveCase,
  task: TaskRecord,
  { outcome, comment, actor }: CompleteTaskInput,
): Promise<Change> {
  const { state, rt, tellEmployee } = leave;
  const at = rt.nowIso();
  const request = state.requests.find((r) => r.id === task.ref)!;
  const decision = { by: actor.id, at, outcome, ...(comment ? { reason: comment } : {}) };
  const who = task.type === 'supervisor_approval' ? 'supervisor' : 'hr';
  if (who === 'supervisor') request.supervisorDecision = decision;
  else request.hrDecision = decision;
  if (outcome === 'deny') {
    request.status = 'denied';
    request.closedAt = at;
    return {
      events: [rt.event(actor, 'leave_request_denied', { requestId: request.id, by: who, reason: comment })],
      emails: [
        tellEmployee(
          `${task.id}:result`,
          leaveEmail(who === 'hr' ? 'request-denied-by-hr' : 'request-denied-by-supervisor', {
            date: request.date,
            hours: request.hours,
            reason: `${comment}`,
          }),
        ),
      ],
    };
  }
  if (who === 'supervisor') {
    request.status = 'pending_hr';
    const next = approvalTask(leave, request, 'hr_approval');
    return {
      tasks: next.tasks,
      emails: next.emails,
      events: [rt.event(actor, 'leave_request_supervisor_approved', { requestId: request.id }), ...(next.events ?? [])],
    };
  }
  request.status = 'approved';
  request.closedAt = at;
  return {
    events: [rt.event(actor, 'leave_request_approved', { requestId: request.id, hours: request.hours })],
    emails: [
      tellEmployee(`${task.id}:result`, leaveEmail('request-approved', { date: request.date, hours: request.hours })),
    ],
  };
}

/** The process's own checks of a completion, before anything changes. */
export function checkDecision(leave: LeaveCase, task: TaskRecord, { outcome, comment, data }: CompleteTaskInput): void {
  const { state, e } = leave;
  // Either approver may deny, with a reason.
  if ((outcome === 'deny' || outcome === 'reject') && !comment?.trim()) {
    refuse('reason_required', 'A denial or rejection needs a reason in `comment`');
  }
  if (task.type === 'eligibility_review') {
    if (state.stage !== 'eligibility_review') refuse('task_not_open', 'The enrollment is no longer under review');
    const supervisor = (data?.supervisor as PersonInput | undefined) ?? e.supervisor;
    if (outcome === 'approve') refuseWith(supervisorViolation(e.employee, supervisor));
  }
}
