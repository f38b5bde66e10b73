/**
 * What the task routes read (routes/tasks.ts): a task the caller may see with its case, a
 * supervisor's team view of open tasks, and the known people a task may be handed to. Reads
 * only; the routes decide what to do with them.
 */
import { sql } from 'kysely';
import type { Db } from '../../db';
import { overlaps } from '../workflow/access';
import {
  conflictOfInterest,
  isAssignable,
  mayReassign,
  ownCase,
  tokensOn,
  twoPersonRule,
} from '../workflow/who-may-act';
import { ASSIGNABLE_ROLES, TEAM_SUPERVISING_ROLES } from '../workflow/registry';
import { actorOf, type User } from './auth';
import { notFound } from './errors';
import { viewOf } from './read-views';
import { canSeeCase, caseFacts, caseForRules, readableTasks, taskForRules, type CaseRow, type TaskRow } from './views';

/** The roles that supervise someone's work: they hand tasks on and see their team's open tasks. */
export const SUPERVISING_ROLES = TEAM_SUPERVISING_ROLES;

/** A task the caller may see (a candidate, the assignee, an escalation target or a viewer of its case), with its case. */
export async function loadVisibleTask(db: Db, user: User, taskId: string): Promise<{ t: TaskRow; c: CaseRow }> {
  const t = await db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
  const c = t && (await db.selectFrom('cases').selectAll().where('id', '=', t.case_id).executeTakeFirst());
  if (!t || !c) throw notFound('The task');
  // A person named in the case reads its tasks only as that party (tokensOn); a holder still sees what they hold.
  const tokens = tokensOn(actorOf(user), caseForRules(c));
  const mine = t.assignee_id === user.sub || overlaps(tokens, t.candidates) || overlaps(tokens, t.escalated_to);
  if (mine || canSeeCase(user, c)) return { t, c };
  throw notFound('The task');
}

export async function reloadTask(db: Db, taskId: string): Promise<TaskRow> {
  return db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();
}

/** Open tasks of the cases the caller supervises (rules: `supervises`), by due date; one page of up to `limit`. */
export async function teamTasks(db: Db, user: User, query: { assigneeId?: string; type?: string; limit: number }) {
  if (!user.roles.some((r) => SUPERVISING_ROLES.includes(r))) return { items: [], nextCursor: null };
  let qb = db
    .selectFrom('tasks')
    .innerJoin('cases', 'cases.id', 'tasks.case_id')
    .selectAll('tasks')
    .select([
      'cases.type as case_type',
      'cases.viewers as case_viewers',
      'cases.program_id as case_program_id',
      'cases.owner_id as case_owner_id',
      'cases.parties as case_parties',
      'cases.details as case_details',
      'cases.stage as case_stage',
      'cases.status as case_status',
    ])
    .where('tasks.status', '=', 'open');
  if (query.assigneeId) qb = qb.where('tasks.assignee_id', '=', query.assigneeId);
  if (query.type) qb = qb.where('tasks.type', '=', query.type);
  const rows = await qb.orderBy('tasks.due_at').orderBy('tasks.id').limit(1000).execute();
  const actor = actorOf(user);
  const caseOf = (r: (typeof rows)[number]) => ({
    type: r.case_type,
    viewers: r.case_viewers,
    program_id: r.case_program_id,
    owner_id: r.case_owner_id,
    parties: r.case_parties,
    details: r.case_details,
    stage: r.case_stage,
    status: r.case_status,
  });
  // Supervising a task's type is not reading its case: the case's view decides, or an escalation to the reader.
  const readable = (r: (typeof rows)[number]) =>
    !!viewOf(actor, caseFacts(caseOf(r))) || overlaps(user.tokens, r.escalated_to);
  const items = rows
    .filter((r) => !mayReassign(actor, taskForRules(r), caseForRules(caseOf(r))) && readable(r))
    .slice(0, query.limit);
  return { items: await readableTasks(db, user, items), nextCursor: null };
}

/**
 * Known people a task may be handed to: looked for among the holders of its candidate roles
 * and of the roles the processes hand tasks to beyond them, narrowed by the rules; not its
 * case's own people; at most 200.
 */
export async function assignableCandidates(db: Db, t: TaskRow, c: CaseRow) {
  const roles = [...new Set([...t.candidate_roles, ...ASSIGNABLE_ROLES])];
  const people = await db
    .selectFrom('people')
    .selectAll()
    .where(sql<boolean>`roles && ${sql.val(roles)}::text[]`)
    .orderBy('name')
    .limit(1000)
    .execute();
  const task = taskForRules(t);
  const kase = caseForRules(c);
  return people
    .map((p) => ({
      id: p.id,
      roles: p.roles,
      ...(p.name ? { name: p.name } : {}),
      ...(p.email ? { email: p.email } : {}),
      ...(p.department ? { department: p.department } : {}),
      ...(p.program_id ? { programId: p.program_id } : {}),
    }))
    .filter(
      (p) =>
        isAssignable(p, task, kase) && !ownCase(p, kase) && !conflictOfInterest(p, kase) && !twoPersonRule(p.id, task),
    )
    .slice(0, 200)
    .map(({ id, name, roles: r }) => ({ id, ...(name ? { name } : {}), roles: r }));
}
