/**
 * The people directory's routes (docs/administration.md): admins list and search people,
 * add one, read and change one. A change that deactivates someone gives their work back
 * (deactivation.ts) once the directory row and its audit event are committed.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Db } from '../../../db';
import { absenceOf, absenceSchema } from '../absence';
import { ROLES } from '../auth';
import { returnWorkOf } from '../deactivation';
import { fieldsOf, savePerson, type PersonFields } from '../directory';
import { loadPersonRow, newPersonBody, personDto, personPatchBody, personSchema } from '../person-view';
import { HttpProblem, notFound } from '../errors';
import type { ApiBuilder } from '../http';
import { CURSORS, decodeCursor, pageOf, pageQuery } from '../paging';
import { issuesAt } from '../../workflow/input';
import { registerImportRoute } from './people-import';

const ADMIN = ['admin'] as const;

export const workReturnedSchema = z
  .object({ released: z.number(), pending: z.number(), refused: z.number(), toReassign: z.number() })
  .openapi('WorkReturned');

/** A search's text as a LIKE pattern matching it anywhere (its own % and _ taken literally). */
const containing = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function registerPeopleRoutes(api: ApiBuilder, db: Db, temporal: Client): void {
  api.route({
    method: 'get',
    path: '/people',
    tag: 'people',
    auth: ADMIN,
    summary: 'People in the directory and people who signed in, by name; `q` searches name, e-mail and id',
    query: z.object({ q: z.string().max(200).optional(), role: z.enum(ROLES).optional(), ...pageQuery }).strict(),
    response: z.object({ items: z.array(personSchema), nextCursor: z.string().nullable() }),
    handler: async ({ query }) => {
      const after = decodeCursor(query.cursor, CURSORS.textAndId);
      const sortName = sql<string>`coalesce(lower(name), '')`;
      let q = db.selectFrom('people').selectAll().select(sortName.as('sort_name'));
      if (query.q?.trim()) {
        const like = containing(query.q.trim());
        q = q.where((eb) =>
          eb.or([
            eb(sql`lower(name)`, 'like', like),
            eb(sql`lower(email)`, 'like', like),
            eb(sql`lower(id)`, 'like', like),
          ]),
        );
      }
      if (query.role) q = q.where(sql<boolean>`roles @> ARRAY[${query.role}]::text[]`);
      if (after) q = q.where(sql<boolean>`(${sortName}, id) > (${after[0]}, ${after[1]})`);
      const rows = await q
        .orderBy(sortName)
        .orderBy('id')
        .limit(query.limit + 1)
        .execute();
      return { body: pageOf(rows, query.limit, personDto, (r) => [r.sort_name, r.id]) };
    },
  });

  api.route({
    method: 'post',
    path: '/people',
    tag: 'people',
    auth: ADMIN,
    idempotent: true,
    status: 201,
    errors: [409],
    summary: 'Adds a person to the directory (their id is the one they sign in with: the token subject)',
    body: newPersonBody,
    response: personSchema,
    handler: async ({ user, body }) => {
      const { id, ...f } = body;
      const saved = await db
        .transaction()
        .execute((tx) => savePerson(tx, id, f, { actor: actorOf(user), expectNew: true }));
      return { status: 201, body: personDto(saved.row) };
    },
  });

  api.route({
    method: 'get',
    path: '/people/:personId',
    tag: 'people',
    auth: ADMIN,
    summary: 'One person, with their absence when one is set (routes/absence.ts)',
    response: personSchema.extend({ absence: absenceSchema.optional() }),
    handler: async ({ params }) => {
      const row = await loadPersonRow(db, params.personId);
      if (!row) throw notFound('The person');
      const absence = await absenceOf(db, row.id);
      return { body: { ...personDto(row), ...(absence ? { absence } : {}) } };
    },
  });

  api.route({
    method: 'patch',
    path: '/people/:personId',
    tag: 'people',
    auth: ADMIN,
    summary: 'Changes a person (a sign-in-only person joins the directory); active=false releases the tasks they hold',
    body: personPatchBody,
    response: personSchema.extend({ workReturned: workReturnedSchema.optional() }),
    handler: async ({ user, params, body }) => {
      const { reason, ...patch } = body;
      const saved = await db.transaction().execute(async (tx) => {
        const row = await loadPersonRow(tx, params.personId);
        if (!row) throw notFound('The person');
        const merged = { ...fieldsOf(row), ...dropUndefined(patch) };
        const whole = newPersonBody.omit({ id: true }).safeParse(merged);
        if (!whole.success)
          throw new HttpProblem(
            400,
            'Bad Request',
            'The person would not be valid',
            'validation_failed',
            issuesAt(whole.error, 'body'),
          );
        return savePerson(tx, row.id, whole.data as PersonFields, { actor: actorOf(user), reason });
      });
      const workReturned = saved.deactivated ? await returnWorkOf(db, temporal, saved.row.id, user) : undefined;
      return { body: { ...personDto(saved.row), ...(workReturned ? { workReturned } : {}) } };
    },
  });

  registerImportRoute(api, db, temporal);
}

export const actorOf = (u: { sub: string; name?: string }) => ({ id: u.sub, ...(u.name ? { name: u.name } : {}) });

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
