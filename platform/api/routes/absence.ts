/**
 * Out of office routes (docs/administration.md, "Absence"): a person, or an admin for them,
 * sets an absence with a substitute, ends it, and hands the open tasks they hold to a
 * colleague in one step. The handover goes through each case's workflow (the assign Update,
 * with the caller as actor), never by writing the read model, and answers what each case said.
 */
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Db } from '../../../db';
import { assignTaskUpdate } from '../../workflow/messages';
import {
  absenceBody,
  absenceOf,
  absenceSchema,
  endAbsence,
  setAbsence,
  substituteProblem,
  substitutesFor,
} from '../absence';
import { recordAudit } from '../audit';
import { hasRole, type User } from '../auth';
import { loadPersonRow } from '../person-view';
import { HttpProblem, notFound, problemFromTemporal, unprocessable } from '../errors';
import type { ApiBuilder } from '../http';
import { findPerson } from '../people';
import { StillWorking, updateCase } from '../updates';
import { identifier } from '../../workflow/input';
import { actorOf } from './people';

const handoverItem = z
  .object({
    taskId: z.string(),
    caseId: z.string(),
    title: z.string().optional().describe("The task's title"),
    result: z.enum(['moved', 'pending', 'refused']),
    code: z.string().optional().describe('Why the case refused it'),
  })
  .openapi('HandoverItem');

export const handoverSchema = z
  .object({ moved: z.number(), pending: z.number(), refused: z.number(), items: z.array(handoverItem) })
  .openapi('Handover');

/** The person themselves, or an admin: anyone else is refused (403). */
function mayManage(user: User, personId: string): void {
  if (user.sub !== personId && !hasRole(user, 'admin'))
    throw new HttpProblem(403, 'Forbidden', 'Only the person themselves or an admin may do this');
}

const outOfOfficeSchema = z
  .object({
    person: z.object({ id: z.string(), name: z.string().optional() }),
    // The absence set now or planned; absent when none.
    absence: absenceSchema.optional(),
    substitutes: z
      .array(z.object({ id: z.string(), name: z.string().optional(), email: z.string().optional() }))
      .describe("Who may stand in: active people holding each of the person's roles in the same scope"),
    heldTasks: z.number().int().describe('Open tasks the person holds (claimed or assigned), which a handover moves'),
  })
  .openapi('OutOfOffice');

export function registerAbsenceRoutes(api: ApiBuilder, db: Db, temporal: Client): void {
  api.route({
    method: 'get',
    path: '/people/:personId/absence',
    tag: 'people',
    auth: 'any',
    errors: [403, 404],
    summary: "The person's absence, who may stand in for them, and how many tasks they hold (the person or an admin)",
    response: outOfOfficeSchema,
    handler: async ({ user, params }) => {
      mayManage(user, params.personId);
      const person = await loadPersonRow(db, params.personId);
      if (!person) throw notFound('The person');
      const held = await db
        .selectFrom('tasks')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('status', '=', 'open')
        .where('assignee_id', '=', person.id)
        .executeTakeFirstOrThrow();
      const absence = await absenceOf(db, person.id);
      return {
        body: {
          person: { id: person.id, ...(person.name ? { name: person.name } : {}) },
          ...(absence ? { absence } : {}),
          substitutes: await substitutesFor(db, person),
          heldTasks: Number(held.n),
        },
      };
    },
  });

  api.route({
    method: 'put',
    path: '/people/:personId/absence',
    tag: 'people',
    auth: 'any',
    errors: [403, 404, 422],
    summary: "Sets the person's absence and substitute (the person or an admin); replaces any earlier one",
    body: absenceBody,
    response: absenceSchema,
    handler: async ({ user, params, body }) => {
      mayManage(user, params.personId);
      return { body: await setAbsence(db, params.personId, body, actorOf(user)) };
    },
  });

  api.route({
    method: 'delete',
    path: '/people/:personId/absence',
    tag: 'people',
    auth: 'any',
    status: 204,
    errors: [403, 404],
    summary: "Ends the person's absence now (the person or an admin)",
    handler: async ({ user, params }) => {
      mayManage(user, params.personId);
      await endAbsence(db, params.personId, actorOf(user));
      return { status: 204, body: undefined };
    },
  });

  api.route({
    method: 'post',
    path: '/people/:personId/handover',
    tag: 'people',
    auth: 'any',
    errors: [403, 404, 422],
    summary: 'Hands every open task the person holds to a colleague (the person or an admin), case by case',
    body: z.object({ toId: identifier }).strict(),
    response: handoverSchema,
    handler: async ({ user, params, body }) => {
      mayManage(user, params.personId);
      const person = await loadPersonRow(db, params.personId);
      if (!person) throw notFound('The person');
      const problem = substituteProblem(person, await loadPersonRow(db, body.toId));
      const to = await findPerson(db, body.toId);
      if (problem || !to) throw unprocessable('invalid_substitute', problem ?? 'The colleague may not be handed work');
      const held = await db
        .selectFrom('tasks')
        .select(['id', 'case_id', 'workflow_id', 'title'])
        .where('status', '=', 'open')
        .where('assignee_id', '=', person.id)
        .orderBy('id')
        .execute();
      const out: z.infer<typeof handoverSchema> = { moved: 0, pending: 0, refused: 0, items: [] };
      for (const t of held) {
        const item = { taskId: t.id, caseId: t.case_id, title: t.title };
        try {
          await updateCase(temporal, t, assignTaskUpdate, {
            arg: { taskId: t.id, assigneeId: to.id, assignee: to },
            as: user,
          });
          out.moved++;
          out.items.push({ ...item, result: 'moved' });
        } catch (err) {
          if (err instanceof StillWorking) {
            out.pending++;
            out.items.push({ ...item, result: 'pending' });
            continue;
          }
          const refusal = problemFromTemporal(err);
          if (!refusal) throw err;
          out.refused++;
          out.items.push({ ...item, result: 'refused', ...(refusal.code ? { code: refusal.code } : {}) });
        }
      }
      await recordAudit(db, {
        actor: actorOf(user),
        kind: 'tasks_handed_over',
        target: `person:${person.id}`,
        before: null,
        after: { toId: to.id, moved: out.moved, pending: out.pending, refused: out.refused },
      });
      return { body: out };
    },
  });
}
