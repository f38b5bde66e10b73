/**
 * The people directory: everyone who has signed in, as their latest token described them
 * (roles, department, program, e-mail). Assigning a task needs it: the assignee must be
 * a known person whose roles and scope make them a candidate, and gets the e-mail. It is
 * bookkeeping of the API, like idempotency keys, not process state. A person must have
 * signed in once before work can be handed to them.
 */
import type { Db } from '../../db';
import type { ActingUser } from '../workflow/records';
import type { User } from './auth';

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
  await db
    .insertInto('people')
    .values(row)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        name: row.name,
        email: row.email,
        roles: row.roles,
        department: row.department,
        program_id: row.program_id,
        college_id: row.college_id,
        seen_at: row.seen_at,
      }),
    )
    .execute();
  if (written.size > 50_000) written.clear();
  written.set(user.sub, { signature, at: Date.now() });
}

/** A known person as the rules see them, or undefined. */
export async function findPerson(db: Db, id: string): Promise<ActingUser | undefined> {
  const p = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) return undefined;
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
