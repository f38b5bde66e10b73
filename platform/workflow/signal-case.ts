/**
 * Signals between cases, with one deliberate policy for a receiver that has ended: what the
 * signal would tell it no longer matters to it, so that is not a failure of the sender. A
 * failure thrown there would fail an Update (the person's action refused after the state
 * moved) or, inside a signal handler or a timer coroutine, the sender's whole workflow.
 *
 * Callers keep `await getExternalWorkflowHandle(id).signal(...)` inline and catch with
 * `receiverGoneTolerated`: a wrapping async function would add promise ticks, and with them change
 * the order of commands that running cases recorded (the replay suite caught it).
 */
import { patched } from '@temporalio/workflow';

export const receiverGone = (err: unknown): boolean =>
  err instanceof Error &&
  (/not found/i.test(err.message) || /NotFound/.test((err as Error & { type?: string }).type ?? ''));

/**
 * Whether to carry on past a receiver that has ended. Versioned: a case that met an ended
 * receiver before this policy existed recorded the failure, and replays it as it was.
 */
export function receiverGoneTolerated(err: unknown): boolean {
  return receiverGone(err) && patched('signal-receiver-gone');
}
