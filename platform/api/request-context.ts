/**
 * What one HTTP request is about, carried through its async work (AsyncLocalStorage):
 * its ID (the client's X-Request-Id when it is a plain token, else a new one, echoed
 * back), the route pattern, and the case and workflow it touched. The request's log line
 * and trace span read it at the end; the Temporal client interceptor below fills in the
 * workflow ID on every start, update (with start) and signal, wherever in the API they happen.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { WorkflowClientInterceptor } from '@temporalio/client';

export interface RequestContext {
  requestId: string;
  /** The route as declared (`/api/v1/cases/:caseId`), never the raw URL. */
  route?: string;
  caseId?: string;
  workflowId?: string;
  taskId?: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Notes on the current request (if any) what it is about. */
export function noteRequest(facts: Partial<Omit<RequestContext, 'requestId'>>): void {
  const c = requestContext.getStore();
  if (!c) return;
  for (const [k, v] of Object.entries(facts))
    if (v !== undefined && (c as unknown as Record<string, unknown>)[k] === undefined)
      (c as unknown as Record<string, unknown>)[k] = v;
}

/** Records the workflow each Temporal call of a request is about. */
export const workflowNotingInterceptor: WorkflowClientInterceptor = {
  async start(input, next) {
    noteRequest({ workflowId: input.options.workflowId });
    return next(input);
  },
  async startUpdate(input, next) {
    noteRequest({ workflowId: input.workflowExecution.workflowId });
    return next(input);
  },
  // Creating a case: the start and its first Update in one call (Update-with-Start).
  async startUpdateWithStart(input, next) {
    noteRequest({ workflowId: input.workflowStartOptions.workflowId });
    return next(input);
  },
  async signal(input, next) {
    noteRequest({ workflowId: input.workflowExecution.workflowId });
    return next(input);
  },
};
