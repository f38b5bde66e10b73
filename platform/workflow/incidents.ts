/**
 * A transition that cannot be written: the case flags an incident and waits (the workflow
 * stays healthy) until an admin retries, then writes it again. Part of the human-task core
 * (case-runtime.ts), apart so the runtime reads as the life of a task.
 */
import { ActivityFailure, condition, patched, workflowInfo } from '@temporalio/workflow';
import { recordIncident, recordTransition } from './activities';
import type { CaseCore } from './case-core';
import type { TransitionInput } from './records';

/** A commit that succeeds while others wait on the incident wakes them instead of clearing it. */
const COMMIT_WAKES_WAITERS = 'commit-wakes-incident-waiters';

/** Admins' retries of the case's incident, and the commits waiting on it. */
export interface IncidentWaits {
  /** Bumped by an admin's retry of an incident: every commit waiting on it tries again. */
  retries: number;
  /** Commits waiting on the incident: the incident is cleared only once none is left. */
  waiting: number;
}

/**
 * Writes a transition; if that fails for good, flags the case with an incident and waits
 * (the workflow stays healthy) until an admin retries, then writes it again. Another
 * commit that gets through meanwhile does not clear the incident under a waiting one: it
 * wakes the waiters to try again (the database answers), and the incident is cleared by
 * the last of them to succeed, or stays open for the one that still fails.
 */
export async function recordOrWaitOnIncident(
  state: CaseCore,
  waits: IncidentWaits,
  input: TransitionInput,
  nowIso: () => string,
): Promise<void> {
  for (;;) {
    try {
      await recordTransition(input);
      if (waits.waiting > 0 && patched(COMMIT_WAKES_WAITERS)) {
        waits.retries++;
      } else if (state.incident) {
        state.incident = undefined;
        await recordIncident({ caseId: state.caseId });
      }
      return;
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      const since = state.incident?.since ?? nowIso();
      const reason = (err.cause?.message ?? err.message).slice(0, 500);
      // Counted from before the incident shows: an admin's retry that arrives while the
      // incident is being recorded is not lost (it would leave the case waiting for another).
      const seen = waits.retries;
      state.incident = { since, reason };
      waits.waiting++;
      try {
        await recordIncident({
          caseId: state.caseId,
          open: { workflowId: workflowInfo().workflowId, caseType: state.type, since, reason },
        });
        await condition(() => waits.retries !== seen);
      } finally {
        waits.waiting--;
      }
    }
  }
}
