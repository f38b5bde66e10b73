/** Reading the read model: visibility, and the JSON shapes of api.md. */
import { sql, type Selectable } from 'kysely';
import type { Db } from '../db';
import type { CasesTable, TasksTable } from '../db/schema';
import { canSeeCase as rulesCanSeeCase, mayComplete, YOUTH_CASE_TYPES, type CaseForRules, type TaskForRules } from '../workflows/shared/who-may-act';
import { actorOf, type User } from './auth';
import { notFound } from './errors';

export type CaseRow = Selectable<CasesTable>;
export type TaskRow = Selectable<TasksTable>;

const iso = (d: Date | string | null) => (d === null ? undefined : new Date(d).toISOString());

export function taskDto(t: TaskRow) {
  return {
    id: t.id,
    caseId: t.case_id,
    type: t.type,
    title: t.title,
    status: t.status,
    candidateRoles: t.candidate_roles,
    ...(t.assignee_id ? { assigneeId: t.assignee_id } : {}),
    dueAt: iso(t.due_at),
    escalated: t.escalated,
    outcomes: t.outcomes,
    ...(t.outcome ? { outcome: t.outcome } : {}),
    ...(t.comment ? { comment: t.comment } : {}),
    ...(t.data ? { data: t.data } : {}),
    ...(t.completed_by ? { completedBy: t.completed_by } : {}),
    ...(t.completed_at ? { completedAt: iso(t.completed_at) } : {}),
    createdAt: iso(t.created_at),
  };
}

/**
 * Where a case's history is in the Temporal Web UI (TEMPORAL_UI_URL), for operators and
 * supervisors who need to see what the engine did. Configuration, set once by createApp;
 * the workflow ID it carries holds no personal data.
 */
const historyLinks: { base?: string; namespace: string } = { namespace: 'default' };
export function linkHistoriesTo(uiUrl: string | undefined, namespace: string): void {
  historyLinks.base = uiUrl?.replace(/\/+$/, '');
  historyLinks.namespace = namespace;
}
export function historyUrl(workflowId: string): string | undefined {
  return historyLinks.base && `${historyLinks.base}/namespaces/${encodeURIComponent(historyLinks.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

export function caseDto(c: CaseRow, openTasks: TaskRow[]) {
  const history = historyUrl(c.workflow_id);
  return {
    id: c.id,
    type: c.type,
    status: c.status,
    stage: c.stage,
    subject: c.subject,
    createdAt: iso(c.created_at),
    updatedAt: iso(c.updated_at),
    openTasks: openTasks.map(taskDto),
    ...(history ? { historyUrl: history } : {}),
  };
}

/** A case row as the who-may-act rules see it. */
export function caseForRules(c: Pick<CaseRow, 'type' | 'viewers' | 'program_id' | 'owner_id' | 'parties' | 'details'>): CaseForRules {
  return { type: c.type, viewers: c.viewers, programId: c.program_id, ownerId: c.owner_id, parties: c.parties, details: c.details };
}

/** A task row as the who-may-act rules see it. */
export function taskForRules(t: TaskRow): TaskForRules {
  return {
    type: t.type, candidates: t.candidates, scope: t.scope as TaskForRules['scope'], assigneeId: t.assignee_id ?? undefined,
    escalatedTo: t.escalated_to, assignable: t.assignable ?? undefined, excludedActors: t.excluded_actors,
  };
}

/**
 * Youth records are the most sensitive data here: youth and match cases are readable only
 * by their listed viewers (assigned case worker, case supervisors, the youth's social
 * worker), never through the admin role (who-may-act.ts).
 */
export function canSeeCase(user: User, c: Pick<CaseRow, 'type' | 'viewers' | 'program_id' | 'owner_id' | 'parties' | 'details'>): boolean {
  return rulesCanSeeCase(actorOf(user), caseForRules(c));
}

export async function loadVisibleCase(db: Db, user: User, caseId: string, type?: string): Promise<CaseRow> {
  const c = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  // Not found and not visible look the same: the API does not reveal that a case exists.
  if (!c || (type && c.type !== type) || !canSeeCase(user, c)) throw notFound('The case');
  return c;
}

export async function openTasksOf(db: Db, caseIds: string[]): Promise<Map<string, TaskRow[]>> {
  const out = new Map<string, TaskRow[]>();
  if (!caseIds.length) return out;
  const rows = await db.selectFrom('tasks').selectAll().where('case_id', 'in', caseIds).where('status', '=', 'open').orderBy('due_at').execute();
  for (const r of rows) out.set(r.case_id, [...(out.get(r.case_id) ?? []), r]);
  return out;
}

/**
 * A case with its open tasks, its incident if any, and its process-specific details merged
 * in. Read by a person (`user`), each open task also says whether that person may complete
 * it and, if not, the rule that stops them — so a page offers only the forms that can work.
 */
export async function caseWithDetails(db: Db, c: CaseRow, user?: User) {
  const tasks = (await openTasksOf(db, [c.id])).get(c.id) ?? [];
  const incident = await db.selectFrom('incidents').select(['since', 'reason']).where('case_id', '=', c.id).executeTakeFirst();
  const dto = caseDto(c, tasks);
  if (user) {
    const actor = actorOf(user);
    dto.openTasks = tasks.map((t) => {
      const refusal = mayComplete(actor, taskForRules(t), caseForRules(c));
      return { ...taskDto(t), mayComplete: !refusal, ...(refusal ? { refusal: { code: refusal.code, message: refusal.message } } : {}) };
    });
  }
  return {
    ...dto, ...readableDetails(c, user),
    ...(incident ? { incident: { since: new Date(incident.since).toISOString(), reason: incident.reason } } : {}),
  };
}

/**
 * A referred volunteer's details are for the partnership's coordinators and the programs
 * the volunteer was referred to (api.md §4); an admin or reviewer who may see the case
 * sees its offers and outcome without them. Read without a user (a creating POST's own
 * answer), details are whole.
 */
function readableDetails(c: CaseRow, user?: User): Record<string, unknown> {
  const details = { ...(c.details as Record<string, unknown>) };
  if (c.type === 'mentor_referral' && user) {
    const offered = ((details.offers as { programId: string }[] | undefined) ?? []).some((o) => o.programId === user.programId);
    const allowed = user.roles.includes('partnership_coordinator') || (user.roles.includes('program_staff') && offered);
    if (!allowed) delete details.volunteer;
  }
  return details;
}

/** SQL: the case is visible to the user. */
export function visibleTo(user: User) {
  const listed = sql<boolean>`viewers && ${sql.val(user.tokens)}::text[]`;
  return user.roles.includes('admin') ? sql<boolean>`(type <> ALL(${sql.val(YOUTH_CASE_TYPES)}::text[]) OR ${listed})` : listed;
}
