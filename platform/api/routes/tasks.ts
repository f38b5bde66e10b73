/**
 * Tasks: the inbox, one task, and claiming, releasing, assigning and completing one
 * (docs/api-guide.md, "Cases and tasks"); what they read is in task-reads.ts.
 */
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Db } from '../../../db';
import { assignTaskUpdate, claimTaskUpdate, completeTaskUpdate, releaseTaskUpdate } from '../../workflow/messages';
import { businessCalendarOf } from '../../workflow/jurisdiction';
import type { Policy } from '../../workflow/policy';
import { identifier } from '../../workflow/input';
import { CASE_TYPES } from '../../workflow/records';
import { taskDataProblems, TASK_TYPES } from '../../workflow/task-data';
import { mayAssign, mayClaim, mayComplete } from '../../workflow/who-may-act';
import { actorOf, type User } from '../auth';
import { conflict, HttpProblem, problemFromRefusal, unprocessable } from '../errors';
import type { ApiBuilder } from '../http';
import { CURSORS, decodeCursor, pageOf, pageQuery } from '../paging';
import { updateCase } from '../updates';
import { taskContext } from '../task-context';
import { findPerson } from '../people';
import { listTasks } from '../inbox';
import { assignableCandidates, loadVisibleTask, reloadTask, SUPERVISING_ROLES, teamTasks } from '../task-reads';
import {
  canSeeCase,
  caseDto,
  caseForRules,
  caseWithDetails,
  readableTask,
  readableTasks,
  taskForRules,
  type TaskRow,
} from '../views';
import { caseSchema, completeTaskBody, taskSchema } from '../schemas';

export function registerTaskRoutes(api: ApiBuilder, db: Db, temporal: Client, policy: Policy): void {
  // "Today" for a task's dates is the local date of the partnership's jurisdiction.
  const calendar = businessCalendarOf(policy);
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
      if (query.view === 'team') return { body: await teamTasks(db, user, query) };
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
      const { t, c } = await loadVisibleTask(db, user, params.taskId);
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
      const { t, c } = await loadVisibleTask(db, user, params.taskId);
      const items = await assignableCandidates(db, t, c);
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
      const { t, c } = await loadVisibleTask(db, user, params.taskId);
      stillOpen(t);
      refused(mayClaim(actorOf(user), taskForRules(t), caseForRules(c)));
      const r = await updateCase(temporal, t, claimTaskUpdate, { arg: { taskId: t.id }, as: user });
      return { body: readableTask(user, await reloadTask(db, r.task.id), c) };
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
      const { t, c } = await loadVisibleTask(db, user, params.taskId);
      stillOpen(t);
      if (t.assignee_id !== user.sub)
        throw problemFromRefusal({ code: 'not_permitted', message: 'Only the person holding a task gives it back' });
      await releaseHeldTask(user, t);
      return { body: readableTask(user, await reloadTask(db, t.id), c) };
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
      const { t, c } = await loadVisibleTask(db, user, params.taskId);
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
      return { body: readableTask(user, await reloadTask(db, t.id), c) };
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
      const { t, c } = await loadVisibleTask(db, user, params.taskId);
      stillOpen(t);
      const refusal = mayComplete(actorOf(user), taskForRules(t), caseForRules(c));
      // A holder who lost the role to complete it: the task goes back to its candidates, then the refusal.
      if (refusal?.code === 'holder_not_candidate') await releaseHeldTask(user, t);
      refused(refusal);
      if (!t.outcomes.includes(body.outcome))
        throw unprocessable('invalid_outcome', `Outcome must be one of: ${t.outcomes.join(', ')}`);
      const problems = taskDataProblems(t.type, body.data, { today: calendar.date(Date.now()) });
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
      const task = await reloadTask(db, t.id);
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
}
