/**
 * Facts a task's rule needs that only the read model has, read by the API and handed to
 * the workflow's validator with the completion (`context`; never from the client): the
 * caller a coordinator assigns to wellness check-ins — approved or not, which languages.
 * The workflow decides on them, so the rule holds whatever route or script asks.
 * Registered by this process's routes (api/index.ts) with platform/api/task-context.ts.
 */
import type { Db } from '../../../db';
import { readDetails } from '../../../platform/api/details';
import { screeningDetails } from '../../foster/details';
import type { CallerFacts } from '../types';

/** The caller named by an `assign_caller` completion (registered with the API's task context). */
export async function callerContext(
  db: Db,
  type: string,
  data: Record<string, unknown> | undefined,
): Promise<Record<string, unknown> | undefined> {
  if (type !== 'assign_caller' || typeof data?.callerCaseId !== 'string') return undefined;
  const c = await db
    .selectFrom('cases')
    .select(['id', 'type', 'stage', 'status', 'details'])
    .where('id', '=', data.callerCaseId)
    .where('type', '=', 'caller_screening')
    .executeTakeFirst();
  if (!c) return { caller: undefined };
  const a = readDetails(screeningDetails, c).applicant;
  const caller: CallerFacts = {
    caseId: c.id,
    ...(a.id ? { userId: a.id } : {}),
    name: a.name,
    email: a.email,
    languages: a.languages,
    stage: c.stage,
  };
  return { caller };
}
