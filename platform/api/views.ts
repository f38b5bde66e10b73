/** Reading the read model: visibility, and the JSON shapes of the API (docs/api-guide.md), cut to each reader's view (read-views.ts). */
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db';
import type { CasesTable, TasksTable } from '../../db/schema';
import {
  mayComplete,
  namedPartiesOf,
  tokensOn,
  YOUTH_CASE_TYPES,
  type CaseForRules,
  type TaskForRules,
} from '../workflow/who-may-act';
import type { CaseTypeDescriptor } from '../workflow/process-descriptor';
import { PROCESSES, SCREENING_SUPERVISING_ROLES } from '../workflow/registry';
import { projectCase, projectTask, seesTaskAnswers, viewOf, type CaseFacts, type View } from './read-views';
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
  return (
    historyLinks.base &&
    `${historyLinks.base}/namespaces/${encodeURIComponent(historyLinks.namespace)}/workflows/${encodeURIComponent(workflowId)}`
  );
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
export function caseForRules(
  c: Pick<CaseRow, 'type' | 'viewers' | 'program_id' | 'owner_id' | 'parties' | 'details'>,
): CaseForRules {
  return {
    type: c.type,
    viewers: c.viewers,
    programId: c.program_id,
    ownerId: c.owner_id,
    parties: c.parties,
    details: c.details,
  };
}

/** A task row as the who-may-act rules see it. */
export function taskForRules(t: TaskRow): TaskForRules {
  return {
    type: t.type,
    candidates: t.candidates,
    scope: t.scope as TaskForRules['scope'],
    assigneeId: t.assignee_id ?? undefined,
    escalatedTo: t.escalated_to,
    assignable: t.assignable ?? undefined,
    excludedActors: t.excluded_actors,
  };
}

/** A case row as the read views (read-views.ts) see it. */
export function caseFacts(
  c: Pick<CaseRow, 'type' | 'viewers' | 'program_id' | 'owner_id' | 'parties' | 'stage' | 'status' | 'details'>,
): CaseFacts {
  return { ...caseForRules(c), stage: c.stage, status: c.status, details: c.details };
}

/** The declared view of this user on this case, or undefined: the case does not exist for them. */
export function readViewOf(user: User, c: CaseRow): View | undefined {
  return viewOf(actorOf(user), caseFacts(c));
}

/** May this user read anything of the case (read-views.ts decides what)? */
export function canSeeCase(user: User, c: CaseRow): boolean {
  return !!readViewOf(user, c);
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
  const rows = await db
    .selectFrom('tasks')
    .selectAll()
    .where('case_id', 'in', caseIds)
    .where('status', '=', 'open')
    .orderBy('due_at')
    .execute();
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
  const incident = await db
    .selectFrom('incidents')
    .select(['since', 'reason'])
    .where('case_id', '=', c.id)
    .executeTakeFirst();
  const dto = caseDto(c, tasks);
  if (user) {
    const actor = actorOf(user);
    dto.openTasks = tasks.map((t) => {
      const refusal = mayComplete(actor, taskForRules(t), caseForRules(c));
      return {
        ...taskDto(t),
        mayComplete: !refusal,
        ...(refusal ? { refusal: { code: refusal.code, message: refusal.message } } : {}),
      };
    });
  }
  const whole = {
    ...dto,
    ...(c.details as Record<string, unknown>),
    ...(incident ? { incident: { since: new Date(incident.since).toISOString(), reason: incident.reason } } : {}),
  };
  if (!user) return whole;
  const view = readViewOf(user, c);
  if (!view) throw notFound('The case');
  return projectCase(view, whole);
}

/** A case in a list, cut to the reader's view; undefined when they may not see it at all. */
export function listedCase(user: User, c: CaseRow, openTasks: TaskRow[]) {
  const view = readViewOf(user, c);
  return view && projectCase(view, caseDto(c, openTasks));
}

/**
 * Tasks as a reader may see them: the answers (`data`, `comment`) of a sensitive case's
 * tasks only through a view that lists them, or to whoever gave them (read-views.ts).
 */
export async function readableTasks(db: Db, user: User, tasks: TaskRow[]): Promise<ReturnType<typeof taskDto>[]> {
  const ids = [...new Set(tasks.map((t) => t.case_id))];
  const cases = ids.length ? await db.selectFrom('cases').selectAll().where('id', 'in', ids).execute() : [];
  const byId = new Map(cases.map((c) => [c.id, c]));
  // Someone named in a case without the party's role (a case worker named as a social worker)
  // acts on none of its tasks: they are not in that person's lists either, unless they hold one.
  const actor = actorOf(user);
  const namedWithoutRole = (c: CaseRow) =>
    namedPartiesOf(caseForRules(c)).some((p) => p.id === actor.id) && !tokensOn(actor, caseForRules(c)).length;
  return tasks
    .filter((t) => {
      const c = byId.get(t.case_id);
      return !c || t.assignee_id === user.sub || !namedWithoutRole(c);
    })
    .map((t) => readableTask(user, t, byId.get(t.case_id)));
}

export function readableTask(user: User, t: TaskRow, c: CaseRow | undefined): ReturnType<typeof taskDto> {
  const answers = !!c && seesTaskAnswers({ id: user.sub }, c, readViewOf(user, c), t.completed_by);
  return projectTask(taskDto(t), answers);
}

/**
 * SQL: the cases that may be visible to the user — a superset the lists narrow with the
 * read views (read-views.ts decides; this keeps a page from reading the whole table).
 * Screenings: the assigned case worker, case supervisors and approved pool records only;
 * never through the admin role. Types some roles list whole (wellness records: case
 * supervisors), as their processes declare.
 */
export function visibleTo(user: User) {
  const has = (role: string) => user.roles.includes(role as User['roles'][number]);
  const listed = sql<boolean>`viewers && ${sql.val(user.tokens)}::text[]`;
  const byRole = has('admin')
    ? sql<boolean>`(type <> ALL(${sql.val([...YOUTH_CASE_TYPES, ...SCREENINGS])}::text[]) OR ${listed})`
    : listed;
  const screening = SCREENING_SUPERVISING_ROLES.some(has)
    ? sql<boolean>`true`
    : sql<boolean>`(owner_id = ${user.sub} OR stage = 'approved')`;
  const allOfType = LISTED_TO_ROLES.filter(([, roles]) => roles.some(has)).map(([type]) => type);
  const byType = allOfType.length ? sql<boolean>`type = ANY(${sql.val(allOfType)}::text[])` : sql<boolean>`false`;
  return sql<boolean>`((${byRole} AND (type <> ALL(${sql.val(SCREENINGS)}::text[]) OR ${screening})) OR ${byType})`;
}
const declared = PROCESSES.flatMap((p) => Object.entries<CaseTypeDescriptor>(p.caseTypes));
/** Case types listed as screenings (their processes say so). */
const SCREENINGS = declared.flatMap(([type, d]) => (d.screeningListing ? [type] : []));
/** Case types some roles list whole (wellness records: case supervisors). */
const LISTED_TO_ROLES = declared.flatMap(([type, d]) =>
  d.listedToRoles?.length ? [[type, d.listedToRoles] as const] : [],
);
