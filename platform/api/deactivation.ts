/**
 * A person deactivated in the directory (PATCH active=false, SCIM, a CSV import) holds no
 * work any more: each open task they hold goes back to its candidates through its case's
 * workflow (the release Update, with the admin as actor and the holder named, so the
 * case's timeline says why), never by writing the read model. Tasks whose only candidate
 * is the person themselves (a named supervisor's approval) have no one to go back to:
 * they are counted so an admin hands them over (the Reassign page, POST /tasks/:id/assign).
 */
import type { Client } from '@temporalio/client';
import { sql } from 'kysely';
import type { Db } from '../../db';
import { userToken } from '../workflow/access';
import { releaseTaskUpdate } from '../workflow/messages';
import type { User } from './auth';
import { problemFromTemporal } from './errors';
import { StillWorking, updateCase } from './updates';

export interface WorkReturned {
  /** Tasks they held, now back with their candidates. */
  released: number;
  /** Releases still under way after the 10-second wait (the cases finish them). */
  pending: number;
  /** Releases a case refused (the task was finished or moved meanwhile). */
  refused: number;
  /** Open tasks naming only this person, which an admin hands to someone else. */
  toReassign: number;
}

export async function returnWorkOf(db: Db, temporal: Client, personId: string, by: User): Promise<WorkReturned> {
  const held = await db
    .selectFrom('tasks')
    .select(['id', 'case_id', 'workflow_id'])
    .where('status', '=', 'open')
    .where('assignee_id', '=', personId)
    .orderBy('id')
    .execute();
  const out: WorkReturned = { released: 0, pending: 0, refused: 0, toReassign: 0 };
  for (const t of held) {
    try {
      await updateCase(temporal, t, releaseTaskUpdate, { arg: { taskId: t.id, heldBy: personId }, as: by });
      out.released++;
    } catch (err) {
      if (err instanceof StillWorking) out.pending++;
      else if (problemFromTemporal(err)) out.refused++;
      else throw err;
    }
  }
  const named = await db
    .selectFrom('tasks')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('status', '=', 'open')
    .where(sql<boolean>`candidates = ARRAY[${userToken(personId)}]::text[]`)
    .executeTakeFirstOrThrow();
  out.toReassign = named.n;
  return out;
}

/** The identity provider as the actor of a deactivation over SCIM: it acts as an admin. */
export const SCIM_USER: User = {
  sub: 'scim',
  name: 'Identity provider (SCIM)',
  roles: ['admin'],
  declaredRoles: ['admin'],
  tokens: [],
};
