/** Cases, tasks and timeline: shared by every process (api.md, "Cases, tasks and timeline"). */
import { sql } from 'kysely';
import { z, type ZodTypeAny } from 'zod';
import type { Client } from '@temporalio/client';
import type { Db } from '../../db';
import { assignTaskUpdate, claimTaskUpdate, completeTaskUpdate } from '../../workflows/shared/messages';
import { overlaps } from '../../workflows/shared/access';
import type { CaseType } from '../../workflows/shared/records';
import { actorOf, type User } from '../auth';
import { conflict, forbidden, notFound } from '../errors';
import { decodeCursor, encodeCursor, pageQuery, type ApiBuilder } from '../http';
import { canSeeCase, caseDto, caseWithDetails, isTaskCandidate, loadVisibleCase, openTasksOf, taskDto, visibleTo, type TaskRow } from '../views';
import { caseSchema, taskSchema } from '../schemas';

const SUPERVISING_ROLES = ['hr_officer', 'case_supervisor', 'review_lead', 'admin'] as const;

export function registerCaseRoutes(api: ApiBuilder, db: Db, temporal: Client): void {
  api.route({
    method: 'get', path: '/cases', tag: 'cases', auth: 'any',
    summary: 'Cases the caller may see, most recently changed first',
    query: z.object({
      type: z.enum(['mentoring_leave', 'mentor_screening', 'youth_referral', 'match', 'certification']).optional(),
      status: z.enum(['open', 'closed']).optional(),
      stage: z.string().optional(),
      q: z.string().max(200).optional(),
      ...pageQuery,
    }),
    response: z.object({ items: z.array(caseSchema), nextCursor: z.string().nullable() }),
    handler: async ({ user, query }) => {
      let qb = db.selectFrom('cases').selectAll().where(visibleTo(user));
      if (query.type) qb = qb.where('type', '=', query.type);
      if (query.status) qb = qb.where('status', '=', query.status);
      if (query.stage) qb = qb.where('stage', '=', query.stage);
      if (query.q) qb = qb.where('subject', 'ilike', `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
      const cursor = decodeCursor(query.cursor);
      if (cursor) qb = qb.where(sql<boolean>`(updated_at, id) < (${String(cursor[0])}::timestamptz, ${String(cursor[1])})`);
      const rows = await qb.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1).execute();
      const page = rows.slice(0, query.limit);
      const tasks = await openTasksOf(db, page.map((c) => c.id));
      const last = page[page.length - 1];
      return {
        body: {
          items: page.map((c) => caseDto(c, tasks.get(c.id) ?? [])),
          nextCursor: rows.length > query.limit ? encodeCursor([new Date(last.updated_at).toISOString(), last.id]) : null,
        },
      };
    },
  });

  api.route({
    method: 'get', path: '/cases/:caseId', tag: 'cases', auth: 'any', errors: [404],
    summary: 'One case with its open tasks and process details',
    response: caseSchema,
    handler: async ({ user, params }) => ({ body: await caseWithDetails(db, await loadVisibleCase(db, user, params.caseId)) }),
  });

  api.route({
    method: 'get', path: '/cases/:caseId/timeline', tag: 'cases', auth: 'any', errors: [404],
    summary: 'Every transition of a case in order: who, when and why',
    response: z.object({ items: z.array(z.object({ at: z.string(), actor: z.object({ id: z.string(), name: z.string().optional() }), event: z.string(), detail: z.record(z.unknown()) })) }),
    handler: async ({ user, params }) => {
      await loadVisibleCase(db, user, params.caseId);
      return { body: { items: await timelineOf(db, params.caseId) } };
    },
  });

  api.route({
    method: 'get', path: '/tasks', tag: 'tasks', auth: 'any',
    summary: "The caller's inbox: tasks the caller may complete",
    query: z.object({
      status: z.enum(['open', 'completed', 'cancelled', 'expired']).default('open'),
      type: z.string().optional(),
      overdue: z.enum(['true', 'false']).optional(),
      /** `escalated`: tasks escalated to the caller's role, which they may reassign. */
      view: z.enum(['inbox', 'escalated']).default('inbox'),
      ...pageQuery,
    }),
    response: z.object({ items: z.array(taskSchema), nextCursor: z.string().nullable() }),
    handler: async ({ user, query }) => {
      let qb = db.selectFrom('tasks').selectAll().where('status', '=', query.status);
      qb = query.view === 'escalated'
        ? qb.where(sql<boolean>`escalated_to && ${sql.val(user.tokens)}::text[]`)
        : qb.where((eb) => eb.or([
            eb('assignee_id', '=', user.sub),
            eb.and([eb('assignee_id', 'is', null), sql<boolean>`candidates && ${sql.val(user.tokens)}::text[]`]),
          ]));
      if (query.type) qb = qb.where('type', '=', query.type);
      if (query.overdue === 'true') qb = qb.where('due_at', '<', new Date());
      if (query.overdue === 'false') qb = qb.where('due_at', '>=', new Date());
      const cursor = decodeCursor(query.cursor);
      if (cursor) qb = qb.where(sql<boolean>`(due_at, id) > (${String(cursor[0])}::timestamptz, ${String(cursor[1])})`);
      const rows = await qb.orderBy('due_at').orderBy('id').limit(query.limit + 1).execute();
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        body: {
          items: page.map(taskDto),
          nextCursor: rows.length > query.limit ? encodeCursor([new Date(last.due_at).toISOString(), last.id]) : null,
        },
      };
    },
  });

  /** A task the caller may see: a candidate, the assignee, an escalation target or a viewer of its case. */
  async function loadVisibleTask(user: User, taskId: string): Promise<TaskRow> {
    const t = await db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
    if (!t) throw notFound('The task');
    if (t.assignee_id === user.sub || overlaps(user.tokens, t.candidates) || overlaps(user.tokens, t.escalated_to)) return t;
    const c = await db.selectFrom('cases').select(['viewers', 'type']).where('id', '=', t.case_id).executeTakeFirst();
    if (c && canSeeCase(user, c)) return t;
    throw notFound('The task');
  }

  api.route({
    method: 'get', path: '/tasks/:taskId', tag: 'tasks', auth: 'any', errors: [404],
    summary: 'One task', response: taskSchema,
    handler: async ({ user, params }) => ({ body: taskDto(await loadVisibleTask(user, params.taskId)) }),
  });

  api.route({
    method: 'post', path: '/tasks/:taskId/claim', tag: 'tasks', auth: 'any', errors: [404, 409],
    summary: 'The caller, a candidate, becomes the assignee',
    response: taskSchema,
    handler: async ({ user, params }) => {
      const t = await loadVisibleTask(user, params.taskId);
      if (t.assignee_id && t.assignee_id !== user.sub) throw conflict('task_claimed', 'Another person holds this task');
      if (!overlaps(user.tokens, t.candidates) && t.assignee_id !== user.sub) throw forbidden('You are not a candidate for this task');
      if (t.status !== 'open') throw conflict('task_not_open', `The task is ${t.status}`);
      const r = await temporal.workflow.getHandle(t.workflow_id).executeUpdate(claimTaskUpdate, { args: [{ taskId: t.id, actor: actorOf(user) }] });
      return { body: taskDto(await reloadTask(r.task.id)) };
    },
  });

  api.route({
    method: 'post', path: '/tasks/:taskId/assign', tag: 'tasks', auth: SUPERVISING_ROLES, errors: [404, 409],
    summary: 'A supervising role hands a task to someone (for example while the assignee is away)',
    body: z.object({ assigneeId: z.string().min(1).max(200) }).strict(),
    response: taskSchema,
    handler: async ({ user, params, body }) => {
      const t = await loadVisibleTask(user, params.taskId);
      if (t.status !== 'open') throw conflict('task_not_open', `The task is ${t.status}`);
      await temporal.workflow.getHandle(t.workflow_id).executeUpdate(assignTaskUpdate, {
        args: [{ taskId: t.id, assigneeId: body.assigneeId, actor: actorOf(user) }],
      });
      return { body: taskDto(await reloadTask(t.id)) };
    },
  });

  api.route({
    method: 'post', path: '/tasks/:taskId/complete', tag: 'tasks', auth: 'any', errors: [404, 409, 422],
    summary: 'Completes the task and advances its process; the case in the answer is already in its next stage',
    body: z.object({
      outcome: z.string().min(1).max(100),
      comment: z.string().max(5000).optional(),
      data: z.record(z.unknown()).optional(),
    }).strict(),
    response: z.object({ task: taskSchema, case: caseSchema }),
    handler: async ({ user, params, body }) => {
      const t = await loadVisibleTask(user, params.taskId);
      if (t.status !== 'open') throw conflict('task_not_open', `The task is ${t.status}`);
      if (t.assignee_id && t.assignee_id !== user.sub) throw conflict('task_claimed', 'Another person holds this task');
      if (!isTaskCandidate(user, t)) throw forbidden('Only a candidate for this task may complete it');
      await temporal.workflow.getHandle(t.workflow_id).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: t.id, outcome: body.outcome, comment: body.comment, data: body.data, actor: actorOf(user) }],
      });
      const task = await reloadTask(t.id);
      const c = await db.selectFrom('cases').selectAll().where('id', '=', t.case_id).executeTakeFirstOrThrow();
      return { body: { task: taskDto(task), case: canSeeCase(user, c) ? await caseWithDetails(db, c) : caseDto(c, []) } };
    },
  });

  async function reloadTask(taskId: string): Promise<TaskRow> {
    return db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();
  }
}

/** `GET <path>/:caseId` for one case type: the visible case with its process details. */
export function caseDetailRoute(api: ApiBuilder, db: Db, spec: { path: string; type: CaseType; tag: string; summary: string; response: ZodTypeAny }): void {
  api.route({
    method: 'get', path: `${spec.path}/:caseId`, tag: spec.tag, auth: 'any', errors: [404], summary: spec.summary, response: spec.response,
    handler: async ({ user, params }) => ({ body: await caseWithDetails(db, await loadVisibleCase(db, user, params.caseId, spec.type)) }),
  });
}

export async function timelineOf(db: Db, caseId: string) {
  const rows = await db.selectFrom('timeline').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('seq').execute();
  return rows.map((e) => ({
    at: new Date(e.at).toISOString(),
    actor: { id: e.actor_id, ...(e.actor_name ? { name: e.actor_name } : {}) },
    event: e.event,
    detail: e.detail,
  }));
}
