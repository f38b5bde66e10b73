/** The program registry and public directory (docs/api-guide.md). */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { z } from 'zod';
import type { Db } from '../../../db';
import type { PolicySource } from '../../../lib/policy-versions';
import { programRecordWorkflow, programWorkflowId, setProgramLevelUpdate } from '../workflow';
import { actorOf, hasRole } from '../../../platform/api/auth';
import { auditActor, recordAudit } from '../../../platform/api/audit';
import { notFound } from '../../../platform/api/errors';
import type { ApiBuilder } from '../../../platform/api/http';
import { CURSORS, decodeCursor, pageOf, pageQuery } from '../../../platform/api/paging';
import { updateCase } from '../../../platform/api/updates';
import { startAndAwaitRecorded } from '../../../platform/api/start-case';
import { sql } from 'kysely';
import { timelineOf } from '../../../platform/api/routes/cases';
import { calendarDate } from '../../../platform/api/schemas';
import { email, line } from '../../../platform/workflow/input';
import { programDto, programLevel, programSchema } from './program-view';
import {
  directoryFilters,
  filtered,
  moveOpenReferrals,
  registerReferralSettingsRoute,
  withSettings,
} from '../../referral/api/settings';

export function registerProgramRoutes(
  api: ApiBuilder,
  db: Db,
  temporal: Client,
  policies: PolicySource,
  taskQueue: string,
): void {
  api.route({
    method: 'post',
    path: '/programs',
    tag: 'programs',
    auth: ['program_staff', 'admin'],
    summary: 'Registers a mentoring program',
    status: 201,
    idempotent: true,
    body: z
      .object({
        name: line(300),
        organization: line(300),
        contactEmail: email,
        county: line(100),
        startedOn: calendarDate,
        minimumMatchMonths: z.number().int().min(1).max(120),
      })
      .strict(),
    response: programSchema,
    handler: async ({ user, body, newId }) => {
      const id = newId();
      // A retried request (same Idempotency-Key) finds the program it already started.
      await startAndAwaitRecorded(temporal, {
        workflow: programRecordWorkflow,
        workflowId: programWorkflowId(id),
        taskQueue,
        caseId: id,
        args: [
          {
            program: {
              id,
              ...body,
              level: 'none',
              certifiedUntil: null,
              createdBy: user.sub,
              createdAt: new Date().toISOString(),
            },
            policy: await policies.current(),
            createdBy: actorOf(user),
          },
        ],
      }).catch((err) => {
        // A retry whose program record has since ended: the program it registered is answered.
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      });
      const row = await db.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return { body: programDto(row, true) };
    },
  });

  api.route({
    method: 'get',
    path: '/programs',
    tag: 'programs',
    auth: 'public',
    summary: 'The public program directory with current levels',
    query: z.object({ level: programLevel.optional(), ...directoryFilters, ...pageQuery }),
    response: z.object({ items: z.array(programSchema), nextCursor: z.string().nullable() }),
    handler: async ({ query }) => {
      let qb = withSettings(db);
      if (query.level) qb = qb.where('level', '=', query.level);
      qb = filtered(qb, query);
      const cursor = decodeCursor(query.cursor, CURSORS.textAndId);
      if (cursor) qb = qb.where(sql<boolean>`(name, id) > (${cursor[0]}, ${cursor[1]})`);
      const rows = await qb
        .orderBy('name')
        .orderBy('id')
        .limit(query.limit + 1)
        .execute();
      return {
        body: pageOf(
          rows,
          query.limit,
          (p) => programDto(p, false),
          (p) => [p.name, p.id],
        ),
      };
    },
  });

  api.route({
    method: 'get',
    path: '/programs/:programId',
    tag: 'programs',
    auth: 'public',
    errors: [404],
    summary: 'One program of the directory',
    response: programSchema,
    handler: async ({ params, user }) => {
      const p = await withSettings(db).where('id', '=', params.programId).executeTakeFirst();
      if (!p) throw notFound('The program');
      const full =
        hasRole(user, 'admin', 'quality_reviewer', 'review_lead') ||
        (hasRole(user, 'program_staff') && user.programId === p.id);
      return { body: programDto(p, full) };
    },
  });

  api.route({
    method: 'get',
    path: '/programs/:programId/timeline',
    tag: 'programs',
    auth: ['admin', 'quality_reviewer', 'review_lead', 'program_staff'],
    errors: [404],
    summary: "A program's level history",
    handler: async ({ params, user }) => {
      const p = await db.selectFrom('programs').select('id').where('id', '=', params.programId).executeTakeFirst();
      if (!p || (!hasRole(user, 'admin', 'quality_reviewer', 'review_lead') && user.programId !== p.id))
        throw notFound('The program');
      return { body: { items: await timelineOf(db, p.id) } };
    },
  });

  api.route({
    method: 'put',
    path: '/programs/:programId/level',
    tag: 'programs',
    auth: ['admin'],
    errors: [404, 422],
    summary: 'Records a level granted outside this system (import of existing certifications)',
    body: z.object({ level: programLevel, certifiedUntil: calendarDate.optional(), note: line(2000) }).strict(),
    response: programSchema,
    handler: async ({ user, params, body }) => {
      const p = await db
        .selectFrom('programs')
        .select(['id', 'level', 'certified_until'])
        .where('id', '=', params.programId)
        .executeTakeFirst();
      if (!p) throw notFound('The program');
      const arg = { level: body.level, certifiedUntil: body.certifiedUntil ?? null, note: body.note };
      await updateCase(temporal, { id: p.id, workflow_id: programWorkflowId(p.id) }, setProgramLevelUpdate, {
        arg,
        as: user,
      });
      await recordAudit(db, {
        actor: auditActor(user),
        kind: 'program_level_set',
        target: `program:${p.id}`,
        before: { level: p.level, certifiedUntil: p.certified_until },
        after: { level: arg.level, certifiedUntil: arg.certifiedUntil },
        reason: body.note,
      });
      // Below Affiliate: no more referrals, and its open ones move to the next program at once.
      if (body.level === 'none')
        await moveOpenReferrals(db, temporal, p.id, 'the program is no longer a member at Affiliate level or above');
      const row = await withSettings(db).where('id', '=', p.id).executeTakeFirstOrThrow();
      return { body: programDto(row, true) };
    },
  });

  registerReferralSettingsRoute(api, db);
}
