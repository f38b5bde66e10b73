/**
 * One mentoring-leave case per employee and calendar year (workflow ID
 * `mentoring-leave-<year>-<employeeId>`, so Temporal itself refuses a second enrollment).
 *
 * enrollment (HR eligibility review) -> active year (personal time verified by the
 * mentoring organization's coordinator; leave requests approved by the supervisor, then
 * HR) -> year end (open requests expire, unused hours lapse, summary e-mail) -> closed.
 * The ledger lives here and is mirrored to the read model at every change.
 *
 * This file is the case's main line and its table of task handlers; the parts it wires:
 * leave-case.ts (state, runtime, ledger), decisions.ts (the tasks' handlers), employee.ts
 * (the employee's Updates) and year-end.ts (the year's close).
 */
import { continueAsNew } from '@temporalio/workflow';
import { taskHandlersByType } from '../../platform/workflow/case-runtime';
import { opaqueId } from '../../platform/workflow/opaque-id';
import { checkDecision, decideRequest, reviewEligibility, verifyPersonalHours } from './decisions';
import { registerEmployeeUpdates } from './employee';
import { openLeaveCase, type LeaveCase } from './leave-case';
import { computeLedger } from './rules';
import type { MentoringLeaveInput, MentoringLeaveResult } from './types';
import { closeYear } from './year-end';

export function mentoringLeaveWorkflowId(year: number, employeeId: string): string {
  return `mentoring-leave-${year}-${opaqueId(employeeId)}`;
}

export async function mentoringLeaveWorkflow(input: MentoringLeaveInput): Promise<MentoringLeaveResult> {
  const leave = openLeaveCase(input);
  const { state, e, cap, rt, tellEmployee } = leave;
  registerTaskTable(leave);
  registerEmployeeUpdates(leave);

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

  const yearEnd = rt.calendar.yearEnd(e.year);
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

/**
 * The case's tasks, one named handler per task type (decisions.ts). Each entry hands back
 * its handler's own promise, adding no step: the commands come when they always did.
 */
function registerTaskTable(leave: LeaveCase): void {
  leave.rt.registerTaskHandlers(
    taskHandlersByType<'eligibility_review' | 'verify_personal_hours' | 'supervisor_approval' | 'hr_approval'>({
      eligibility_review: (task, done) => reviewEligibility(leave, task, done),
      verify_personal_hours: (task, done) => verifyPersonalHours(leave, task, done),
      supervisor_approval: (task, done) => decideRequest(leave, task, done),
      hr_approval: (task, done) => decideRequest(leave, task, done),
    }),
    (task, done) => checkDecision(leave, task, done),
  );
}
