/**
 * Mentoring leave: an enrollment HR reviews (confirming or correcting the supervisor),
 * personal time the employee logs and the program's coordinator verifies, leave requests
 * the supervisor then HR approve (two people), withdrawals, and the year's end.
 */
import { laYear } from '../../../platform/workflow/calendar';
import { caseDetailsQuery } from '../../../platform/workflow/messages';
import {
  logPersonalTimeUpdate,
  requestLeaveUpdate,
  withdrawRequestUpdate,
} from '../../../processes/mentoring-leave/messages';
import { mentoringLeaveWorkflow, mentoringLeaveWorkflowId } from '../../../processes/mentoring-leave/workflow';
import type { LeaveRequest } from '../../../processes/mentoring-leave/types';
import { person, update, type Action, type Ctx, type SimModel } from '../model';

const DEPT = 'SIM';
const ids = (ctx: Pick<Ctx, 'tag'>) => ({
  employee: `${ctx.tag}-emp`,
  supervisor: `${ctx.tag}-sup`,
  corrected: `${ctx.tag}-sup2`,
  program: `${ctx.tag}-prog`,
});

export const leaveModel: SimModel = {
  name: 'mentoringLeaveWorkflow',
  async start(ctx) {
    const i = ids(ctx);
    const year = laYear(await ctx.nowMs());
    const caseId = `${ctx.tag}-leave`;
    const workflowId = mentoringLeaveWorkflowId(year, i.employee);
    await ctx.client.workflow.start(mentoringLeaveWorkflow, {
      taskQueue: ctx.taskQueue,
      workflowId,
      args: [
        {
          caseId,
          policy: ctx.policy,
          enrolledBy: person(i.employee, ['employee']),
          enrollment: {
            year,
            employee: {
              id: i.employee,
              name: 'Sim Employee',
              email: `${i.employee}@example.gov`,
              department: DEPT,
              bargainingUnit: 1,
              appointment: 'permanent',
            },
            supervisor: { id: i.supervisor, name: 'Sim Supervisor', email: `${i.supervisor}@example.gov` },
            program: { programId: i.program, name: 'Program' },
            commitment: { startDate: `${year}-01-15`, endDate: `${year + 1}-06-15` },
          },
        },
      ],
    });
    return [{ workflowId, caseId, kind: 'case' }];
  },
  directory(ctx) {
    const i = ids(ctx);
    return {
      [i.employee]: person(i.employee, ['employee'], { department: DEPT, email: `${i.employee}@example.gov` }),
      [i.supervisor]: person(i.supervisor, ['supervisor'], { department: DEPT }),
      [i.corrected]: person(i.corrected, ['supervisor'], { department: DEPT }),
    };
  },
  parties: (ctx) => [
    person(ids(ctx).employee, ['employee'], { department: DEPT, email: `${ids(ctx).employee}@example.gov` }),
  ],
  completion(task, outcome, ctx) {
    const corrected = ids(ctx).corrected;
    const data =
      task.type === 'eligibility_review' && outcome === 'approve' && ctx.rng.chance(25)
        ? { supervisor: { id: corrected, name: 'Other Supervisor', email: `${corrected}@example.gov` } }
        : undefined;
    return { outcome, comment: 'as decided', ...(data ? { data } : {}) };
  },
  async actions(ctx) {
    const i = ids(ctx);
    const h = ctx.handle();
    const employee = person(i.employee, ['employee'], { department: DEPT });
    const today = await ctx.today();
    const hours = ctx.rng.pick([0.25, 1, 2, 4, 8]);
    const requests =
      (
        (await ctx.query<{ requests?: LeaveRequest[] }>(caseDetailsQuery.name).catch(() => ({}))) as {
          requests?: LeaveRequest[];
        }
      ).requests ?? [];
    const out: Action[] = [
      {
        label: `employee logs ${hours} h`,
        send: update(h, logPersonalTimeUpdate, {
          date: today,
          hours,
          kind: 'off_duty',
          description: 'Tutoring',
          actor: employee,
        }),
        expect: (r) =>
          r
            ? [
                {
                  caseId: ctx.main.caseId,
                  event: 'personal_time_logged',
                  match: { entryId: (r as { id: string }).id },
                  mode: 'once',
                },
              ]
            : [],
      },
      {
        label: `employee requests ${hours} h of leave`,
        send: update(h, requestLeaveUpdate, {
          date: today,
          hours,
          attestNoTravel: ctx.rng.chance(90),
          actor: employee,
        }),
        expect: (r) =>
          r
            ? [
                {
                  caseId: ctx.main.caseId,
                  event: 'leave_requested',
                  match: { requestId: (r as { id: string }).id },
                  mode: 'once',
                },
              ]
            : [],
      },
      {
        label: 'the supervisor logs time for the employee',
        send: update(h, logPersonalTimeUpdate, {
          date: today,
          hours: 1,
          kind: 'off_duty',
          description: 'Tutoring',
          actor: person(i.supervisor, ['supervisor'], { department: DEPT }),
        }),
        mustRefuse: true,
      },
    ];
    for (const r of requests.filter((x) => x.status.startsWith('pending'))) {
      out.push({
        label: `employee withdraws request ${r.id.slice(0, 6)}`,
        send: update(h, withdrawRequestUpdate, { requestId: r.id, actor: employee }),
        expect: () => [
          { caseId: ctx.main.caseId, event: 'leave_request_withdrawn', match: { requestId: r.id }, mode: 'once' },
        ],
      });
    }
    return out;
  },
};
