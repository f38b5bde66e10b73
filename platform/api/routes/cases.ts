/** Cases and their timelines: shared by every process (docs/api-guide.md, "Cases and tasks"); tasks are in tasks.ts. */
import { z, type ZodTypeAny } from 'zod';
import type { Db } from '../../../db';
import { identifier, line } from '../../workflow/input';
import { CASE_TYPES, type CaseType } from '../../workflow/records';
import { forbidden, notFound } from '../errors';
import { caseSearchQuery } from '../case-search';
import type { ApiBuilder } from '../http';
import { CURSORS, decodeCursor, pageOf, pageQuery } from '../paging';
import { caseWithDetails, listedCase, loadVisibleCase, openTasksOf, readViewOf } from '../views';
import { SUPERVISING_ROLES } from '../task-reads';
import { projectEvent } from '../read-views';
import { caseSchema, registerTaskDataSchemas } from '../schemas';

export function registerCaseRoutes(api: ApiBuilder, db: Db): void {
  registerTaskDataSchemas(api.registry);
  api.route({
    method: 'get',
    path: '/cases',
    tag: 'cases',
    auth: 'any',
    summary: 'Cases the caller may see, most recently changed first',
    errors: [403],
    query: z.object({
      type: z.enum(CASE_TYPES).optional(),
      status: z.enum(['open', 'closed']).optional(),
      stage: line(100).optional(),
      q: line(200)
        .optional()
        .describe('Words that begin words of the subject, in any order and case (a name typed in part)'),
      assigneeId: z
        .union([z.literal('me'), identifier])
        .optional()
        .describe(
          '`me` (or their own id): "my cases", where the caller holds or is the named candidate of an open task, ' +
            "or works the case as its owner of record (a foster case's case worker); another person's id needs " +
            'a supervising role',
        ),
      overdue: z.enum(['true', 'false']).optional().describe('`true`: an open task is past due; `false`: none is'),
      ...pageQuery,
    }),
    response: z.object({ items: z.array(caseSchema), nextCursor: z.string().nullable() }),
    handler: async ({ user, query }) => {
      const assigneeId = query.assigneeId === 'me' ? user.sub : query.assigneeId;
      const supervising = user.roles.some((r) => (SUPERVISING_ROLES as readonly string[]).includes(r));
      if (assigneeId && assigneeId !== user.sub && !supervising)
        throw forbidden('Only a supervising role lists the cases of another person');
      const after = decodeCursor(query.cursor, CURSORS.timeAndId) as [string, string] | undefined;
      const search = caseSearchQuery(db, user, { ...query, assigneeId, after });
      if (!search) return { body: { items: [], nextCursor: null } };
      const rows = await search.execute();
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
