/**
 * No request hangs on a workflow: an Update (or a case's first write) that has not
 * finished within 10 seconds — a worker restarting, a transition waiting on an incident —
 * answers 202 with the case's URL, and the work goes on in the workflow.
 * `updateCase` is the one way a route sends an Update to a case it has loaded (and checked
 * the caller may see): the workflow's Update, the caller as actor when asked, the 10-second wait.
 */
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { actorOf, type User } from './auth';
import { noteRequest } from './request-context';

export const UPDATE_WAIT_MS = 10_000;

/** Thrown when the wait ran out; the error handler answers 202 with the case's URL. */
export class StillWorking extends Error {
  constructor(readonly caseId: string) {
    super(`case ${caseId} is still working on the request`);
  }
}

export async function answerWithin<T>(caseId: string, work: Promise<T>, ms = UPDATE_WAIT_MS): Promise<T> {
  noteRequest({ caseId });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StillWorking(caseId)), ms);
  });
  // The work goes on after a 202; its outcome is the workflow's, not this request's.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The workflow a route reaches: a case row, or a task (or link) row naming its case. */
export type UpdateTarget = { workflow_id: string } & ({ id: string } | { case_id: string });

/** How a route calls an Update: its argument (if any), its idempotent id, and whether the caller is the actor. */
export interface UpdateCall<Arg> {
  /** The Update's argument; with `as`, the argument without its `actor`. */
  arg?: Arg extends { actor: unknown } ? Omit<Arg, 'actor'> | Arg : Arg;
  /** The caller, written into the argument as `actor`. */
  as?: User;
  /** The idempotent Update id of a POST with an Idempotency-Key. */
  updateId?: string;
}

/** Sends an Update to the target's workflow and answers its result within 10 seconds (else 202). */
export function updateCase<Ret, Arg>(
  temporal: Client,
  target: UpdateTarget,
  update: UpdateDefinition<Ret, [Arg]> | UpdateDefinition<Ret, []>,
  call: UpdateCall<Arg> = {},
): Promise<Ret> {
  const caseId = 'case_id' in target ? target.case_id : target.id;
  const arg = call.as ? { ...(call.arg as object), actor: actorOf(call.as) } : call.arg;
  const handle = temporal.workflow.getHandle(target.workflow_id);
  const work =
    arg === undefined
      ? handle.executeUpdate(update as UpdateDefinition<Ret, []>, { updateId: call.updateId })
      : handle.executeUpdate(update as UpdateDefinition<Ret, [Arg]>, {
          args: [arg as Arg],
          updateId: call.updateId,
        });
  return answerWithin(caseId, work);
}
