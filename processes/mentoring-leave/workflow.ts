/**
 * One mentoring-leave case per employee and calendar year (workflow ID
 * `mentoring-leave-<year>-<employeeId>`, so Temporal itself refuses a second enrollment).
 *
 * enrollment (HR eligibility review) -> active year (personal time verified by the
 * mentoring organization's coordinator; leave requests approved by the supervisor, then
 * HR) -> year end (open requests expire, unused hours lapse, summary e-mail) -> closed.
 * The ledger lives here and is mirrored to the read model at every change.
 */
import { continueAsNew, patched, setHandler, uuid4 } from '@temporalio/workflow';
import { roleToken, userToken } from '../../platform/workflow/access';
import { laYearEnd } from '../../platform/workflow/calendar';
import {
  CaseRuntime,
  taskHandlersByType,
  newCase,
  refuse,
  type Change,
  type TaskCompletionHook,
} from '../../platform/workflow/case-runtime';
import type { PersonInput } from '../../platform/workflow/input';
import { opaqueId } from '../../platform/workflow/opaque-id';
import { checkInput, refuseWith } from '../../platform/workflow/refusals';
import { theEmployee } from '../../platform/workflow/who-may-act';
import type { ActingUser, Actor, TaskRecord } from '../../platform/workflow/records';
import { leaveLedgerProjection } from './projection';
import { leaveRequestInput, personalTimeInput } from './inputs';
import { logPersonalTimeUpdate, requestLeaveUpdate, withdrawRequestUpdate } from './messages';
import { computeLedger, isPendingRequest, personalTimeViolation, requestViolation, supervisorViolation } from './rules';
import { closeYear } from './year-end';
import type { MentoringLeaveInput, MentoringLeaveResult, MentoringLeaveState, LeaveRequest } from './types';
import type { EmailTemplateRef } from '../../platform/emails/messages';
import { leaveEmail } from './email-messages';

export function mentoringLeaveWorkflowId(year: number, employeeId: string): string {
  return `mentoring-leave-${year}-${opaqueId(employeeId)}`;
}

function initialState(input: MentoringLeaveInput): MentoringLeaveState {
  const e = input.enrollment;
  return {
    ...newCase({
      caseId: input.caseId,
      type: 'mentoring_leave',
      stage: 'eligibility_review',
      subject: `Mentoring leave ${e.year}: ${e.employee.name}`,
      viewers: [
        userToken(e.employee.id),
        userToken(e.supervisor.id),
        roleToken('hr_officer', { department: e.employee.department }),
        roleToken('org_coordinator', { programId: e.program.programId }),
      ],
      ownerId: e.employee.id,
      // Nobody acts on their own case: the employee approves none of its steps.
      parties: { ids: [e.employee.id], emails: [e.employee.email] },
      department: e.employee.department,
      programId: e.program.programId,
    }),
    enrollment: e,
    personalTime: [],
    requests: [],
    lapsedHours: 0,
  };
}

export async function mentoringLeaveWorkflow(input: MentoringLeaveInput): Promise<MentoringLeaveResult> {
  const policy = input.policy;
  const cap = policy.mentoringLeave.annualCapHours;
  const state = input.state ?? initialState(input);
  const e = state.enrollment;
  const rt = new CaseRuntime(
    state,
    policy,
    (s) => ({
      enrollment: s.enrollment,
      ledger: computeLedger(s, cap),
      personalTime: s.personalTime,
      requests: s.requests,
      lapsedHours: s.lapsedHours,
    }),
    (s) => {
      const ledger = computeLedger(s, cap);
      return {
        projections: [
          leaveLedgerProjection({
            caseId: s.caseId,
            employeeId: e.employee.id,
            department: e.employee.department,
            lapsedHours: s.lapsedHours,
            ...ledger,
          }),
        ],
      };
    },
  );
  const employeeLink = rt.caseLink();
  const tellEmployee = (key: string, message: EmailTemplateRef) =>
    rt.email(key, [e.employee.email], message, employeeLink);

  const approvalTask = (request: LeaveRequest, step: 'supervisor_approval' | 'hr_approval'): Change =>
    step === 'supervisor_approval'
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

  // ---- task outcomes ------------------------------------------------------------------

  const decideRequest: TaskCompletionHook = async (task, { outcome, comment, actor }) => {
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
      const next = approvalTask(request, 'hr_approval');
      return {
        tasks: next.tasks,
        emails: next.emails,
        events: [
          rt.event(actor, 'leave_request_supervisor_approved', { requestId: request.id }),
          ...(next.events ?? []),
        ],
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
  };

  rt.registerTaskHandlers(
    taskHandlersByType<'eligibility_review' | 'verify_personal_hours' | 'supervisor_approval' | 'hr_approval'>({
      eligibility_review: async (task, { outcome, comment, data, actor }): Promise<Change> => {
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
                rt.event(
                  actor,
                  corrected && corrected.id !== before.id ? 'supervisor_corrected' : 'supervisor_confirmed',
                  {
                    supervisorId: e.supervisor.id,
                    ...(corrected && corrected.id !== before.id ? { from: before.id } : {}),
                  },
                ),
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
      },
      verify_personal_hours: async (task, { outcome, comment, actor }): Promise<Change> => {
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
      },
      supervisor_approval: decideRequest,
      hr_approval: decideRequest,
    }),
    (task, { outcome, comment, data }) => {
      // Either approver may deny, with a reason.
      if ((outcome === 'deny' || outcome === 'reject') && !comment?.trim()) {
        refuse('reason_required', 'A denial or rejection needs a reason in `comment`');
      }
      if (task.type === 'eligibility_review') {
        if (state.stage !== 'eligibility_review') refuse('task_not_open', 'The enrollment is no longer under review');
        const supervisor = (data?.supervisor as PersonInput | undefined) ?? e.supervisor;
        if (outcome === 'approve') refuseWith(supervisorViolation(e.employee, supervisor));
      }
    },
  );

  // ---- employee actions ---------------------------------------------------------------

  /** Personal time, requests and withdrawals are the employee's own acts. */
  const onlyTheEmployee = (actor: ActingUser | Actor) => refuseWith(theEmployee(actor, e.employee.id));

  setHandler(
    logPersonalTimeUpdate,
    async ({ date, hours, kind, description, actor }) => {
      const entry = {
        id: uuid4(),
        date,
        hours,
        kind,
        description,
        status: 'pending_verification' as const,
        loggedAt: rt.nowIso(),
      };
      state.personalTime.push(entry);
      // The mentoring organization's coordinator confirms each block of personal time.
      const task = rt.openTask({
        type: 'verify_personal_hours',
        title: `Verify ${hours} h of mentoring on ${date} by ${e.employee.name}`,
        candidateRoles: ['org_coordinator'],
        scope: { programId: e.program.programId, department: e.employee.department },
        outcomes: ['verify', 'reject'],
        ref: entry.id,
      });
      await rt.commit({
        tasks: task.tasks,
        emails: task.emails,
        events: [
          rt.event(actor, 'personal_time_logged', { entryId: entry.id, date, hours, kind }),
          ...(task.events ?? []),
        ],
      });
      return entry;
    },
    {
      validator: ({ actor, ...inp }) => {
        onlyTheEmployee(actor);
        checkInput(personalTimeInput, inp, 'The personal time entry is not valid');
        refuseWith(personalTimeViolation(state, inp, policy.mentoringLeave, Date.now()));
      },
    },
  );

  setHandler(
    requestLeaveUpdate,
    async ({ date, hours, note, actor }) => {
      const request: LeaveRequest = {
        id: uuid4(),
        date,
        hours,
        attestNoTravel: true,
        ...(note ? { note } : {}),
        status: 'pending_supervisor',
        requestedAt: rt.nowIso(),
      };
      state.requests.push(request);
      const task = approvalTask(request, 'supervisor_approval');
      await rt.commit({
        tasks: task.tasks,
        emails: task.emails,
        events: [rt.event(actor, 'leave_requested', { requestId: request.id, date, hours }), ...(task.events ?? [])],
      });
      return request;
    },
    {
      validator: ({ actor, ...inp }) => {
        onlyTheEmployee(actor);
        checkInput(leaveRequestInput, inp, 'The leave request is not valid');
        refuseWith(requestViolation(state, inp, policy.mentoringLeave));
      },
    },
  );

  setHandler(
    withdrawRequestUpdate,
    async ({ requestId, actor }) => {
      const request = state.requests.find((r) => r.id === requestId)!;
      request.status = 'withdrawn';
      request.closedAt = rt.nowIso();
      const change = closeRequestTasks(request.id, 'cancelled', actor, 'request withdrawn');
      await rt.commit({
        tasks: change.tasks,
        events: [rt.event(actor, 'leave_request_withdrawn', { requestId }), ...(change.events ?? [])],
      });
      return request;
    },
    {
      validator: ({ requestId, actor }) => {
        onlyTheEmployee(actor);
        const request = state.requests.find((r) => r.id === requestId);
        if (!request) refuse('request_not_found', 'No such leave request');
        // The employee may withdraw a request while it is pending.
        if (!isPendingRequest(request)) refuse('request_not_pending', `The request is ${request.status}`);
      },
    },
  );

  function closeRequestTasks(ref: string, status: 'cancelled' | 'expired', actor: Actor, reason: string): Change {
    const tasks: TaskRecord[] = [];
    const events = [];
    for (const t of rt.openTasks((t) => t.ref === ref)) {
      const c = rt.closeTask(t, status, actor, reason);
      tasks.push(...(c.tasks ?? []));
      events.push(...(c.events ?? []));
    }
    return { tasks, events };
  }

  // ---- main ---------------------------------------------------------------------------

  if (!state.recorded) {
    const review = rt.openTask({
      type: 'eligibility_review',
      title: `Review mentoring-leave eligibility of ${e.employee.name} for ${e.year}`,
      candidateRoles: ['hr_officer'],
      scope: { department: e.employee.department },
      outcomes: ['approve', 'deny'],
    });
    await rt.commit({
      tasks: review.tasks,
      emails: review.emails,
      events: [
        rt.event(input.enrolledBy, 'enrolled', { year: e.year, programId: e.program.programId }),
        ...(review.events ?? []),
      ],
    });
    state.recorded = true;
  } else {
    rt.resumeTaskTimers();
  }

  const yearEnd = laYearEnd(e.year);
  for (;;) {
    const woke = await rt.untilOr(() => state.status === 'closed' || rt.historyFull(), yearEnd);
    if (!woke) {
      await rt.commit(closeYear(rt, cap, tellEmployee));
      break;
    }
    if (state.status === 'closed') break;
    // History stays bounded: carry the state into a new run once handlers are done.
    await rt.drainHandlers();
    rt.forgetClosedTasks();
    await continueAsNew<typeof mentoringLeaveWorkflow>({ ...input, state });
  }
  await rt.drainHandlers();
  return {
    caseId: state.caseId,
    stage: state.stage,
    ledger: computeLedger(state, cap),
    lapsedHours: state.lapsedHours,
  };
}
