/**
 * The people directory the partnership runs itself (docs/administration.md): who works
 * here, in which roles and scopes, in which language, under which supervisor, and whether
 * they are active. Administrators, CSV imports and the identity provider (SCIM) all write
 * through `savePerson`, which checks the roles, writes the row and its audit event in one
 * transaction, so every change is recorded and none is half-made.
 *
 * One table holds it: `people`. A row kept here is `in_directory`; its `grants` (roles
 * with scopes) are the truth and the flat columns the rules read (roles, department,
 * program_id, college_id) are written from them. A row a sign-in alone wrote is
 * bookkeeping (platform/api/people.ts) and becomes a directory row when an administrator
 * saves it.
 */
import type { Transaction } from 'kysely';
import type { Database, DirectoryGrant } from '../../db';
import { scopeClaimOf } from '../workflow/access';
import { recordAudit, type AuditActor } from './audit';
import { HttpProblem, type ProblemEntry } from './errors';
import { canonicalJson } from './idempotency';
import { personDto, type PersonRow } from './person-view';

/**
 * What the rules read of a person's grants: their roles and the one department, program
 * and college they act in. A person's scoped roles share one scope of each kind (the rules
 * know one department per person); a scoped role without its scope is refused.
 */
export function projectGrants(grants: DirectoryGrant[]): {
  problems: ProblemEntry[];
  roles: string[];
  department: string | null;
  program_id: string | null;
  college_id: string | null;
} {
  const problems: ProblemEntry[] = [];
  const scope: Record<'department' | 'programId' | 'collegeId', string | undefined> = {
    department: undefined,
    programId: undefined,
    collegeId: undefined,
  };
  const seen = new Set<string>();
  grants.forEach((g, i) => {
    if (seen.has(g.role)) problems.push({ path: `roles.${i}.role`, message: `${g.role} is listed twice` });
    seen.add(g.role);
    const claim = scopeClaimOf(g.role);
    if (claim && !g[claim]) problems.push({ path: `roles.${i}.${claim}`, message: `${g.role} acts within a ${claim}` });
    for (const k of ['department', 'programId', 'collegeId'] as const) {
      const v = g[k];
      if (!v) continue;
      if (scope[k] !== undefined && scope[k] !== v)
        problems.push({ path: `roles.${i}.${k}`, message: `one ${k} per person: ${scope[k]} already, not ${v}` });
      scope[k] ??= v;
    }
  });
  return {
    problems,
    roles: [...seen],
    department: scope.department ?? null,
    program_id: scope.programId ?? null,
    college_id: scope.collegeId ?? null,
  };
}

export interface PersonFields {
  name: string;
  email: string;
  language: 'en' | 'es';
  roles: DirectoryGrant[];
  supervisorId?: string | null;
  active: boolean;
  userName?: string | null;
  externalId?: string | null;
}

/** What an audit event shows of a person (no token, no bookkeeping). */
function audited(row: NonNullable<PersonRow> | undefined): Record<string, unknown> | null {
  if (!row) return null;
  const dto = personDto(row);
  return {
    name: dto.name ?? null,
    email: dto.email ?? null,
    language: dto.language,
    roles: dto.roles,
    supervisorId: dto.supervisorId ?? null,
    active: dto.active,
    ...(row.user_name ? { userName: row.user_name } : {}),
  };
}

/** The audited view of the fields about to be written. */
function wanted(f: PersonFields): Record<string, unknown> {
  return {
    name: f.name,
    email: f.email,
    language: f.language,
    roles: f.roles,
    supervisorId: f.supervisorId ?? null,
    active: f.active,
    ...(f.userName ? { userName: f.userName } : {}),
  };
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

export interface Saved {
  row: NonNullable<PersonRow>;
  created: boolean;
  /** Nothing differed from what the directory held: nothing written, nothing audited. */
  unchanged?: boolean;
  /** The person was active before and is not now: their work goes back (deactivation.ts). */
  deactivated: boolean;
}

/**
 * Writes a person whole into the directory (creating them, or making a sign-in-only row a
 * directory one), with its audit event, in the caller's transaction. 400 with an entry per
 * problem when the roles or supervisor do not hold; 409 when `expectNew` and the id is taken.
 */
export async function savePerson(
  tx: Transaction<Database>,
  id: string,
  f: PersonFields,
  by: {
    actor: AuditActor;
    reason?: string;
    expectNew?: boolean;
    /** Where the body's problems are (`body`, an import's `row`). */
    path?: string;
    /** Ids a supervisor may name though not yet written (the rest of an import). */
    alsoKnown?: ReadonlySet<string>;
    /** The identity provider deletes the person (SCIM DELETE); any other write undoes a deletion. */
    scimDelete?: boolean;
  },
): Promise<Saved> {
  const before = await tx.selectFrom('people').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  const wasDeleted = !!before?.scim_deleted_at;
  if (by.expectNew && before?.in_directory && !wasDeleted)
    throw new HttpProblem(409, 'Conflict', `A person with the id ${id} is already in the directory`, 'person_exists');
  const projected = projectGrants(f.roles);
  const problems = projected.problems.map((p) => ({ ...p, path: `${by.path ?? 'body'}.${p.path}` }));
  if (f.supervisorId === id)
    problems.push({ path: `${by.path ?? 'body'}.supervisorId`, message: 'a person does not supervise themselves' });
  if (f.supervisorId && f.supervisorId !== before?.supervisor_id && !by.alsoKnown?.has(f.supervisorId)) {
    const sup = await tx.selectFrom('people').select('id').where('id', '=', f.supervisorId).executeTakeFirst();
    if (!sup) problems.push({ path: `${by.path ?? 'body'}.supervisorId`, message: 'no such person' });
  }
  if (problems.length)
    throw new HttpProblem(400, 'Bad Request', 'The person is not valid', 'validation_failed', problems);
  if (
    before?.in_directory &&
    wasDeleted === !!by.scimDelete &&
    same(audited(before), { ...audited(before), ...wanted(f) })
  )
    return { row: before, created: false, deactivated: false, unchanged: true };
  const now = new Date();
  const values = {
    name: f.name,
    email: f.email,
    language: f.language,
    grants: JSON.stringify(f.roles),
    roles: projected.roles,
    department: projected.department,
    program_id: projected.program_id,
    college_id: projected.college_id,
    supervisor_id: f.supervisorId ?? null,
    active: f.active,
    in_directory: true,
    scim_deleted_at: by.scimDelete ? now : null,
    updated_at: now,
    ...(f.userName !== undefined ? { user_name: f.userName } : {}),
    ...(f.externalId !== undefined ? { external_id: f.externalId } : {}),
  };
  const row = before
    ? await tx
        .updateTable('people')
        .set({ ...values, version: before.version + 1 })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow()
    : await tx
        .insertInto('people')
        .values({ id, ...values, seen_at: null, created_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
  const created = !before?.in_directory;
  // A sign-in-only row saved inactive held work too: it goes back all the same.
  const deactivated = !!before?.active && !row.active;
  const kind = created
    ? 'person_created'
    : by.scimDelete
      ? 'person_deleted'
      : deactivated
        ? 'person_deactivated'
        : !before.active && row.active
          ? 'person_reactivated'
          : 'person_updated';
  await recordAudit(tx, {
    actor: by.actor,
    kind,
    target: `person:${id}`,
    before: before?.in_directory ? audited(before) : null,
    after: audited(row),
    reason: by.reason,
  });
  return { row, created, deactivated };
}

/** The fields of a directory row as a whole write starts from them (a PATCH's base). */
export function fieldsOf(row: NonNullable<PersonRow>): PersonFields {
  const dto = personDto(row);
  return {
    name: dto.name ?? row.id,
    email: dto.email ?? '',
    language: dto.language,
    roles: dto.roles,
    supervisorId: row.supervisor_id,
    active: row.active,
  };
}
