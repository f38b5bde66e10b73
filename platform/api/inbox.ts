/**
 * The caller's task lists (`GET /tasks`): the inbox — open tasks assigned to them or
 * offered to one of their tokens, minus what they may not act on — and the escalated view.
 *
 * The open inbox reads a page whose cost follows the page, not the table (`npm run bench` P3):
 * each of the caller's few tokens reads its own slice of `task_inbox` (kept by a trigger on
 * `tasks`, migration 0010) in due order, the caller's assignments theirs, and the slices
 * merge. Every filter applies inside each slice, so a slice's first `limit + 1` rows are
 * the ones the merged page may need. Other statuses (history) read `tasks` directly.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db';
import type { CaseTypeDescriptor } from '../workflow/process-descriptor';
import type { CaseType } from '../workflow/records';
import { PROCESSES } from '../workflow/registry';
import type { User } from './auth';
import type { TaskRow } from './views';

/**
 * The task types of case types whose reviewers are in conflict on their own program
 * (`programConflictRoles`), with those roles: such a reviewer never sees them in the inbox.
 */
const CONFLICTED_TASKS = PROCESSES.flatMap((p) =>
  Object.values<CaseTypeDescriptor>(p.caseTypes).flatMap((d) =>
    d.programConflictRoles?.length ? [{ roles: d.programConflictRoles, taskTypes: d.taskTypes }] : [],
  ),
);

/** The task types the user reviews in conflict when they concern the user's own program. */
function conflictedTaskTypes(user: User): string[] {
  const types = CONFLICTED_TASKS.filter((c) => user.roles.some((r) => c.roles.includes(r))).flatMap((c) => c.taskTypes);
  return [...new Set(types)];
}

export interface TaskListQuery {
  status: 'open' | 'completed' | 'cancelled' | 'expired';
  view: 'inbox' | 'escalated';
  type?: string;
  process?: CaseType;
  overdue?: 'true' | 'false';
  limit: number;
  /** (due date, task id) after which the page starts. */
  after?: [string, string];
}

/** The filters every list shares, on tasks as `t`. */
function filters(user: User, q: TaskListQuery): RawBuilder<boolean>[] {
  const where: RawBuilder<boolean>[] = [sql<boolean>`t.status = ${q.status}`];
  // Not what the caller may not act on: their own case, the step after their own approval,
  // a review of their own program.
  if (q.view === 'inbox') {
    where.push(sql<boolean>`NOT (${user.sub} = ANY(t.barred))`);
    const conflicted = user.programId ? conflictedTaskTypes(user) : [];
    if (conflicted.length) {
      where.push(
        sql<boolean>`NOT (t.type = ANY(${sql.val(conflicted)}::text[]) AND t.scope @> ${JSON.stringify({ programId: user.programId })}::jsonb)`,
      );
    }
  }
  if (q.type) where.push(sql<boolean>`t.type = ${q.type}`);
  if (q.process) where.push(sql<boolean>`t.case_id IN (SELECT c.id FROM cases c WHERE c.type = ${q.process})`);
  if (q.overdue === 'true') where.push(sql<boolean>`t.due_at < now()`);
  if (q.overdue === 'false') where.push(sql<boolean>`t.due_at >= now()`);
  if (q.after) where.push(sql<boolean>`(t.due_at, t.id) > (${q.after[0]}::timestamptz, ${q.after[1]})`);
  return where;
}

/** Up to `limit + 1` tasks in due order (the extra one tells there is a next page). */
export async function listTasks(db: Db, user: User, q: TaskListQuery): Promise<TaskRow[]> {
  return (await taskListQuery(user, q).execute(db)).rows;
}

/** The query behind `listTasks` (also what `npm run bench` shows the plan of). */
export function taskListQuery(user: User, q: TaskListQuery): RawBuilder<TaskRow> {
  const n = q.limit + 1;
  const where = sql.join(filters(user, q), sql` AND `);
  if (q.view === 'escalated') {
    return sql<TaskRow>`SELECT t.* FROM tasks t WHERE t.escalated_to && ${sql.val(user.tokens)}::text[] AND ${where} ORDER BY t.due_at, t.id LIMIT ${n}`;
  }
  if (q.status !== 'open') {
    return sql<TaskRow>`SELECT t.* FROM tasks t
      WHERE (t.assignee_id = ${user.sub} OR (t.assignee_id IS NULL AND t.candidates && ${sql.val(user.tokens)}::text[])) AND ${where}
      ORDER BY t.due_at, t.id LIMIT ${n}`;
  }
  const afterInSlice = q.after
    ? sql<boolean>`(i.due_at, i.task_id) > (${q.after[0]}::timestamptz, ${q.after[1]})`
    : sql<boolean>`true`;
  return sql<TaskRow>`SELECT t.* FROM tasks t WHERE t.id IN (
      SELECT s.id FROM unnest(${sql.val(user.tokens)}::text[]) AS tok(token) CROSS JOIN LATERAL (
        SELECT t.id FROM task_inbox i JOIN tasks t ON t.id = i.task_id
        WHERE i.token = tok.token AND ${afterInSlice} AND t.assignee_id IS NULL AND ${where}
        ORDER BY i.due_at, i.task_id LIMIT ${n}) s
      UNION
      SELECT a.id FROM (SELECT t.id FROM tasks t WHERE t.assignee_id = ${user.sub} AND ${where} ORDER BY t.due_at, t.id LIMIT ${n}) a)
    ORDER BY t.due_at, t.id LIMIT ${n}`;
}
