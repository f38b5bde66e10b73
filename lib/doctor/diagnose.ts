/**
 * The doctor's checks: it walks the open part of the read model page by page (open cases,
 * closed cases that still show open tasks, incident rows, tasks long overdue and never
 * escalated), asks Temporal about each page's workflows at once, and describes or queries
 * only those that look wrong. Each page is a bounded index range (migration 0018) and one
 * visibility call, so the walk is linear in open work, fine at 100k cases.
 */
import type { Client } from '@temporalio/client';
import { sql } from 'kysely';
import type { Db } from '../../db';
import { incidentWaitingQuery, openTasksQuery } from '../../platform/workflow/messages';
import { readModelSays, type DoctorReport } from './findings';
import { NOT_FOUND, RUNNING, TemporalView, UNKNOWN } from './temporal';

export interface DiagnoseOptions {
  /** Rows per page (one visibility call each). */
  pageSize?: number;
  /** The scan stops once it holds this many findings (the report says it is incomplete). */
  maxFindings?: number;
  /** How long past its due time an unescalated open task must be before it is looked at. */
  overdueGraceMs?: number;
  queryTimeoutMs?: number;
}

interface CaseRow {
  caseId: string;
  caseType: string;
  workflowId: string;
  caseStatus: string;
  stage: string;
}

const ENDED = new Set(['FAILED', 'TERMINATED', 'TIMED_OUT', 'CANCELLED']);
const HALT = 'cancel its open tasks and mark an open case closed at stage needs_attention';

/** TERMINATED → "terminated", TIMED_OUT → "timed out", NOT_FOUND → "not found". */
const spoken = (state: string) => state.toLowerCase().replace('_', ' ');

const caseRow = (r: { id: string; type: string; workflow_id: string; status: string; stage: string }): CaseRow => ({
  caseId: r.id,
  caseType: r.type,
  workflowId: r.workflow_id,
  caseStatus: r.status,
  stage: r.stage,
});

export async function diagnose(db: Db, client: Client, opts: DiagnoseOptions = {}): Promise<DoctorReport> {
  const pageSize = opts.pageSize ?? 100;
  const maxFindings = opts.maxFindings ?? 1000;
  const view = new TemporalView(client, { queryTimeoutMs: opts.queryTimeoutMs });
  const report: DoctorReport = {
    findings: [],
    unchecked: [],
    complete: true,
    checked: { openCases: 0, closedCasesWithOpenTasks: 0, incidents: 0, overdueTasks: 0 },
  };
  const unanswered = (caseId: string, workflowId: string) =>
    report.unchecked.push({ caseId, workflowId, why: 'Temporal did not say how the workflow stands' });
  const full = () => report.findings.length >= maxFindings;

  /** A page of cases: those whose workflow does not run are findings (or unchecked). */
  const checkCases = async (rows: CaseRow[]) => {
    const states = await view.states(rows.map((r) => r.workflowId));
    const suspects = rows.filter((r) => states.get(r.workflowId) !== RUNNING);
    if (!suspects.length) return;
    const counts = await db
      .selectFrom('tasks')
      .select(['case_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where(
        'case_id',
        'in',
        suspects.map((r) => r.caseId),
      )
      .where('status', '=', 'open')
      .groupBy('case_id')
      .execute();
    const open = new Map(counts.map((c) => [c.case_id, Number(c.n)]));
    for (const r of suspects) {
      const state = states.get(r.workflowId) ?? UNKNOWN;
      if (state === UNKNOWN) {
        unanswered(r.caseId, r.workflowId);
        continue;
      }
      const openTasks = open.get(r.caseId) ?? 0;
      const says = readModelSays(r.caseStatus, openTasks);
      const base = { ...r, workflowStatus: state, openTasks };
      if (state === 'COMPLETED') {
        report.findings.push({
          ...base,
          kind: 'completed_workflow',
          problem: `The workflow completed, but the read model shows ${says}`,
          repair: "close the case from the workflow's last state (its stage and details) and cancel its open tasks",
        });
      } else if (state === NOT_FOUND) {
        report.findings.push({
          ...base,
          kind: 'missing_workflow',
          repair: HALT,
          problem: `Temporal has no workflow of this ID, but the read model shows ${says}`,
        });
      } else if (ENDED.has(state)) {
        report.findings.push({
          ...base,
          kind: 'ended_workflow',
          repair: HALT,
          problem: `The workflow is ${spoken(state)}, but the read model shows ${says}`,
        });
      }
    }
  };

  // (a) Open cases.
  for (let after = ''; !full(); ) {
    const rows = await db
      .selectFrom('cases')
      .select(['id', 'type', 'workflow_id', 'status', 'stage'])
      .where('status', '=', 'open')
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (!rows.length) break;
    report.checked.openCases += rows.length;
    await checkCases(rows.map(caseRow));
    after = rows[rows.length - 1].id;
  }

  // (b) Open tasks of cases the read model shows closed (those of open cases were seen above).
  for (let after = ''; !full(); ) {
    const rows = await db
      .selectFrom('tasks')
      .innerJoin('cases', 'cases.id', 'tasks.case_id')
      .select(['cases.id', 'cases.type', 'cases.workflow_id', 'cases.status', 'cases.stage'])
      .distinct()
      .where('tasks.status', '=', 'open')
      .where('cases.status', '!=', 'open')
      .where('tasks.case_id', '>', after)
      .orderBy('cases.id')
      .limit(pageSize)
      .execute();
    if (!rows.length) break;
    report.checked.closedCasesWithOpenTasks += rows.length;
    await checkCases(rows.map(caseRow));
    after = rows[rows.length - 1].id;
  }

  // (c) Incident rows: a commit must be waiting on each.
  for (let after = ''; !full(); ) {
    const rows = await db
      .selectFrom('incidents')
      .leftJoin('cases', 'cases.id', 'incidents.case_id')
      .select(['incidents.case_id', 'incidents.workflow_id', 'incidents.case_type', 'incidents.since'])
      .select(['cases.status', 'cases.stage'])
      .where('incidents.case_id', '>', after)
      .orderBy('incidents.case_id')
      .limit(pageSize)
      .execute();
    if (!rows.length) break;
    report.checked.incidents += rows.length;
    const states = await view.states(rows.map((r) => r.workflow_id));
    for (const r of rows) {
      const state = states.get(r.workflow_id) ?? UNKNOWN;
      const who = { caseId: r.case_id, workflowId: r.workflow_id };
      let problem: string | undefined;
      if (state === UNKNOWN) {
        unanswered(r.case_id, r.workflow_id);
      } else if (state !== RUNNING) {
        problem = `An incident is open, but the workflow is ${spoken(state)}: no commit waits on it`;
      } else {
        const waiting = await view.ask(r.workflow_id, incidentWaitingQuery);
        if (!waiting.ok) report.unchecked.push({ ...who, why: waiting.why });
        else if (!waiting.value) problem = 'An incident is open, but no commit of the running workflow waits on it';
      }
      if (problem) {
        report.findings.push({
          kind: 'ghost_incident',
          caseId: r.case_id,
          caseType: r.case_type,
          workflowId: r.workflow_id,
          workflowStatus: state,
          caseStatus: r.status ?? 'not recorded',
          stage: r.stage ?? 'not recorded',
          openTasks: 0,
          incidentSince: new Date(r.since).toISOString(),
          problem,
          repair: 'delete the incident row (nothing can retry it)',
        });
      }
    }
    after = rows[rows.length - 1].case_id;
  }

  // (d) Tasks long past due and never escalated: a task escalates or expires at its due
  // time, so the read model may have missed a write. Only a running workflow can say
  // (those of ended workflows are findings above); it is asked for its open tasks.
  const before = new Date(Date.now() - (opts.overdueGraceMs ?? 3_600_000));
  for (let after: [Date, string] | undefined; !full(); ) {
    let qb = db
      .selectFrom('tasks')
      .innerJoin('cases', 'cases.id', 'tasks.case_id')
      .select(['tasks.id', 'tasks.due_at'])
      .select(['cases.id as case_id', 'cases.type', 'cases.workflow_id', 'cases.status', 'cases.stage'])
      .where('tasks.status', '=', 'open')
      .where('tasks.escalated', '=', false)
      .where('tasks.due_at', '<', before);
    if (after) qb = qb.where(sql<boolean>`(tasks.due_at, tasks.id) > (${after[0]}, ${after[1]})`);
    const rows = await qb.orderBy('tasks.due_at').orderBy('tasks.id').limit(pageSize).execute();
    if (!rows.length) break;
    report.checked.overdueTasks += rows.length;
    const states = await view.states(rows.map((r) => r.workflow_id));
    const held = new Map<string, Set<string> | string>();
    for (const r of rows) {
      if (states.get(r.workflow_id) !== RUNNING) continue;
      if (!held.has(r.workflow_id)) {
        const tasks = await view.ask(r.workflow_id, openTasksQuery);
        held.set(r.workflow_id, tasks.ok ? new Set(tasks.value.map((t) => t.id)) : tasks.why);
      }
      const open = held.get(r.workflow_id)!;
      if (typeof open === 'string') report.unchecked.push({ caseId: r.case_id, workflowId: r.workflow_id, why: open });
      else if (!open.has(r.id)) {
        report.findings.push({
          kind: 'stale_task',
          caseId: r.case_id,
          caseType: r.type,
          workflowId: r.workflow_id,
          workflowStatus: RUNNING,
          caseStatus: r.status,
          stage: r.stage,
          openTasks: 1,
          taskId: r.id,
          problem: 'The read model shows a task open past its due time that the running workflow no longer holds open',
          repair: 'cancel the task in the read model (the workflow cannot act on it)',
        });
      }
    }
    const last = rows[rows.length - 1];
    after = [new Date(last.due_at), last.id];
  }

  if (full()) report.complete = false;
  // Temporal knows none of the read model's workflows: a wrong address or namespace, not
  // lost workflows. Nothing is repaired on that evidence.
  if (view.known === 0) {
    for (const f of report.findings) {
      if (f.workflowStatus === NOT_FOUND) {
        f.repair = null;
        f.problem +=
          " (and Temporal knows none of the read model's workflows: " +
          'check TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE)';
      }
    }
  }
  return report;
}
