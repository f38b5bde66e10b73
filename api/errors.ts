/** RFC 9457 problem+json for every error the API returns. */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';

export interface ProblemEntry {
  path: string;
  message: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly code?: string,
    readonly errors?: ProblemEntry[],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  406: 'Not Acceptable', 409: 'Conflict', 413: 'Content Too Large', 415: 'Unsupported Media Type',
  422: 'Unprocessable Content', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export const notFound = (what = 'The record'): HttpProblem => new HttpProblem(404, 'Not Found', `${what} does not exist or is not visible to you`);
export const forbidden = (detail: string): HttpProblem => new HttpProblem(403, 'Forbidden', detail);
export const conflict = (code: string, detail: string): HttpProblem => new HttpProblem(409, 'Conflict', detail, code);
export const unprocessable = (code: string, detail: string, extra: Record<string, unknown> = {}): HttpProblem =>
  new HttpProblem(422, 'Unprocessable Content', detail, code, undefined, extra);

/** Refusal codes of workflow validators that are not business-rule refusals (422). */
const CODE_STATUS: Record<string, number> = {
  task_not_found: 404,
  request_not_found: 404,
  task_not_open: 409,
  task_claimed: 409,
  request_not_pending: 409,
  case_closed: 409,
  work_plan_item_not_found: 404,
  work_plan_item_not_open: 409,
  assessment_closed: 409,
  work_plan_closed: 409,
  match_not_open: 409,
  in_active_match: 409,
  reference_link_used: 404,
};

/** Turns a Temporal Update refusal into the API's problem. */
export function problemFromTemporal(err: unknown): HttpProblem | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type) {
    const code = err.cause.type;
    const status = CODE_STATUS[code] ?? 422;
    return new HttpProblem(status, TITLES[status], err.cause.message, code);
  }
  if (err instanceof WorkflowNotFoundError || (err instanceof Error && /workflow execution already completed/i.test(err.message))) {
    return conflict('case_closed', 'The case is closed');
  }
  return undefined;
}

export function sendProblem(res: Response, p: HttpProblem, instance?: string): void {
  res
    .status(p.status)
    .type('application/problem+json')
    .json({
      type: p.code ? `https://mentorflow.dev/problems/${p.code}` : 'about:blank',
      title: p.title,
      status: p.status,
      ...(p.detail ? { detail: p.detail } : {}),
      ...(p.code ? { code: p.code } : {}),
      ...(p.errors ? { errors: p.errors } : {}),
      ...(instance ? { instance } : {}),
      ...p.extra,
    });
}

export const unknownRoute: RequestHandler = (req) => {
  throw new HttpProblem(404, 'Not Found', `No route ${req.method} ${req.path}`);
};

export function errorHandler(log: (msg: string, err: unknown) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof HttpProblem) return sendProblem(res, err, req.originalUrl);
    const fromTemporal = problemFromTemporal(err);
    if (fromTemporal) return sendProblem(res, fromTemporal, req.originalUrl);
    // body-parser errors: malformed JSON, wrong content type, too large
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.parse.failed') {
      return sendProblem(res, new HttpProblem(400, 'Bad Request', 'The request body is not valid JSON', 'malformed_json', [{ path: '', message: e.message ?? 'invalid JSON' }]), req.originalUrl);
    }
    if (e.status && e.status >= 400 && e.status < 500) {
      return sendProblem(res, new HttpProblem(e.status, TITLES[e.status] ?? 'Bad Request', e.message), req.originalUrl);
    }
    log(`unhandled error on ${req.method} ${req.path}`, err);
    sendProblem(res, new HttpProblem(500, 'Internal Server Error', 'Something went wrong; nothing you sent was lost, try again'), req.originalUrl);
  };
}
