/** Cases, tasks and timeline: shared by every process (docs/api-guide.md, "Cases and tasks"). */
import { sql } from 'kysely';
import { z, type ZodTypeAny } from 'zod';
import type { Client } from '@temporalio/client';
import type { Db } from '../../../db';
import { assignTaskUpdate, claimTaskUpdate, completeTaskUpdate, releaseTaskUpdate } from '../../workflow/messages';
import { overlaps } from '../../workflow/access';
import { laDate } from '../../workflow/calendar';
import { identifier, line } from '../../workflow/input';
import { CASE_TYPES, type CaseType } from '../../workflow/records';
import { taskDataProblems, TASK_TYPES } from '../../workflow/task-data';
import {
  conflictOfInterest,
  isAssignable,
  mayAssign,
  mayClaim,
  mayComplete,
  mayReassign,
  ownCase,
  tokensOn,
  twoPersonRule,
} from '../../workflow/who-may-act';
import { actorOf, type User } from '../auth';
import { conflict, HttpProblem, notFound, problemFromRefusal, unprocessable } from '../errors';
import { CURSORS, decodeCursor, pageOf, pageQuery, type ApiBuilder } from '../http';
import { updateCase } from '../updates';
import { taskContext } from '../task-context';
import { findPerson } from '../people';
import { listTasks } from '../inbox';
import {
  canSeeCase,
  caseDto,
  caseFacts,
  caseForRules,
  caseWithDetails,
  listedCase,
  loadVisibleCase,
  openTasksOf,
  readableTask,
  readableTasks,
  readViewOf,
  taskForRules,
  visibleTo,
  type CaseRow,
  type TaskRow,
} from '../views';
import { projectEvent, viewOf } from '../read-views';
import { caseSchema, completeTaskBody, registerTaskDataSchemas, taskSchema } from '../schemas';

const SUPERVISING_ROLES = ['hr_officer', 'case_supervisor', 'review_lead', 'partnership_coordinator', 'admin'] as const;

/**
 * A search's words as a full-text query: each word of `q` must begin a word of the subject
 * ("ana ok" finds "Ana Okafor"), case-insensitive (migration 0010's index). Only letters
 * and digits count; a `q` with none finds nothing.
 */
export function searchWords(q: string): string | undefined {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  return words?.length ? words.map((w) => `${w}:*`).join(' & ') : undefined;
}

export function registerCaseRoutes(api: ApiBuilder, db: Db, temporal: Client): void {
  registerTaskDataSchemas(api.registry);
  api.route({
    method: 'get',
    path: '/cases',
    tag: 'cases',
    auth: 'any',
    summary: 'Cases the caller may see, most recently changed first',
    query: z.object({
      type: z.enum(CASE_TYPES).optional(),
      status: z.enum(['open', 'closed']).optional(),
      stage: line(100).optional(),
      q: line(200)
        .optional()
        .describe('Words that begin words of the subject, in any order and case (a name typed in part)'),
      ...pageQuery,
    }),
    response: z.object({ items: z.array(caseSchema), nextCursor: z.string().nullable() }),
    handler: async ({ user, query }) => {
      let qb = db.selectFrom('cases').selectAll().where(visibleTo(user));
      if (query.type) qb = qb.where('type', '=', query.type);
      if (query.status) qb = qb.where('status', '=', query.status);
      if (query.stage) qb = qb.where('stage', '=', query.stage);
      const words = query.q ? searchWords(query.q) : undefined;
      if (words) qb = qb.where(sql<boolean>`to_tsvector('simple', subject) @@ to_tsquery('simple', ${words})`);
      else if (query.q) return { body: { items: [], nextCursor: null } };
      const cursor = decodeCursor(query.cursor, CURSORS.timeAndId);
      if (cursor) qb = qb.where(sql<boolean>`(updated_at, id) < (${cursor[0]}::timestamptz, ${cursor[1]})`);
      const rows = await qb
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit + 1)
        .execute();
      const tasks = await openTasksOf(
        db,
        rows.slice(0, query.limit).map((c) => c.id),
      );
      // The cursor follows the rows read; each row is cut to its reader's view (or left out).
      const page = pageOf(
        rows,
        query.limit,
        (c) => listedCase(user, c, tasks.get(c.id) ?? []),
        (c) => [new Date(c.updated_at).toISOString(), c.id],
      );
      return { body: { ...page, items: page.items.filter((c) => c !== undefined) } };
    },
  });

  api.route({
    method: 'get',
    path: '/cases/:caseId',
    tag: 'cases',
    auth: 'any',
    errors: [404],
    summary: 'One case with its open tasks and process details',
    response: caseSchema,
    handler: async ({ user, params }) => ({
      body: await caseWithDetails(db, await loadVisibleCase(db, user, params.caseId), user),
    }),
  });

  api.route({
    method: 'get',
    path: '/cases/:caseId/timeline',
    tag: 'cases',
    auth: 'any',
    errors: [404],
    summary: 'Every transition of a case in order: who, when and why',
    response: z.object({
      items: z.array(
        z.object({
          at: z.string(),
          actor: z.object({ id: z.string(), name: z.string().optional() }),
          event: z.string(),
          detail: z.record(z.unknown()),
        }),
      ),
    }),
    handler: async ({ user, params }) => {
      const view = readViewOf(user, await loadVisibleCase(db, user, params.caseId));
      if (!view || view.timeline === 'none') throw notFound('The case');
      return { body: { items: (await timelineOf(db, params.caseId)).map((e) => projectEvent(view, e)) } };
    },
  });

  api.route({
    method: 'get',
    path: '/tasks',
    tag: 'tasks',
    auth: 'any',
    summary: "The caller's inbox: tasks the caller may complete",
    query: z.object({
      status: z.enum(['open', 'completed', 'cancelled', 'expired']).default('open'),
      type: z.enum(TASK_TYPES).optional(),
      overdue: z.enum(['true', 'false']).optional(),
      /**
       * `escalated`: tasks escalated to the caller's role, which they may reassign. `team`: the
       * open tasks of the work the caller supervises, whoever holds them (to hand on the work of
       * someone away); narrowed to one holder with `assigneeId`.
       */
      view: z.enum(['inbox', 'escalated', 'team']).default('inbox'),
      assigneeId: identifier.optional(),
      /** Only the tasks of one process (case type). */
      process: z.enum(CASE_TYPES).optional(),
      ...pageQuery,
    }),
    response: z.object({ items: z.array(taskSchema), nextCursor: z.string().nullable() }),
    handler: async ({ user, query }) => {
      if (query.view === 'team') return { body: await teamTasks(user, query) };
      const after = decodeCursor(query.cursor, CURSORS.timeAndId) as [string, string] | undefined;
      const rows = await listTasks(db, user, { ...query, view: query.view, after });
      const page = pageOf(
        rows,
        query.limit,
        (t) => t,
        (t) => [new Date(t.due_at).toISOString(), t.id],
      );
      return { body: { ...page, items: await readableTasks(db, user, page.items) } };
    },
  });

  /** Open tasks of the cases the caller supervises (rules: `supervises`), by due date; one page of up to `limit`. */
  async function teamTasks(user: User, query: { assigneeId?: string; type?: string; limit: number }) {
    if (!user.roles.some((r) => (SUPERVISING_ROLES as readonly string[]).includes(r)))
      return { items: [], nextCursor: null };
    let qb = db
      .selectFrom('tasks')
      .innerJoin('cases', 'cases.id', 'tasks.case_id')
      .selectAll('tasks')
      .select([
        'cases.type as case_type',
        'cases.viewers as case_viewers',
        'cases.program_id as case_program_id',
        'cases.owner_id as case_owner_id',
        'cases.parties as case_parties',
        'cases.details as case_details',
        'cases.stage as case_stage',
        'cases.status as case_status',
      ])
      .where('tasks.status', '=', 'open');
    if (query.assigneeId) qb = qb.where('tasks.assignee_id', '=', query.assigneeId);
    if (query.type) qb = qb.where('tasks.type', '=', query.type);
    const rows = await qb.orderBy('tasks.due_at').orderBy('tasks.id').limit(1000).execute();
    const actor = actorOf(user);
    const caseOf = (r: (typeof rows)[number]) => ({
      type: r.case_type,
      viewers: r.case_viewers,
      program_id: r.case_program_id,
      owner_id: r.case_owner_id,
      parties: r.case_parties,
      details: r.case_details,
      stage: r.case_stage,
      status: r.case_status,
    });
    // Supervising a task's type is not reading its case: the case's view decides, or an escalation to the reader.
    const readable = (r: (typeof rows)[number]) =>
      !!viewOf(actor, caseFacts(caseOf(r))) || overlaps(user.tokens, r.escalated_to);
    const items = rows
      .filter((r) => !mayReassign(actor, taskForRules(r), caseForRules(caseOf(r))) && readable(r))
      .slice(0, query.limit);
    return { items: await readableTasks(db, user, items), nextCursor: null };
  }

  /** A task the caller may see (a candidate, the assignee, an escalation target or a viewer of its case), with its case. */
  async function loadVisibleTask(user: User, taskId: string): Promise<{ t: TaskRow; c: CaseRow }> {
    const t = await db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
    const c = t && (await db.selectFrom('cases').selectAll().where('id', '=', t.case_id).executeTakeFirst());
    if (!t || !c) throw notFound('The task');
    // A person named in the case reads its tasks only as that party (tokensOn); a holder still sees what they hold.
    const tokens = tokensOn(actorOf(user), caseForRules(c));
    const mine = t.assignee_id === user.sub || overlaps(tokens, t.candidates) || overlaps(tokens, t.escalated_to);
    if (mine || canSeeCase(user, c)) return { t, c };
    throw notFound('The task');
  }

  const refused = (r: ReturnType<typeof mayComplete>) => {
    if (r) throw problemFromRefusal(r);
  };
  const stillOpen = (t: TaskRow) => {
    if (t.status !== 'open') throw conflict('task_not_open', `The task is ${t.status}`);
  };

  api.route({
    method: 'get',
    path: '/tasks/:taskId',
    tag: 'tasks',
    auth: 'any',
    errors: [404],
    summary: 'One task',
    response: taskSchema,
    handler: async ({ user, params }) => {
      const { t, c } = await loadVisibleTask(user, params.taskId);
      return { body: readableTask(user, t, c) };
    },
  });

  api.route({
    method: 'get',
    path: '/tasks/:taskId/candidates',
    tag: 'tasks',
    auth: SUPERVISING_ROLES,
    errors: [404],
    summary: 'Known people this task may be handed to (for an assignment picker)',
    response: z.object({
      items: z.array(z.object({ id: z.string(), name: z.string().optional(), roles: z.array(z.string()) })),
    }),
    handler: async ({ user, params }) => {
      const { t, c } = await loadVisibleTask(user, params.taskId);
      const roles = [...new Set([...t.candidate_roles, 'case_supervisor', 'social_worker'])];
      const people = await db
        .selectFrom('people')
        .selectAll()
        .where(sql<boolean>`roles && ${sql.val(roles)}::text[]`)
        .orderBy('name')
        .limit(1000)
        .execute();
      const task = taskForRules(t);
      const kase = caseForRules(c);
      const items = people
        .map((p) => ({
          id: p.id,
          roles: p.roles,
          ...(p.name ? { name: p.name } : {}),
          ...(p.email ? { email: p.email } : {}),
          ...(p.department ? { department: p.department } : {}),
          ...(p.program_id ? { programId: p.program_id } : {}),
        }))
        .filter(
          (p) =>
            isAssignable(p, task, kase) &&
            !ownCase(p, kase) &&
            !conflictOfInterest(p, kase) &&
            !twoPersonRule(p.id, task),
        )
        .slice(0, 200)
        .map(({ id, name, roles: r }) => ({ id, ...(name ? { name } : {}), roles: r }));
      return { body: { items } };
    },
  });

  api.route({
    method: 'post',
    path: '/tasks/:taskId/claim',
    tag: 'tasks',
    auth: 'any',
    errors: [404, 409],
    summary: 'The caller, a candidate, becomes the assignee',
    response: taskSchema,
    handler: async ({ user, params }) => {
      const { t, c } = await loadVisibleTask(user, params.taskId);
      stillOpen(t);
      refused(mayClaim(actorOf(user), taskForRules(t), caseForRules(c)));
      const r = await updateCase(temporal, t, claimTaskUpdate, { arg: { taskId: t.id }, as: user });
      return { body: readableTask(user, await reloadTask(r.task.id), c) };
    },
  });

  api.route({
    method: 'post',
    path: '/tasks/:taskId/release',
    tag: 'tasks',
    auth: 'any',
    errors: [404, 409],
    summary: 'The person holding a task gives it back to its candidates',
    response: taskSchema,
    handler: async ({ user, params }) => {
      const { t, c } = await loadVisibleTask(user, params.taskId);
      stillOpen(t);
      if (t.assignee_id !== user.sub)
        throw problemFromRefusal({ code: 'not_permitted', message: 'Only the person holding a task gives it back' });
      await releaseHeldTask(user, t);
      return { body: readableTask(user, await reloadTask(t.id), c) };
    },
  });

  api.route({
    method: 'post',
    path: '/tasks/:taskId/assign',
    tag: 'tasks',
    auth: SUPERVISING_ROLES,
    errors: [404, 409, 422],
    summary:
      'A supervising role hands a task to a candidate (for example while the assignee is away); the assignee is e-mailed',
    body: z.object({ assigneeId: identifier }).strict(),
    response: taskSchema,
    handler: async ({ user, params, body }) => {
      const { t, c } = await loadVisibleTask(user, params.taskId);
      stillOpen(t);
      // The assignee must be a known person (signed in once), so their roles and scope can be checked.
      const assignee = await findPerson(db, body.assigneeId);
      if (!assignee)
        throw unprocessable('invalid_assignee', 'No such person is known here: an assignee must have signed in once');
      refused(mayAssign(actorOf(user), assignee, taskForRules(t), caseForRules(c)));
      await updateCase(temporal, t, assignTaskUpdate, {
        arg: { taskId: t.id, assigneeId: assignee.id, assignee },
        as: user,
      });
      return { body: readableTask(user, await reloadTask(t.id), c) };
    },
  });

  api.route({
    method: 'post',
    path: '/tasks/:taskId/complete',
    tag: 'tasks',
    auth: 'any',
    errors: [404, 409, 422],
    summary: 'Completes the task and advances its process; the case in the answer is already in its next stage',
    body: completeTaskBody,
    response: z.object({ task: taskSchema, case: caseSchema }),
    handler: async ({ user, params, body }) => {
      const { t, c } = await loadVisibleTask(user, params.taskId);
      stillOpen(t);
      const refusal = mayComplete(actorOf(user), taskForRules(t), caseForRules(c));
      // A holder who lost the role to complete it: the task goes back to its candidates, then the refusal.
      if (refusal?.code === 'holder_not_candidate') await releaseHeldTask(user, t);
      refused(refusal);
      if (!t.outcomes.includes(body.outcome))
        throw unprocessable('invalid_outcome', `Outcome must be one of: ${t.outcomes.join(', ')}`);
      const problems = taskDataProblems(t.type, body.data, { today: laDate(Date.now()) });
      if (problems.length)
        throw new HttpProblem(
          400,
          'Bad Request',
          `The data of a ${t.type} task is not valid`,
          'validation_failed',
          problems,
        );
      const context = await taskContext(db, t.type, body.data);
      await updateCase(temporal, t, completeTaskUpdate, {
        arg: {
          taskId: t.id,
          outcome: body.outcome,
          comment: body.comment,
          data: body.data,
          ...(context ? { context } : {}),
        },
        as: user,
      });
      const task = await reloadTask(t.id);
      const after = await db.selectFrom('cases').selectAll().where('id', '=', t.case_id).executeTakeFirstOrThrow();
      return {
        body: {
          task: readableTask(user, task, after),
          case: canSeeCase(user, after) ? await caseWithDetails(db, after, user) : caseDto(after, []),
        },
      };
    },
  });

  async function releaseHeldTask(user: User, t: TaskRow): Promise<void> {
    await updateCase(temporal, t, releaseTaskUpdate, { arg: { taskId: t.id }, as: user });
  }

  async function reloadTask(taskId: string): Promise<TaskRow> {
    return db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();
  }
}

/** `GET <path>/:caseId` for one case type: the visible case with its process details. */
export function caseDetailRoute(
  api: ApiBuilder,
  db: Db,
  spec: { path: string; type: CaseType; tag: string; summary: string; response: ZodTypeAny },
): void {
  api.route({
    method: 'get',
    path: `${spec.path}/:caseId`,
    tag: spec.tag,
    auth: 'any',
    errors: [404],
    summary: spec.summary,
    response: spec.response,
    handler: async ({ user, params }) => ({
      body: await caseWithDetails(db, await loadVisibleCase(db, user, params.caseId, spec.type), user),
    }),
  });
}

export async function timelineOf(db: Db, caseId: string) {
  const rows = await db
    .selectFrom('timeline')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('at')
    .orderBy('seq')
    .execute();
  return rows.map((e) => ({
    at: new Date(e.at).toISOString(),
    actor: { id: e.actor_id, ...(e.actor_name ? { name: e.actor_name } : {}) },
    event: e.event,
    detail: e.detail,
  }));
}
