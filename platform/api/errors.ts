/**
 * RFC 9457 problem+json for every error the API returns, in the caller's language
 * (Accept-Language, platform/i18n): `title`, `detail` and each `errors[].message` in Spanish
 * when asked and the catalogue has the words, English otherwise; `code` never changes.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { refusalStatus, type Refusal } from '../workflow/refusals';
import { StillWorking } from './updates';
import type { ZodIssue } from 'zod';
import { DEFAULT_LANGUAGE } from '../emails/messages';
import { hasMessage, message, translateText, type MessageValues } from '../i18n/catalogue';
import { issueMessage } from '../i18n/issues';
import { requestLanguage, type Language } from '../i18n/language';

export interface ProblemEntry {
  path: string;
  message: string;
}

export class HttpProblem extends Error {
  /** The detail's catalogue key and values, for the other languages (platform/i18n/messages). */
  text?: { key: string; values?: MessageValues };
  /** The zod issues behind `errors` (one each, in order): their messages by issue code in other languages. */
  issues?: ZodIssue[];
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
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** A problem whose detail the catalogue has under `key` (with these values). */
export function worded(p: HttpProblem, key: string, values?: MessageValues): HttpProblem {
  p.text = { key, ...(values ? { values } : {}) };
  return p;
}

export const notFound = (what = 'The record'): HttpProblem =>
  worded(new HttpProblem(404, 'Not Found', `${what} does not exist or is not visible to you`), 'detail.not_found');
export const forbidden = (detail: string): HttpProblem => new HttpProblem(403, 'Forbidden', detail);
export const conflict = (code: string, detail: string): HttpProblem => new HttpProblem(409, 'Conflict', detail, code);
export const unprocessable = (code: string, detail: string, extra: Record<string, unknown> = {}): HttpProblem =>
  new HttpProblem(422, 'Unprocessable Content', detail, code, undefined, extra);

/** Turns a Temporal Update refusal into the API's problem, with the status of its code (refusals.ts). */
export function problemFromTemporal(err: unknown): HttpProblem | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type) {
    return problemFromRefusal({
      code: err.cause.type,
      message: err.cause.message,
      errors: err.cause.details?.[0] as ProblemEntry[] | undefined,
    });
  }
  if (
    err instanceof WorkflowNotFoundError ||
    (err instanceof Error && /workflow execution already completed/i.test(err.message))
  ) {
    return worded(conflict('case_closed', 'The case is closed'), 'detail.case_closed');
  }
  return undefined;
}

/**
 * A refusal (of the who-may-act rules, or any code of refusals.ts, raised here or in a
 * workflow's validator) as the API's problem, with the status its code has in the table.
 */
export function problemFromRefusal(r: Omit<Refusal, 'code'> & { code: string }): HttpProblem {
  const status = refusalStatus(r.code) ?? 422;
  return status === 400
    ? new HttpProblem(400, TITLES[400], r.message, 'validation_failed', r.errors, { refusal: r.code })
    : new HttpProblem(status, TITLES[status], r.message, r.code);
}

/** The words of a problem in a language: the catalogue's where it has them, else as raised (English). */
export function localize(p: HttpProblem, language: Language): Pick<HttpProblem, 'title' | 'detail' | 'errors'> {
  if (language === DEFAULT_LANGUAGE) return { title: p.title, detail: p.detail, errors: p.errors };
  const title = hasMessage(language, `title.${p.status}`) ? message(language, `title.${p.status}`) : p.title;
  let detail = p.detail;
  if (p.text) detail = message(language, p.text.key, p.text.values);
  else if (p.code && hasMessage(language, `code.${p.code}`)) detail = message(language, `code.${p.code}`);
  else if (p.detail) detail = translateText(language, p.detail) ?? p.detail;
  const errors = p.errors?.map((e, i) => {
    const issue = p.issues?.[i];
    return {
      path: e.path,
      message: issue ? issueMessage(language, issue) : (translateText(language, e.message) ?? e.message),
    };
  });
  return { title, detail, errors };
}

export function sendProblem(res: Response, p: HttpProblem, instance?: string): void {
  const { title, detail, errors } = localize(p, res.req ? requestLanguage(res.req) : DEFAULT_LANGUAGE);
  res
    .status(p.status)
    .type('application/problem+json')
    .json({
      type: p.code ? `https://mentorflow.dev/problems/${p.code}` : 'about:blank',
      title,
      status: p.status,
      ...(detail ? { detail } : {}),
      ...(p.code ? { code: p.code } : {}),
      ...(errors ? { errors } : {}),
      ...(instance ? { instance } : {}),
      ...p.extra,
    });
}

export const unknownRoute: RequestHandler = (req) => {
  throw worded(new HttpProblem(404, 'Not Found', `No route ${req.method} ${req.path}`), 'detail.no_route', {
    method: req.method,
    path: req.path,
  });
};

export function errorHandler(log: (msg: string, err: unknown) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof HttpProblem) return sendProblem(res, err, req.originalUrl);
    if (err instanceof StillWorking) {
      // Accepted, not failed: the case carries on and its URL shows where it stands.
      const url = `/api/v1/cases/${err.caseId}`;
      res.status(202).location(url).json({
        status: 'accepted',
        caseId: err.caseId,
        case: url,
        detail: 'The case is still working on this; look at the case for its outcome',
      });
      return;
    }
    const fromTemporal = problemFromTemporal(err);
    if (fromTemporal) return sendProblem(res, fromTemporal, req.originalUrl);
    // body-parser errors: malformed JSON, wrong content type, too large
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.parse.failed') {
      return sendProblem(
        res,
        worded(
          new HttpProblem(400, 'Bad Request', 'The request body is not valid JSON', 'malformed_json', [
            { path: '', message: e.message ?? 'invalid JSON' },
          ]),
          'detail.malformed_json',
        ),
        req.originalUrl,
      );
    }
    if (e.status && e.status >= 400 && e.status < 500) {
      return sendProblem(res, new HttpProblem(e.status, TITLES[e.status] ?? 'Bad Request', e.message), req.originalUrl);
    }
    log(
      `unhandled error on ${req.method} ${(res.locals.requestContext as { route?: string } | undefined)?.route ?? 'an unmatched route'}`,
      err,
    );
    sendProblem(
      res,
      worded(
        new HttpProblem(500, 'Internal Server Error', 'Something went wrong; nothing you sent was lost, try again'),
        'detail.internal',
      ),
      req.originalUrl,
    );
  };
}
