/**
 * The doctor's repairs, from the records only: Temporal's word on how a workflow ended and
 * a closed workflow's own last state (its queries), never a guess. Each repair checks its
 * finding again first (a workflow may have moved on since), changes only rows still in the
 * state found (so a second run changes nothing), never deletes history, and writes an
 * event on the case saying who repaired what, when.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Transaction } from 'kysely';
import type { Database, Db } from '../../db';
import { caseDetailsQuery, incidentWaitingQuery, openTasksQuery, stageQuery } from '../../platform/workflow/messages';
import type { Finding, RepairOutcome, Repairer } from './findings';
import { NOT_FOUND, RUNNING, TemporalView, UNKNOWN } from './temporal';

/** The stage of a case whose workflow ended without closing it: a person decides what next. */
export const NEEDS_ATTENTION = 'needs_attention';

type Trx = Transaction<Database>;

function eventRow(by: Repairer, caseId: string, event: string, detail: Record<string, unknown>, at: Date) {
  return {
    id: randomUUID(),
    case_id: caseId,
    at,
    actor_id: by.id,
    actor_name: by.name ?? null,
    event,
    detail: JSON.stringify(detail) as never,
  };
}

export async function repairFindings(
  db: Db,
  client: Client,
  findings: Finding[],
  by: Repairer,
  opts: { queryTimeoutMs?: number } = {},
): Promise<RepairOutcome[]> {
  const view = new TemporalView(client, opts);
  const outcomes: RepairOutcome[] = [];
  for (const f of findings) {
    const outcome = (repaired: boolean, did: string) =>
      outcomes.push({ kind: f.kind, caseId: f.caseId, workflowId: f.workflowId, repaired, did });
    if (f.repair === null) {
      outcome(false, 'left to a person');
      continue;
    }
    const state = await view.describe(f.workflowId);
    if (state === UNKNOWN) {
      outcome(false, 'Temporal did not say how the workflow stands now; nothing changed');
      continue;
    }
    try {
      const did =
        f.kind === 'ghost_incident'
          ? await clearIncident(db, view, f, state, by)
          : f.kind === 'stale_task'
            ? await cancelStaleTask(db, view, f, state, by)
            : await settleCase(db, view, f, state, by);
      outcome(did.repaired, did.text);
    } catch (err) {
      outcome(false, `failed: ${(err as Error).message}`.slice(0, 300));
    }
  }
  return outcomes;
}

interface Did {
  repaired: boolean;
  text: string;
}

/** A case whose workflow completed, ended or is gone: what it left open is closed. */
async function settleCase(db: Db, view: TemporalView, f: Finding, state: string, by: Repairer): Promise<Did> {
  if (state === RUNNING) return { repaired: false, text: 'the workflow runs again; nothing changed' };
  // A completed workflow still answers its queries (a worker replays it): its last stage and details.
  let last: { stage: string; details: Record<string, unknown> } | undefined;
  if (state === 'COMPLETED') {
    const [stage, details] = await Promise.all([
      view.ask(f.workflowId, stageQuery),
      view.ask(f.workflowId, caseDetailsQuery),
    ]);
    if (stage.ok && details.ok) last = { stage: stage.value, details: details.value };
  }
  const ended = state === NOT_FOUND ? 'not found in Temporal' : state.toLowerCase().replace('_', ' ');
  return db.transaction().execute(async (trx: Trx) => {
    const c = await trx
      .selectFrom('cases')
      .select(['status', 'stage'])
      .where('id', '=', f.caseId)
      .forUpdate()
      .executeTakeFirst();
    if (!c) return { repaired: false, text: 'the case has no row; nothing changed' };
    const now = new Date();
    const reason = `the case's workflow is ${ended}`;
    const tasks = await trx
      .updateTable('tasks')
      .set({ status: 'cancelled', completed_at: now })
      .where('case_id', '=', f.caseId)
      .where('status', '=', 'open')
      .returning(['id', 'type'])
      .execute();
    let to: { status: string; stage: string } | undefined;
    if (state === 'COMPLETED') {
      const stage = last?.stage ?? c.stage;
      if (c.status !== 'closed' || c.stage !== stage) to = { status: 'closed', stage };
    } else if (c.status === 'open') {
      to = { status: 'closed', stage: NEEDS_ATTENTION };
    }
    if (to) {
      await trx
        .updateTable('cases')
        .set({ ...to, updated_at: now, ...(last ? { details: JSON.stringify(last.details) as never } : {}) })
        .where('id', '=', f.caseId)
        .execute();
    }
    if (!tasks.length && !to) return { repaired: false, text: 'already repaired; nothing changed' };
    const detail = {
      finding: f.kind,
      workflowStatus: state,
      tasksCancelled: tasks.map((t) => t.id),
      ...(to ? { from: { status: c.status, stage: c.stage }, to } : {}),
      ...(state === 'COMPLETED' ? { fromWorkflowState: !!last } : {}),
    };
    await trx
      .insertInto('timeline')
      .values([
        ...tasks.map((t) => eventRow(by, f.caseId, 'task_cancelled', { taskId: t.id, type: t.type, reason }, now)),
        eventRow(by, f.caseId, 'doctor_closed', detail, now),
      ])
      .execute();
    const parts = [
      ...(tasks.length ? [`cancelled ${tasks.length} open task${tasks.length === 1 ? '' : 's'}`] : []),
      ...(to ? [`closed the case at stage ${to.stage}`] : []),
      ...(to && state === 'COMPLETED' && !last ? ['(unanswered queries: stage and details kept)'] : []),
    ];
    return { repaired: true, text: parts.join('; ') };
  });
}

/** An incident row no commit waits on is deleted (that row only: a newer incident stays). */
async function clearIncident(db: Db, view: TemporalView, f: Finding, state: string, by: Repairer): Promise<Did> {
  if (state === RUNNING) {
    const waiting = await view.ask(f.workflowId, incidentWaitingQuery);
    if (!waiting.ok) return { repaired: false, text: `${waiting.why}; nothing changed` };
    if (waiting.value) return { repaired: false, text: 'a commit waits on the incident now; nothing changed' };
  }
  return db.transaction().execute(async (trx: Trx) => {
    const gone = await trx
      .deleteFrom('incidents')
      .where('case_id', '=', f.caseId)
      .where('since', '=', new Date(f.incidentSince!))
      .returning(['reason'])
      .executeTakeFirst();
    if (!gone) return { repaired: false, text: 'already repaired; nothing changed' };
    await trx
      .insertInto('timeline')
      .values(
        eventRow(
          by,
          f.caseId,
          'doctor_incident_cleared',
          {
            finding: f.kind,
            workflowStatus: state,
            since: f.incidentSince,
            reason: gone.reason,
          },
          new Date(),
        ),
      )
      .execute();
    return { repaired: true, text: 'deleted the incident row' };
  });
}

/** A task its running workflow no longer holds open is cancelled in the read model. */
async function cancelStaleTask(db: Db, view: TemporalView, f: Finding, state: string, by: Repairer): Promise<Did> {
  if (state !== RUNNING) return { repaired: false, text: 'the workflow no longer runs: run the doctor again' };
  const open = await view.ask(f.workflowId, openTasksQuery);
  if (!open.ok) return { repaired: false, text: `${open.why}; nothing changed` };
  if (open.value.some((t) => t.id === f.taskId)) {
    return { repaired: false, text: 'the workflow holds the task open; nothing changed' };
  }
  return db.transaction().execute(async (trx: Trx) => {
    const now = new Date();
    const task = await trx
      .updateTable('tasks')
      .set({ status: 'cancelled', completed_at: now })
      .where('id', '=', f.taskId!)
      .where('status', '=', 'open')
      .returning(['id', 'type'])
      .executeTakeFirst();
    if (!task) return { repaired: false, text: 'already repaired; nothing changed' };
    const reason = "the case's workflow no longer holds the task open";
    await trx
      .insertInto('timeline')
      .values([
        eventRow(by, f.caseId, 'task_cancelled', { taskId: task.id, type: task.type, reason }, now),
        eventRow(
          by,
          f.caseId,
          'doctor_closed',
          {
            finding: f.kind,
            workflowStatus: state,
            tasksCancelled: [task.id],
          },
          now,
        ),
      ])
      .execute();
    return { repaired: true, text: 'cancelled the task' };
  });
}
