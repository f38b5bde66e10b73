/**
 * The task actions every case answers, generated from its open tasks: complete (with the
 * model's valid data, or an outcome the task does not have, data of the wrong shape, a
 * missing reason), claim, release, and assign by a supervising role. `never` gives the
 * actions that must be refused whatever the data: an outsider, the case's own party, the
 * person who gave the step before, the candidate role in another scope.
 */
import {
  assignTaskUpdate,
  claimTaskUpdate,
  completeTaskUpdate,
  releaseTaskUpdate,
} from '../../platform/workflow/messages';
import type { ActingUser, TaskRecord } from '../../platform/workflow/records';
import { update, type Action, type Ctx, type SimCase, type SimModel } from './model';
import { castOf } from './people';

export async function taskActions(ctx: Ctx, model: SimModel, which: 'valid' | 'never'): Promise<Action[]> {
  const out: Action[] = [];
  for (const c of ctx.cases.filter((x) => x.kind === 'case')) {
    const tasks = await ctx.query<TaskRecord[]>('openTasks', c).catch(() => [] as TaskRecord[]);
    const directory = model.directory?.(ctx) ?? {};
    const parties = model.parties?.(ctx) ?? [];
    for (const task of tasks) {
      const cast = castOf(task, directory, parties);
      if (which === 'never') {
        for (const p of cast.never) out.push(await complete(ctx, model, c, task, p, 'valid', true));
        continue;
      }
      const who = ctx.rng.pick(cast.likely.length ? cast.likely : cast.never);
      const variant = ctx.rng.weighted({ valid: 14, outcome: 1, data: 1, reason: 1 });
      out.push(await complete(ctx, model, c, task, who, variant, false));
      if (ctx.rng.chance(25))
        out.push(claim(ctx, c, task, ctx.rng.pick(cast.likely.length ? cast.likely : cast.never)));
      if (task.assigneeId && ctx.rng.chance(30))
        out.push(
          release(ctx, c, task, directory[task.assigneeId] ?? { id: task.assigneeId, roles: task.candidateRoles }),
        );
      if (ctx.rng.chance(20) && cast.likely.length)
        out.push(assign(ctx, c, task, ctx.rng.pick(cast.supervisors), ctx.rng.pick(cast.likely)));
    }
  }
  return out;
}

async function complete(
  ctx: Ctx,
  model: SimModel,
  c: SimCase,
  task: TaskRecord,
  actor: ActingUser,
  variant: string,
  never: boolean,
): Promise<Action> {
  const outcome = ctx.rng.pick(task.outcomes);
  const valid = await model.completion(task, outcome, ctx);
  const input = { taskId: task.id, actor, ...valid };
  if (variant === 'outcome') input.outcome = 'no_such_outcome';
  if (variant === 'data') input.data = { unexpected: 'field' };
  if (variant === 'reason') delete input.comment;
  return {
    label:
      `${actor.id} completes ${task.type}:${task.id.slice(0, 6)} ${input.outcome}` +
      (variant === 'valid' ? '' : ` (${variant} wrong)`),
    send: update(ctx.handle(c), completeTaskUpdate, input),
    expect: () => [{ caseId: c.caseId, event: 'task_completed', match: { taskId: task.id }, mode: 'once' }],
    mustRefuse: never || variant === 'outcome' || variant === 'data',
  };
}

function claim(ctx: Ctx, c: SimCase, task: TaskRecord, actor: ActingUser): Action {
  return {
    label: `${actor.id} claims ${task.type}:${task.id.slice(0, 6)}`,
    send: update(ctx.handle(c), claimTaskUpdate, { taskId: task.id, actor }),
    expect: () => [{ caseId: c.caseId, event: 'task_claimed', match: { taskId: task.id }, mode: 'per-call' }],
  };
}

function release(ctx: Ctx, c: SimCase, task: TaskRecord, actor: ActingUser): Action {
  return {
    label: `${actor.id} gives back ${task.type}:${task.id.slice(0, 6)}`,
    send: update(ctx.handle(c), releaseTaskUpdate, { taskId: task.id, actor }),
    expect: () => [{ caseId: c.caseId, event: 'task_released', match: { taskId: task.id }, mode: 'per-call' }],
  };
}

function assign(ctx: Ctx, c: SimCase, task: TaskRecord, by: ActingUser, to: ActingUser): Action {
  return {
    label: `${by.id} assigns ${task.type}:${task.id.slice(0, 6)} to ${to.id}`,
    send: update(ctx.handle(c), assignTaskUpdate, { taskId: task.id, assigneeId: to.id, assignee: to, actor: by }),
    expect: () => [
      { caseId: c.caseId, event: 'task_assigned', match: { taskId: task.id, assigneeId: to.id }, mode: 'per-call' },
    ],
  };
}
