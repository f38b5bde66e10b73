/**
 * No request hangs on a workflow: an Update (or a case's first write) that has not
 * finished within 10 seconds — a worker restarting, a transition waiting on an incident —
 * answers 202 with the case's URL, and the work goes on in the workflow.
 */
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
