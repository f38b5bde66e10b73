/**
 * The simulator's read model: an in-memory copy of what activities/read-model.ts writes,
 * applied with the same keys and guards (a case row only moves to a newer version, a task
 * row only to the same or a newer case version, timeline events and outbox messages keyed
 * by their id, incidents by case). It also keeps every write attempt, so the invariants
 * can ask what was written, what failed and what is still owed.
 */
import { projectionsOf } from '../../platform/workflow/projections';
import type { CaseSnapshot, TaskRecord, TimelineEvent, TransitionInput } from '../../platform/workflow/records';
import type { ProgramLevelRow, ProgramRow } from '../../processes/programs/projection';

export interface Attempt {
  /** The case (or program) the transition is about. */
  key: string;
  version: number;
  runId: string;
  workflowId: string;
  eventIds: string[];
  ok: boolean;
  /** A failure the activity's retry policy will not retry (bad data). */
  final: boolean;
}

export interface Delivery {
  runId: string;
  workflowId: string;
  keys: string[];
  attempt: number;
  ok: boolean;
}

interface TaskRow extends TaskRecord {
  caseVersion: number;
}

export class ReadModel {
  cases = new Map<string, CaseSnapshot>();
  tasks = new Map<string, TaskRow>();
  timeline = new Map<string, TimelineEvent>();
  outbox = new Set<string>();
  incidents = new Map<string, { reason: string }>();
  programs = new Map<string, { level: string; version: number; certifiedUntil?: string | null }>();
  attempts: Attempt[] = [];
  deliveries: Delivery[] = [];
  /** Broken on purpose by the negative controls: a write acknowledged but not applied. */
  dropWrite?: (input: TransitionInput) => boolean;
  /** Broken on purpose: a write applied twice, the second time under fresh event ids. */
  doubleWrite?: (input: TransitionInput) => boolean;

  apply(input: TransitionInput): void {
    if (this.dropWrite?.(input)) return;
    this.write(input);
    if (this.doubleWrite?.(input)) {
      this.write({ ...input, events: (input.events ?? []).map((e, i) => ({ ...e, id: `${e.id}-again-${i}` })) });
    }
  }

  private write(input: TransitionInput): void {
    const c = input.case;
    if (c) {
      const row = this.cases.get(c.id);
      if (!row || row.version < c.version) this.cases.set(c.id, structuredClone(c));
      for (const t of input.tasks ?? []) {
        const old = this.tasks.get(t.id);
        if (!old || old.caseVersion <= c.version)
          this.tasks.set(t.id, { ...structuredClone(t), caseVersion: c.version });
      }
    }
    for (const e of input.events ?? []) if (!this.timeline.has(e.id)) this.timeline.set(e.id, structuredClone(e));
    for (const m of input.emails ?? []) this.outbox.add(m.key);
    const rows = projectionsOf(input);
    const program = rows.find((r) => r.kind === 'program')?.row as ProgramRow | undefined;
    const programLevel = rows.find((r) => r.kind === 'program_level')?.row as ProgramLevelRow | undefined;
    if (program) {
      const p = program;
      const row = this.programs.get(p.id);
      if (!row || row.version <= (p.version ?? 0) || (p.version ?? 0) === 0) {
        this.programs.set(p.id, { level: p.level, certifiedUntil: p.certifiedUntil, version: p.version ?? 0 });
      }
    }
    if (programLevel) {
      const row = this.programs.get(programLevel.id);
      if (row) Object.assign(row, { level: programLevel.level, certifiedUntil: programLevel.certifiedUntil });
    }
  }

  openTasksOf(caseId: string): TaskRow[] {
    return [...this.tasks.values()].filter((t) => t.caseId === caseId && t.status === 'open');
  }

  eventsOf(caseId: string): TimelineEvent[] {
    return [...this.timeline.values()].filter((e) => e.caseId === caseId);
  }

  /** Transitions tried and not (yet) written: the latest attempt of each failed and none succeeded. */
  unwritten(key: string, runId?: string): Attempt[] {
    const byVersion = new Map<number, Attempt[]>();
    for (const a of this.attempts) {
      if (a.key !== key || (runId && a.runId !== runId)) continue;
      byVersion.set(a.version, [...(byVersion.get(a.version) ?? []), a]);
    }
    return [...byVersion.values()].filter((as) => !as.some((a) => a.ok)).map((as) => as[as.length - 1]);
  }
}
