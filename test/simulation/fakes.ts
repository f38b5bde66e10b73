/**
 * The activities the simulated workers run: each write goes to the simulator's read model
 * (read-model.ts) unless the fault plan says the database fails it — transiently for the
 * next N attempts, for good once (bad data: the case opens an incident), or during an
 * outage (every attempt fails until it ends, so the bounded retries give up). Every
 * attempt is remembered with the run that made it.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { projectionsOf } from '../../platform/workflow/projections';
import type { TransitionInput } from '../../platform/workflow/records';
import type { ProgramRow } from '../../processes/programs/projection';
import type { ReadModel } from './read-model';

/** The fault plan of the scenario running now (scenarios run one at a time). */
export interface Faults {
  /** The next N write attempts fail with a retryable error. */
  transient: number;
  /** The next N writes are refused for good (bad_data, not retried). */
  refuse: number;
  /** Every write attempt fails (retryable) until the outage ends. */
  outage: boolean;
  /** The mail server refuses every delivery. */
  mailDown: boolean;
  /** Programs a referral may be offered to (the directory's answer). */
  programs: { programId: string; name: string; contactEmail: string; reasons: string[] }[];
  /** The case the database faults hit (the scenario's own; the workflows around it write freely). */
  scope?: string;
  /** Whether a case has its read-model row, as a reservation's hold asks. */
  recorded: (caseId: string) => boolean;
}

export const noFaults = (): Faults => ({
  transient: 0,
  refuse: 0,
  outage: false,
  mailDown: false,
  programs: [],
  recorded: () => true,
});

export function fakeActivities(model: ReadModel, faultsOf: (workflowId: string) => Faults) {
  const who = () => {
    const info = Context.current().info;
    return {
      runId: info.workflowExecution?.runId ?? '',
      workflowId: info.workflowExecution?.workflowId ?? '',
      attempt: info.attempt,
    };
  };
  const faults = () => faultsOf(who().workflowId);
  return {
    async recordTransition(input: TransitionInput) {
      const f = faults();
      const program = projectionsOf(input).find((p) => p.kind === 'program')?.row as ProgramRow | undefined;
      const key = input.case?.id ?? program?.id ?? 'none';
      const version = input.case?.version ?? program?.version ?? 0;
      const base = { key, version, ...who(), eventIds: (input.events ?? []).map((e) => e.id) };
      const hit = !f.scope || f.scope === key;
      if (hit && f.refuse > 0) {
        f.refuse--;
        model.attempts.push({ ...base, ok: false, final: true });
        throw ApplicationFailure.nonRetryable('value too long for type character varying (22001)', 'bad_data');
      }
      if (hit && (f.outage || f.transient > 0)) {
        if (f.transient > 0) f.transient--;
        model.attempts.push({ ...base, ok: false, final: false });
        throw ApplicationFailure.retryable('connection terminated unexpectedly', 'Error');
      }
      model.apply(input);
      model.attempts.push({ ...base, ok: true, final: false });
      return { emailsSent: 0 };
    },
    async recordIncident({ caseId, open }: { caseId: string; open?: { reason: string } }) {
      if (open) model.incidents.set(caseId, { reason: open.reason });
      else model.incidents.delete(caseId);
    },
    async caseRecorded({ caseId }: { caseId: string }) {
      return { recorded: model.cases.has(caseId) || faults().recorded(caseId) };
    },
    async deliverEmails({ keys }: { keys: string[] }) {
      const w = who();
      const ok = !faults().mailDown;
      model.deliveries.push({ runId: w.runId, workflowId: w.workflowId, keys, attempt: w.attempt, ok });
      if (!ok) throw ApplicationFailure.retryable('421 service not available', 'Error');
      return { sent: keys.length };
    },
    async sweepOutbox() {
      return { sent: 0, pending: 0 };
    },
    async issueReferenceLink() {
      return { sent: true };
    },
    async sendReferralConfirmation() {
      return { sent: true };
    },
    async findReferralPrograms({ exclude, limit }: { exclude: string[]; limit: number }) {
      return faults()
        .programs.filter((p) => !exclude.includes(p.programId))
        .slice(0, limit);
    },
    async findPlaceablePrograms({ exclude }: { exclude: string[] }) {
      return faults()
        .programs.filter((p) => !exclude.includes(p.programId))
        .map(({ programId, name, contactEmail }) => ({ programId, name, contactEmail }));
    },
    // A match's relationship surveys: each link is sent; answers taken by phone score 80.
    async sendSurveyLink() {
      return { sent: true, instrumentId: 'relationship-quality', instrumentVersion: 1 };
    },
    async recordSurveyByPhone() {
      return { recorded: true, score: 80, instrumentId: 'relationship-quality', instrumentVersion: 1 };
    },
  };
}
