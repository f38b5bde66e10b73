/**
 * What a scenario's steps need besides the driver's loop (driver.ts): an admin's retry of
 * an incident, the organisation's settings told to a running case, how far the clock moves
 * (and how far under an outage), a bound on a query, and telling a refused Update from an
 * accepted one whose handler failed.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Faults } from './fakes';
import type { Action, Ctx, SimCase } from './model';
import type { Choice } from './plan';
import type { World } from './world';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function retryIncident(ctx: Ctx, c?: SimCase): Action['send'] {
  return async () => {
    const { retryIncidentUpdate } = await import('../../platform/workflow/messages');
    const u = await ctx
      .handle(c)
      .executeUpdate(retryIncidentUpdate, { args: [{ actor: { id: 'sim-admin', roles: ['admin'] } }] });
    return { result: Promise.resolve(u) };
  };
}

/**
 * The organisation's settings told to the scenario's case, as a saved policy tells every
 * running case: a holiday added on the next business day (open deadlines move and the move
 * is written) or this year's added holidays taken away again. A signal: it may share a
 * workflow task with the step's Updates, and a program's record takes it too.
 */
export async function settingsTold(ctx: Ctx): Promise<Action> {
  const { organisationSettingsOf, organisationSettingsSignal } = await import(
    '../../platform/workflow/organisation-settings'
  );
  const { businessCalendarOf } = await import('../../platform/workflow/jurisdiction');
  const today = await ctx.today();
  const next = businessCalendarOf(ctx.policy).addBusinessDays(today, 1);
  const added = ctx.rng.chance(70);
  const calendar = { ...ctx.policy.calendar!, holidays: added ? { [next.slice(0, 4)]: [next] } : {} };
  return {
    label: added ? `the organisation adds a holiday on ${next}` : 'the organisation removes its added holidays',
    signal: true,
    send: async () => {
      await ctx.handle().signal(organisationSettingsSignal, { ...organisationSettingsOf(ctx.policy), calendar });
      return { result: Promise.resolve(undefined) };
    },
  };
}

/**
 * While the database is down every write is retried about once a minute (an outage is
 * waited out, as the real activity does), and each attempt is real work for the worker:
 * the clock then moves at most six hours a step, so a week's move does not cost ten
 * thousand attempts. Reminders and escalations of hours still fire under the outage.
 */
export function duringOutage(faults: Faults, ms: number): number {
  return faults.outage ? Math.min(ms, 6 * HOUR) : ms;
}

/** How far the clock moves: a little, a day or more, or just past an open task's reminder or due time. */
export async function howLong(ctx: Ctx, rng: Choice): Promise<number> {
  const open = await ctx.query<{ remindAt: string; dueAt: string }[]>('openTasks').catch(() => []);
  const now = await ctx.nowMs();
  const marks = open.flatMap((t) => [Date.parse(t.remindAt), Date.parse(t.dueAt)]).filter((t) => t > now);
  const what = rng.weighted({ minutes: 2, hour: 2, day: 3, days: 3, week: 1, mark: marks.length ? 5 : 0 });
  if (what === 'mark') return Math.min(rng.pick(marks) - now + 60_000, 15 * DAY);
  return { minutes: 6 * 60_000, hour: HOUR, day: DAY, days: 3 * DAY, week: 8 * DAY }[what];
}

/** A query the workflow does not answer within 30 s fails the scenario instead of hanging it. */
export function within<T>(p: Promise<T>, what: string, ms = 30_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer: ${what}`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Whether an Update was accepted: an accepted one is in its run's history, a refused one never is. */
export async function acceptedInHistory(
  ctx: Ctx,
  world: World,
  u: { id: string; workflowId: string },
): Promise<boolean> {
  const current = (
    await ctx.client.workflow
      .getHandle(u.workflowId)
      .describe()
      .catch(() => undefined)
  )?.runId;
  const runs = new Set([
    ...(current ? [current] : []),
    ...world.model.attempts.filter((a) => a.workflowId === u.workflowId).map((a) => a.runId),
  ]);
  for (const runId of runs) {
    const events =
      (
        await ctx.client.workflow
          .getHandle(u.workflowId, runId)
          .fetchHistory()
          .catch(() => ({ events: [] }))
      ).events ?? [];
    if (events.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.meta?.updateId === u.id))
      return true;
  }
  return false;
}

export function isRefusal(err: unknown): boolean {
  // Refused by a validator, or sent to a case that has closed.
  if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError) return true;
  const msg = String((err as Error)?.message ?? err);
  return /already completed|not found|workflow execution.*(completed|terminated)|closed/i.test(msg);
}
