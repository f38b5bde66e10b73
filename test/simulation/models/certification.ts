/**
 * Certification and the program's record: an application for Affiliate or Partner (or a
 * renewal), reviewed; for Partner the self-assessment, its review, a work plan whose items
 * are verified by someone other than its author, the 4-month window. Each level decision is
 * signalled to the program's record — which may be running (and continue as new under a
 * small history limit) or never have been started (the receiver is gone).
 */
import { laDate } from '../../../platform/workflow/calendar';
import { caseDetailsQuery } from '../../../platform/workflow/messages';
import {
  completeWorkPlanItemUpdate,
  saveAssessmentUpdate,
  submitAssessmentUpdate,
} from '../../../processes/certification/messages';
import { QUESTIONS } from '../../../processes/certification/questions';
import type { WorkPlanItem } from '../../../processes/certification/types';
import { certificationWorkflow } from '../../../processes/certification/workflow';
import {
  programLevelSignal,
  programRecordWorkflow,
  programWorkflowId,
  setProgramLevelUpdate,
} from '../../../processes/programs/workflow';
import { person, signal, update, type Action, type Ctx, type SimCase, type SimModel } from '../model';

const programOf = (ctx: Pick<Ctx, 'tag'>) => `${ctx.tag}-prog`;
const staffOf = (ctx: Pick<Ctx, 'tag'>) => person(`${ctx.tag}-staff`, ['program_staff'], { programId: programOf(ctx) });
const admin = person('sim-admin', ['admin']);

/** Starts a program's record; the record is a case of kind `program` in the scenario. */
export async function startProgramRecord(
  ctx: Omit<Ctx, 'cases' | 'main'>,
  level: 'none' | 'partner',
  certifiedUntil?: string,
): Promise<SimCase> {
  const id = programOf(ctx);
  const program = {
    id,
    name: 'Sim Program',
    organization: 'Org',
    contactEmail: `${id}@example.org`,
    county: 'Sacramento',
    startedOn: '2015-09-01',
    minimumMatchMonths: 12,
    level,
    ...(certifiedUntil ? { certifiedUntil } : {}),
    createdBy: admin.id,
    createdAt: new Date(await ctx.nowMs()).toISOString(),
  };
  await ctx.client.workflow.start(programRecordWorkflow, {
    taskQueue: ctx.taskQueue,
    workflowId: programWorkflowId(id),
    args: [{ program, policy: ctx.policy, createdBy: admin }],
  });
  return { workflowId: programWorkflowId(id), caseId: id, kind: 'program', waitsForMessages: () => true };
}

/** The admin's level changes and a certification case's signals, as the program's record gets them. */
export function programActions(ctx: Ctx, rec: SimCase, today: string): Action[] {
  const h = ctx.handle(rec);
  const level = ctx.rng.pick(['affiliate', 'associate_partner', 'partner', 'none'] as const);
  const n = ctx.rng.int(1e9);
  const until = `${Number(today.slice(0, 4)) + ctx.rng.pick([0, 1, 3])}-${today.slice(5)}`;
  const certifiedUntil = level === 'partner' ? until : null;
  // An admin's change is a new event each time; a case's signal carries its event's id, so
  // the same signal twice is one entry.
  return [
    {
      label: `admin sets the program to ${level}`,
      send: update(h, setProgramLevelUpdate, { level, certifiedUntil, note: `set ${n}`, actor: admin }),
      expect: () => [{ caseId: rec.caseId, event: 'level_changed', match: { note: `set ${n}` }, mode: 'per-call' }],
    },
    {
      label: `a case signals level ${level}`,
      signal: true,
      send: signal(h, programLevelSignal, {
        level,
        certifiedUntil,
        note: `signal ${n}`,
        actor: admin,
        eventId: `${rec.caseId}-${n}`,
      }),
      expect: () => [{ caseId: rec.caseId, event: 'level_changed', match: { note: `signal ${n}` }, mode: 'once' }],
    },
  ];
}

export const certificationModel: SimModel = {
  name: 'certificationWorkflow',
  async start(ctx) {
    const renewal = ctx.rng.chance(25);
    const levelSought = renewal || ctx.rng.chance(60) ? 'partner' : 'affiliate';
    const today = laDate(await ctx.nowMs());
    const until = `${Number(today.slice(0, 4)) + 1}-${today.slice(5)}`;
    // The program's record: running (most often), or never started (a receiver that is gone).
    const record = ctx.rng.chance(80)
      ? [await startProgramRecord(ctx, renewal ? 'partner' : 'none', renewal ? until : undefined)]
      : [];
    const caseId = `${ctx.tag}-cert`;
    const workflowId = `certification-${caseId}`;
    await ctx.client.workflow.start(certificationWorkflow, {
      taskQueue: ctx.taskQueue,
      workflowId,
      args: [
        {
          caseId,
          levelSought,
          policy: ctx.policy,
          appliedBy: staffOf(ctx),
          program: {
            id: programOf(ctx),
            name: 'Sim Program',
            contactEmail: 'p@example.org',
            levelAtApplication: renewal ? 'partner' : 'none',
            ...(renewal ? { certifiedUntilAtApplication: until } : {}),
          },
        },
      ],
    });
    return [{ workflowId, caseId, kind: 'case' }, ...record];
  },
  parties: (ctx) => [staffOf(ctx)],
  async completion(task, outcome, ctx) {
    if (task.type === 'assessment_review' && outcome === 'work_plan') {
      const due = laDate((await ctx.nowMs()) + 30 * 86_400_000);
      const n = 1 + ctx.rng.int(2);
      return {
        outcome,
        comment: 'see items',
        data: {
          items: Array.from({ length: n }, (_, i) => ({
            standard: 'training',
            description: `Item ${i + 1}`,
            dueDate: due,
          })),
        },
      };
    }
    return { outcome, comment: 'as decided' };
  },
  async actions(ctx) {
    const h = ctx.handle();
    const staff = staffOf(ctx);
    const details = await ctx
      .query<{ workPlan?: WorkPlanItem[] }>(caseDetailsQuery.name)
      .catch(() => ({}) as { workPlan?: WorkPlanItem[] });
    const answered = ctx.rng.chance(80) ? QUESTIONS : QUESTIONS.slice(0, 5);
    const save = `save ${ctx.rng.int(1e9)}`;
    const out: Action[] = [
      {
        label: `staff save ${answered.length} answers`,
        send: update(h, saveAssessmentUpdate, {
          answers: answered.map((q) => ({ questionId: q.id, response: 'yes' as const, evidence: save })),
          actor: staff,
        }),
        expect: () => [{ caseId: ctx.main.caseId, event: 'self_assessment_saved', mode: 'per-call' }],
      },
      {
        label: 'staff submit the self-assessment',
        send: update(h, submitAssessmentUpdate, { actor: staff }),
        expect: () => [{ caseId: ctx.main.caseId, event: 'self_assessment_submitted', mode: 'once' }],
      },
      {
        label: 'a reviewer saves answers',
        send: update(h, saveAssessmentUpdate, { answers: [], actor: person('sim-rev', ['quality_reviewer']) }),
        mustRefuse: true,
      },
    ];
    for (const item of details.workPlan ?? []) {
      out.push({
        label: `staff complete work-plan item ${item.id.slice(0, 6)}`,
        send: update(h, completeWorkPlanItemUpdate, { itemId: item.id, evidence: 'done', actor: staff }),
        expect: () => [
          { caseId: ctx.main.caseId, event: 'work_plan_item_completed', match: { itemId: item.id }, mode: 'per-call' },
        ],
      });
    }
    const rec = ctx.cases.find((c) => c.kind === 'program');
    if (rec && ctx.rng.chance(30)) out.push(...programActions(ctx, rec, await ctx.today()));
    return out;
  },
};

export const programRecordModel: SimModel = {
  name: 'programRecordWorkflow',
  noRefusals: true,
  async start(ctx) {
    const today = laDate(await ctx.nowMs());
    // A Partner certificate near its end: its reminders and expiry are timers to fire.
    return [
      ctx.rng.chance(50)
        ? await startProgramRecord(ctx, 'partner', `${today.slice(0, 4)}-${today.slice(5, 7)}-${today.slice(8)}`)
        : await startProgramRecord(ctx, 'none'),
    ];
  },
  completion: (_task, outcome) => ({ outcome }),
  async actions(ctx) {
    return programActions(ctx, ctx.main, await ctx.today());
  },
};
