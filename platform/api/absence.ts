/**
 * Out of office (docs/administration.md, "Absence"): a person is away from one instant to
 * another and a colleague holding the same roles in the same scopes stands in for them.
 * While it runs, the substitute acts with the absent person's personal token too (their
 * inbox shows tasks named for the absent person, and the workflows' validators admit them
 * "on behalf of" that person: who-may-act.ts), and e-mails to the absent person's address
 * reach the substitute as well (platform/outbox/substitutes.ts). Setting and ending an
 * absence is written with its audit event in one transaction.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db';
import { identifier } from '../workflow/input';
import { recordAudit, type AuditActor } from './audit';
import { loadPersonRow, personDto, type PersonRow } from './person-view';
import { notFound, unprocessable } from './errors';

export const absenceBody = z
  .object({
    from: z.string().datetime({ offset: true }).describe('When the absence starts (an ISO 8601 instant)'),
    to: z.string().datetime({ offset: true }).describe('When it ends (after `from`, and in the future)'),
    substituteId: identifier.describe('Who stands in: active, holding every role of the person in the same scope'),
    reason: z.string().max(500).optional(),
  })
  .strict()
  .refine((b) => Date.parse(b.to) > Date.parse(b.from), { message: 'to comes after from', path: ['to'] })
  .refine((b) => Date.parse(b.to) > Date.now(), { message: 'an absence that is over already', path: ['to'] })
  .openapi('AbsenceInput');

export const absenceSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    substituteId: z.string(),
    substituteName: z.string().optional(),
    /** Whether it runs now (false: it starts later). */
    current: z.boolean(),
    setBy: z.string(),
  })
  .openapi('Absence');
export type AbsenceDto = z.infer<typeof absenceSchema>;

type AbsenceRow = {
  starts_at: Date;
  ends_at: Date;
  substitute_id: string;
  set_by: string;
  substitute_name: string | null;
};

function absenceDto(r: AbsenceRow, now = Date.now()): AbsenceDto {
  return {
    from: r.starts_at.toISOString(),
    to: r.ends_at.toISOString(),
    substituteId: r.substitute_id,
    ...(r.substitute_name ? { substituteName: r.substitute_name } : {}),
    current: r.starts_at.getTime() <= now && now < r.ends_at.getTime(),
    setBy: r.set_by,
  };
}

/** A person's absence that has not ended yet (a past one is as good as none). */
export async function absenceOf(db: Db, personId: string): Promise<AbsenceDto | undefined> {
  const r = await db
    .selectFrom('absences as a')
    .innerJoin('people as s', 's.id', 'a.substitute_id')
    .select(['a.starts_at', 'a.ends_at', 'a.substitute_id', 'a.set_by', 's.name as substitute_name'])
    .where('a.person_id', '=', personId)
    .where('a.ends_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return r ? absenceDto(r) : undefined;
}

/** A role with its scope, as compared between a person and their substitute (county limits nothing). */
const roleInScope = (g: { role: string; department?: string; programId?: string; collegeId?: string }) =>
  JSON.stringify([g.role, g.department ?? null, g.programId ?? null, g.collegeId ?? null]);

/**
 * Why this person may not stand in for that one (undefined: they may): nobody substitutes
 * for themselves; a substitute is an active person holding each of the absent person's roles
 * in the same scope (an HR officer of CDT for an HR officer of CDT, not one of DMV).
 */
export function substituteProblem(
  person: NonNullable<PersonRow>,
  substitute: NonNullable<PersonRow> | undefined,
): string | undefined {
  if (!substitute) return 'No such person';
  if (substitute.id === person.id) return 'Nobody stands in for themselves';
  if (!substitute.active) return 'The substitute is deactivated';
  // Someone without a role gets no tasks to pass on: a substitute would only receive their e-mail.
  if (!personDto(person).roles.length) return 'Only someone holding a role has tasks a substitute can take';
  const theirs = new Set(personDto(substitute).roles.map(roleInScope));
  const missing = personDto(person).roles.filter((g) => !theirs.has(roleInScope(g)));
  if (missing.length) {
    const m = missing[0];
    const scope = m.department ?? m.programId ?? m.collegeId;
    return `The substitute does not hold the role ${m.role}${scope ? ` of ${scope}` : ''}`;
  }
  return undefined;
}

/**
 * Who may stand in for the person: active people holding each of their roles in the same
 * scope (what `substituteProblem` admits), by name, at most `limit`. The out-of-office page
 * offers them; the API still judges whoever is named.
 */
export async function substitutesFor(
  db: Db,
  person: NonNullable<PersonRow>,
  limit = 200,
): Promise<{ id: string; name?: string; email?: string }[]> {
  const roles = personDto(person).roles.map((g) => g.role);
  if (!roles.length) return [];
  const rows = await db
    .selectFrom('people')
    .selectAll()
    .where('active', '=', true)
    .where('id', '!=', person.id)
    .where(sql<boolean>`roles @> ${sql.val(roles)}::text[]`)
    .orderBy('name')
    .orderBy('id')
    .limit(limit * 5)
    .execute();
  return rows
    .filter((r) => !substituteProblem(person, r))
    .slice(0, limit)
    .map((r) => ({ id: r.id, ...(r.name ? { name: r.name } : {}), ...(r.email ? { email: r.email } : {}) }));
}

/** Sets (or replaces) a person's absence, with its audit event; 422 `invalid_substitute` changes nothing. */
export async function setAbsence(
  db: Db,
  personId: string,
  body: z.infer<typeof absenceBody>,
  actor: AuditActor,
): Promise<AbsenceDto> {
  return db.transaction().execute(async (tx) => {
    const person = await tx.selectFrom('people').selectAll().where('id', '=', personId).forUpdate().executeTakeFirst();
    if (!person) throw notFound('The person');
    const substitute = await loadPersonRow(tx, body.substituteId);
    const problem = substituteProblem(person, substitute);
    if (problem) throw unprocessable('invalid_substitute', problem);
    const before = await absenceOf(db, personId);
    const values = {
      starts_at: new Date(body.from),
      ends_at: new Date(body.to),
      substitute_id: body.substituteId,
      set_by: actor.id,
    };
    await tx
      .insertInto('absences')
      .values({ person_id: personId, ...values })
      .onConflict((oc) => oc.column('person_id').doUpdateSet({ ...values, created_at: new Date() }))
      .execute();
    const after = absenceDto({ ...values, substitute_name: substitute!.name });
    await recordAudit(tx, {
      actor,
      kind: 'absence_set',
      target: `person:${personId}`,
      before: before ?? null,
      after,
      reason: body.reason,
    });
    return after;
  });
}

/** Ends a person's absence now (404 when there is none running or planned). */
export async function endAbsence(db: Db, personId: string, actor: AuditActor): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const before = await absenceOf(db, personId);
    const gone = await tx.deleteFrom('absences').where('person_id', '=', personId).executeTakeFirst();
    if (!before || gone.numDeletedRows === 0n) throw notFound('The absence');
    await recordAudit(tx, { actor, kind: 'absence_ended', target: `person:${personId}`, before, after: null });
  });
}
