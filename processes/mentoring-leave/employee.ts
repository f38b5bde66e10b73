/**
 * What the employee does on their mentoring-leave case, as Updates: log personal time (the
 * coordinator verifies it), request leave (the approvals open, to the supervisor the
 * directory names at that moment) and withdraw a pending request (its tasks are cancelled).
 * Each validator refuses before anything changes.
 */
import { patched, setHandler, uuid4 } from '@temporalio/workflow';
import { refuse, type Change } from '../../platform/workflow/case-runtime';
import type { ActingUser, Actor, TaskRecord } from '../../platform/workflow/records';
import { checkInput, refuseWith } from '../../platform/workflow/refusals';
import { person } from '../../platform/workflow/input';
import { userToken } from '../../platform/workflow/access';
import { supervisorViolation, theEmployee } from './rules';
import { approvalTask } from './decisions';
import { leaveRequestInput, personalTimeInput } from './inputs';
import type { LeaveCase } from './leave-case';
import { logPersonalTimeUpdate, requestLeaveUpdate, withdrawRequestUpdate } from './messages';
import { isPendingRequest, personalTimeViolation, requestViolation } from './rules';
import type { LeaveRequest } from './types';

/** Registers the employee's Updates, in this order: personal time, a request, a withdrawal. */
export function registerEmployeeUpdates(leave: LeaveCase): void {
  const { state, e, policy, rt } = leave;

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
        refuseWith(personalTimeViolation(state, inp, policy.mentoringLeave, Date.now(), rt.calendar));
      },
    },
  );

  setHandler(
    requestLeaveUpdate,
    async ({ date, hours, note, actor, supervisor }) => {
      // A supervisor changed in the directory approves from this request on; the one before keeps
      // reading the case (earlier requests may still wait on them). Versioned: the event draws an id.
      const changed: NonNullable<Change['events']> = [];
      if (supervisor && supervisor.id !== e.supervisor.id && patched('leave-supervisor-from-directory')) {
        const from = e.supervisor.id;
        e.supervisor = { id: supervisor.id, name: supervisor.name, email: supervisor.email };
        if (!state.viewers.includes(userToken(supervisor.id)))
          state.viewers = [...state.viewers, userToken(supervisor.id)];
        changed.push(rt.event(actor, 'supervisor_changed', { supervisorId: supervisor.id, from }));
      }
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
      const task = approvalTask(leave, request, 'supervisor_approval');
      await rt.commit({
        tasks: task.tasks,
        emails: task.emails,
        events: [
          ...changed,
          rt.event(actor, 'leave_requested', { requestId: request.id, date, hours }),
          ...(task.events ?? []),
        ],
      });
      return request;
    },
    {
      validator: ({ actor, supervisor, ...inp }) => {
        onlyTheEmployee(actor);
        checkInput(leaveRequestInput, inp, 'The leave request is not valid');
        if (supervisor) {
          checkInput(person, supervisor, 'The supervisor is not valid');
          refuseWith(supervisorViolation(e.employee, supervisor));
        }
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
      const change = closeRequestTasks(leave, request.id, 'cancelled', actor, 'request withdrawn');
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
}

function closeRequestTasks(
  leave: LeaveCase,
  ref: string,
  status: 'cancelled' | 'expired',
  actor: Actor,
  reason: string,
): Change {
  const { rt } = leave;
  const tasks: TaskRecord[] = [];
  const events = [];
  for (const t of rt.openTasks((t) => t.ref === ref)) {
    const c = rt.closeTask(t, status, actor, reason);
    tasks.push(...(c.tasks ?? []));
    events.push(...(c.events ?? []));
  }
  return { tasks, events };
}
