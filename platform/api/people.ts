/**
 * The people table as sign-in sees it (docs/administration.md, "One directory"). It is
 * one table with two kinds of row:
 * - a directory row (`in_directory`), kept by administrators, CSV imports and SCIM
 *   (directory.ts): a sign-in only notes when it happened, never changes its roles;
 * - a sign-in row: everyone else who has signed in, as their latest token described them
 *   (roles, department, program, e-mail), as before the directory existed.
 * Assigning a task needs a known person (findPerson): a directory row that is active, or
 * a sign-in row. A deactivated person is nobody's assignee.
 *
 * `signedInAs` is what the API acts on. With AUTH_ROLES_FROM=token (the default) the
 * token's claims; with AUTH_ROLES_FROM=directory the directory row's roles and scopes. In
 * either mode a deactivated directory person is refused, and with `directory` so is anyone
 * not in it: `access` says which, and the API then answers 403 on everything but GET /me.
 */
import { sql } from 'kysely';
import type { Db } from '../../db';
import { effectiveRoles, principalTokens, userToken } from '../workflow/access';
import type { ActingUser } from '../workflow/records';
import type { Request } from 'express';
import { createAuthenticator, type AuthConfig, type Role, type User } from './auth';

export type RolesFrom = 'token' | 'directory';

/** Sign-ins already written by this process (an optimisation only; the table is the truth). */
const written = new Map<string, { signature: string; at: number }>();
const REWRITE_AFTER_MS = 10 * 60_000;

export async function rememberPerson(db: Db, user: User): Promise<void> {
  if (user.sub === 'anonymous') return;
  const signature = JSON.stringify([
    user.name,
    user.email,
    user.declaredRoles,
    user.department,
    user.programId,
    user.collegeId,
  ]);
  const prior = written.get(user.sub);
  if (prior && prior.signature === signature && Date.now() - prior.at < REWRITE_AFTER_MS) return;
  const row = {
    id: user.sub,
    name: user.name ?? null,
    email: user.email ?? null,
    roles: user.declaredRoles,
    department: user.department ?? null,
    program_id: user.programId ?? null,
    college_id: user.collegeId ?? null,
    seen_at: new Date(),
  };
  // A directory row keeps what its administrators wrote; only the time of the sign-in is noted.
  await db
    .insertInto('people')
    .values(row)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        name: kept<string | null>('name'),
        email: kept<string | null>('email'),
        roles: kept<string[]>('roles'),
        department: kept<string | null>('department'),
        program_id: kept<string | null>('program_id'),
        college_id: kept<string | null>('college_id'),
        seen_at: sql`excluded.seen_at`,
      }),
    )
    .execute();
  if (written.size > 50_000) written.clear();
  written.set(user.sub, { signature, at: Date.now() });
}

/** A column a sign-in writes unless the row is a directory row. */
const kept = <T>(column: string) =>
  sql<T>`CASE WHEN people.in_directory THEN ${sql.ref(`people.${column}`)} ELSE ${sql.ref(`excluded.${column}`)} END`;

/** Why a signed-in person may do nothing beyond GET /me (undefined: they may act). */
export type Access = 'not_in_directory' | 'deactivated';

/**
 * The signed-in person the API acts on, and whether they may act: their token's claims,
 * or (AUTH_ROLES_FROM=directory) their directory row's roles and scopes. One primary-key
 * read per request, never cached, so a deactivation holds on every API instance at once.
 */
export async function signedInAs(
  db: Db,
  fromToken: User,
  rolesFrom: RolesFrom,
): Promise<{ user: User; access?: Access }> {
  const row = await db
    .selectFrom('people')
    .select(['name', 'email', 'roles', 'department', 'program_id', 'college_id', 'in_directory', 'active'])
    .where('id', '=', fromToken.sub)
    .executeTakeFirst();
  const listed = row?.in_directory ? row : undefined;
  if (listed && !listed.active) return { user: nobody(fromToken), access: 'deactivated' };
  if (rolesFrom === 'token') return { user: fromToken };
  if (!listed) return { user: nobody(fromToken), access: 'not_in_directory' };
  const declaredRoles = listed.roles as Role[];
  const principal = {
    sub: fromToken.sub,
    roles: declaredRoles,
    ...(listed.department ? { department: listed.department } : {}),
    ...(listed.program_id ? { programId: listed.program_id } : {}),
    ...(listed.college_id ? { collegeId: listed.college_id } : {}),
  };
  return {
    user: {
      ...principal,
      ...(listed.name ? { name: listed.name } : {}),
      ...(listed.email ? { email: listed.email } : {}),
      roles: effectiveRoles(principal),
      declaredRoles,
      tokens: principalTokens(principal),
    },
  };
}

/**
 * The API's authentication: the token verified, the sign-in remembered, and the person
 * the API acts on resolved against the directory (`refused` set when it refuses them).
 */
export function directoryAuthenticator(db: Db, auth: AuthConfig): (req: Request) => Promise<User | undefined> {
  const authenticate = createAuthenticator(auth);
  return async (req) => {
    const fromToken = await authenticate(req);
    if (!fromToken) return undefined;
    await rememberPerson(db, fromToken);
    const { user, access } = await signedInAs(db, fromToken, auth.rolesFrom ?? 'token');
    if (access) return { ...user, refused: access };
    // Out of office: a substitute acts with the personal token of each colleague they stand in for.
    const standsInFor = await standingInFor(db, user.sub);
    if (!standsInFor.length) return user;
    return { ...user, standsInFor, tokens: [...user.tokens, ...standsInFor.map(userToken)] };
  };
}

/** The person with no role and no scope: what someone the directory refuses holds. */
function nobody(u: User): User {
  return {
    sub: u.sub,
    ...(u.name ? { name: u.name } : {}),
    ...(u.email ? { email: u.email } : {}),
    roles: [],
    declaredRoles: [],
    tokens: principalTokens({ sub: u.sub, roles: [] }),
  };
}

/** A known person as the rules see them, or undefined (unknown, or deactivated). */
export async function findPerson(db: Db, id: string): Promise<ActingUser | undefined> {
  const p = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p || (p.in_directory && !p.active)) return undefined;
  return {
    id: p.id,
    roles: p.roles,
    ...(p.name ? { name: p.name } : {}),
    ...(p.email ? { email: p.email } : {}),
    ...(p.department ? { department: p.department } : {}),
    ...(p.program_id ? { programId: p.program_id } : {}),
    ...(p.college_id ? { collegeId: p.college_id } : {}),
  };
}

/**
 * Whom this person stands in for right now: active absent people whose absence names them,
 * while they still could be named (active, each of the absent person's roles in the same
 * scope): a substitute moved to another department since stops standing in at once.
 */
export async function standingInFor(db: Db, substituteId: string): Promise<string[]> {
  const absent = await db
    .selectFrom('absences as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .selectAll('p')
    .where('a.substitute_id', '=', substituteId)
    .where('a.starts_at', '<=', sql<Date>`now()`)
    .where('a.ends_at', '>', sql<Date>`now()`)
    .where('p.active', '=', true)
    .orderBy('p.id')
    .execute();
  if (!absent.length) return [];
  // Loaded when first needed: the absence rules import the directory's schemas, which need this module first.
  const { substituteProblem } = await import('./absence');
  const substitute = await db.selectFrom('people').selectAll().where('id', '=', substituteId).executeTakeFirst();
  return absent.filter((person) => !substituteProblem(person, substitute)).map((person) => person.id);
}
