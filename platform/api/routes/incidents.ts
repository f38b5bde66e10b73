/**
 * Incidents (docs/api-guide.md): cases whose process cannot move on because a transition could not be
 * written. Admins list them and retry once the cause is fixed; the case's workflow waits,
 * healthy, for that retry (each retry is in the audit log). Youth and match cases are listed by id and
 * type only.
 */
import type { Client } from '@temporalio/client';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../../db';
import { retryIncidentUpdate } from '../../workflow/messages';
import { auditActor, recordAudit } from '../audit';
import { notFound } from '../errors';
import type { ApiBuilder } from '../http';
import { CURSORS, decodeCursor, pageOf, pageQuery } from '../paging';
import { updateCase } from '../updates';

const incidentSchema = z
  .object({ caseId: z.string(), type: z.string(), since: z.string(), reason: z.string(), case: z.string() })
  .openapi('Incident');

export function registerIncidentRoutes(api: ApiBuilder, db: Db, temporal: Client): void {
  api.route({
    method: 'get',
    path: '/incidents',
    tag: 'operations',
    auth: ['admin'],
    summary: 'Cases waiting on an incident, oldest first',
    query: z.object(pageQuery),
    response: z.object({ items: z.array(incidentSchema), nextCursor: z.string().nullable() }),
    handler: async ({ query }) => {
      let qb = db.selectFrom('incidents').selectAll();
      const cursor = decodeCursor(query.cursor, CURSORS.timeAndId);
      if (cursor) qb = qb.where(sql<boolean>`(since, case_id) > (${cursor[0]}::timestamptz, ${cursor[1]})`);
      const rows = await qb
        .orderBy('since')
        .orderBy('case_id')
        .limit(query.limit + 1)
        .execute();
      const dto = (r: (typeof rows)[number]) => ({
        caseId: r.case_id,
        type: r.case_type,
        since: new Date(r.since).toISOString(),
        reason: r.reason,
        case: `/api/v1/cases/${r.case_id}`,
      });
      return { body: pageOf(rows, query.limit, dto, (r) => [new Date(r.since).toISOString(), r.case_id]) };
    },
  });

  api.route({
    method: 'post',
    path: '/incidents/:caseId/retry',
    tag: 'operations',
    auth: ['admin'],
    errors: [404, 409],
    summary: 'Retries the transition a case is waiting on, once its cause is fixed',
    handler: async ({ user, params }) => {
      const incident = await db
        .selectFrom('incidents')
        .selectAll()
        .where('case_id', '=', params.caseId)
        .executeTakeFirst();
      if (!incident) throw notFound('The incident');
      await updateCase(temporal, incident, retryIncidentUpdate, { as: user });
      await recordAudit(db, {
        actor: auditActor(user),
        kind: 'incident_retried',
        target: `case:${incident.case_id}`,
        before: { reason: incident.reason, since: new Date(incident.since).toISOString() },
        after: { status: 'retrying' },
      });
      return {
        status: 202,
        body: { status: 'retrying', caseId: incident.case_id, case: `/api/v1/cases/${incident.case_id}` },
      };
    },
  });
}
