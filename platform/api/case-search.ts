/**
 * The case search behind GET /cases and the web app's Cases page: the cases a caller may see,
 * narrowed by words of the subject, process, status, stage, the person working them ("my
 * cases") and lateness, most recently changed first, a page at a time. Built from typed
 * columns only (tasks.assignee_id, tasks.candidates, cases.owner_id), each filter a subquery
 * an index answers (docs/performance.md, "Case search"); the bench prints their plans.
 */
import { sql } from 'kysely';
import type { Db } from '../../db';
import { userToken } from '../workflow/access';
import { PROCESSES } from '../workflow/registry';
import type { CaseTypeDescriptor } from '../workflow/process-descriptor';
import type { User } from './auth';
import { visibleTo } from './views';

export interface CaseFilters {
  type?: string;
  status?: 'open' | 'closed';
  stage?: string;
  q?: string;
  /** A person's id ("me" already resolved): cases they hold or are named for, or work as owner of record. */
  assigneeId?: string;
  /** `true`: an open task is past due; `false`: none is. */
  overdue?: 'true' | 'false';
  /** (updated at, id) after which the page starts. */
  after?: [string, string];
  limit: number;
}

/** Case types whose owner of record works the case (their processes say so). */
export const OWNER_WORKED_TYPES: readonly string[] = PROCESSES.flatMap((p) =>
  Object.entries<CaseTypeDescriptor>(p.caseTypes).flatMap(([type, d]) => (d.ownerWorksTheCase ? [type] : [])),
);

/**
 * A search's words as a full-text query: each word of `q` must begin a word of the subject
 * ("ana ok" finds "Ana Okafor"), case-insensitive (migration 0010's index). Only letters
 * and digits count; a `q` with none finds nothing.
 */
export function searchWords(q: string): string | undefined {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  return words?.length ? words.map((w) => `${w}:*`).join(' & ') : undefined;
}

/**
 * The cases a person works on: an open task they hold, an open task naming them as its
 * candidate, or a case whose owner of record works it and is them. Three index lookups
 * (the open tasks by assignee, the candidates' GIN index, cases by owner) joined by id.
 */
function workedBy(personId: string) {
  return sql<boolean>`cases.id IN (
    SELECT t.case_id FROM tasks t WHERE t.status = 'open' AND t.assignee_id = ${personId}
    UNION
    SELECT t.case_id FROM tasks t WHERE t.status = 'open' AND t.candidates @> ARRAY[${userToken(personId)}]::text[]
    UNION
    SELECT o.id FROM cases o WHERE o.owner_id = ${personId} AND o.type = ANY(${sql.val([...OWNER_WORKED_TYPES])}::text[])
  )`;
}

/** Cases with an open task past due (the open tasks' due-date index, a range up to now). */
const overdueCases = sql<boolean>`cases.id IN (SELECT t.case_id FROM tasks t WHERE t.status = 'open' AND t.due_at < now())`;

/**
 * The query of one page (limit + 1 rows, to know whether another follows), or undefined when
 * it can find nothing (a `q` without letters or digits).
 */
export function caseSearchQuery(db: Db, user: User, f: CaseFilters) {
  let qb = db.selectFrom('cases').selectAll().where(visibleTo(user));
  if (f.type) qb = qb.where('type', '=', f.type);
  if (f.status) qb = qb.where('status', '=', f.status);
  if (f.stage) qb = qb.where('stage', '=', f.stage);
  if (f.q) {
    const words = searchWords(f.q);
    if (!words) return undefined;
    qb = qb.where(sql<boolean>`to_tsvector('simple', subject) @@ to_tsquery('simple', ${words})`);
  }
  if (f.assigneeId) qb = qb.where(workedBy(f.assigneeId));
  if (f.overdue === 'true') qb = qb.where(overdueCases);
  if (f.overdue === 'false') qb = qb.where(sql<boolean>`NOT ${overdueCases}`);
  if (f.after) qb = qb.where(sql<boolean>`(updated_at, id) < (${f.after[0]}::timestamptz, ${f.after[1]})`);
  return qb
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1);
}
