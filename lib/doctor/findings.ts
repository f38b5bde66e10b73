/**
 * The shapes of the doctor's answer: what it found wrong between Temporal and the read
 * model, case by case, with the repair it can make from the records (or none: left to a
 * person). IDs, types and states only; never a subject or anything a person wrote.
 */

/**
 * - completed_workflow: the workflow completed, the read model still shows the case open
 *   or with open tasks (a write was lost, or a backup restored): closed from the
 *   workflow's last state.
 * - ended_workflow: the workflow failed, was terminated, timed out or was cancelled while
 *   the case was open or held open tasks: tasks cancelled, the case marked needs_attention.
 * - missing_workflow: Temporal has no workflow of that ID (retention removed it, or it
 *   never existed there): as ended_workflow, unless Temporal knows none of the read
 *   model's workflows (then the doctor is pointed at the wrong namespace, and repairs nothing).
 * - ghost_incident: an incident row no commit waits on (the workflow ended, or it answers
 *   that none waits): the row is deleted.
 * - stale_task: a task the read model shows open an hour past its due time, never
 *   escalated, that its running workflow no longer holds open: the task is cancelled.
 */
export const FINDING_KINDS = [
  'completed_workflow',
  'ended_workflow',
  'missing_workflow',
  'ghost_incident',
  'stale_task',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface Finding {
  kind: FindingKind;
  caseId: string;
  caseType: string;
  workflowId: string;
  /** Temporal's status of the workflow's latest run (RUNNING, COMPLETED, TERMINATED, …) or NOT_FOUND. */
  workflowStatus: string;
  /** The read model's status and stage of the case. */
  caseStatus: string;
  stage: string;
  /** Tasks the read model shows open on the case. */
  openTasks: number;
  /** A stale_task's task. */
  taskId?: string;
  /** A ghost_incident's row (its `since`): a repair deletes that row only, never a newer incident. */
  incidentSince?: string;
  /** What is wrong, in a sentence. */
  problem: string;
  /** What `--repair` does about it; null when that is left to a person. */
  repair: string | null;
}

export interface Unchecked {
  caseId: string;
  workflowId: string;
  why: string;
}

export interface DoctorReport {
  findings: Finding[];
  /** How many records each check looked at. */
  checked: { openCases: number; closedCasesWithOpenTasks: number; incidents: number; overdueTasks: number };
  /** Records the doctor could not judge (Temporal did not answer for them): neither healthy nor a finding. */
  unchecked: Unchecked[];
  /** False when the scan stopped at its limit of findings: run again after repairing. */
  complete: boolean;
}

export interface RepairOutcome {
  kind: FindingKind;
  caseId: string;
  workflowId: string;
  repaired: boolean;
  /** What was done, or why nothing was. */
  did: string;
}

/** Who repairs: written on each case's timeline with what was done. */
export interface Repairer {
  id: string;
  name?: string;
}

export const repairable = (f: Finding): boolean => f.repair !== null;

export function summaryLine(report: DoctorReport, outcomes: RepairOutcome[] = []): string {
  const k = report.findings.filter(repairable).length;
  const repaired = outcomes.filter((o) => o.repaired).length;
  return `doctor: ${report.findings.length} findings (${k} repairable), ${repaired} repaired`;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** "the case open with 2 open tasks", "the case closed with 1 open task", "the case open". */
export function readModelSays(caseStatus: string, openTasks: number): string {
  return `the case ${caseStatus}${openTasks ? ` with ${plural(openTasks, 'open task')}` : ''}`;
}
