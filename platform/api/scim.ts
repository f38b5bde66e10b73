/**
 * SCIM 2.0 (RFC 7643, RFC 7644) at /scim/v2, for the agency's identity provider to keep
 * the people directory (docs/administration.md, "SCIM"): Users are directory people,
 * Groups are roles within a scope. Only the bearer of SCIM_TOKEN gets in (compared in
 * constant time); answers are `application/scim+json`, errors SCIM error objects.
 * Unset SCIM_TOKEN: nothing is mounted, /scim/v2 does not exist.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import type { Client } from '@temporalio/client';
import type { Db } from '../../db';
import { HttpProblem } from './errors';
import { registerScimUsers } from './scim-users';
import { registerScimGroups } from './scim-groups';

export const SCIM_BASE = '/scim/v2';
export const SCHEMA = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  enterprise: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  list: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patch: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  config: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
} as const;

/** A SCIM error (RFC 7644 §3.12): its HTTP status and, for 400 and 409, a scimType. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly scimType?: string,
  ) {
    super(detail);
  }
}

export function sendScim(res: Response, status: number, body: unknown): void {
  res.status(status).type('application/scim+json').send(JSON.stringify(body));
}

/** One page of a list (RFC 7644 §3.4.2.4): 1-based startIndex, count at most 200. */
export function pageParams(req: Request): { startIndex: number; count: number } {
  const int = (v: unknown, dflt: number) => {
    if (v === undefined || v === '') return dflt;
    const n = Number(v);
    if (!Number.isInteger(n)) throw new ScimError(400, 'startIndex and count are integers', 'invalidValue');
    return n;
  };
  return {
    startIndex: Math.max(1, int(req.query.startIndex, 1)),
    count: Math.min(200, Math.max(0, int(req.query.count, 100))),
  };
}

export function listResponse(all: unknown[], total: number, startIndex: number) {
  return { schemas: [SCHEMA.list], totalResults: total, startIndex, itemsPerPage: all.length, Resources: all };
}

/**
 * A filter of the form `attribute eq "value"` (what identity providers send to find a
 * user or group before creating it); anything else is refused with invalidFilter.
 */
export function parseEqFilter(
  filter: unknown,
  attributes: readonly string[],
): { attr: string; value: string } | undefined {
  if (filter === undefined || filter === '') return undefined;
  const m = typeof filter === 'string' ? /^\s*([A-Za-z.:0-9]+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter) : null;
  const attr = m && attributes.find((a) => a.toLowerCase() === m[1].toLowerCase());
  if (!m || !attr)
    throw new ScimError(400, `Only filters "<attribute> eq \\"value\\"" on ${attributes.join(', ')}`, 'invalidFilter');
  return { attr, value: m[2].replace(/\\(.)/g, '$1') };
}

const scimErrors: ErrorRequestHandler = (err, _req, res, _next) => {
  const e = err as { status?: number; type?: string; message?: string };
  const [status, detail, scimType] =
    err instanceof ScimError
      ? [err.status, err.message, err.scimType]
      : err instanceof HttpProblem
        ? [err.status, err.detail ?? err.title, err.status === 400 ? 'invalidValue' : undefined]
        : e.type === 'entity.parse.failed'
          ? [400, 'The body is not valid JSON', 'invalidSyntax']
          : e.status && e.status >= 400 && e.status < 500
            ? [e.status, e.message ?? 'Bad request', undefined]
            : [500, 'Something went wrong; try again', undefined];
  if (status === 500) console.error('scim: unhandled error', err);
  if (status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="scim"');
  sendScim(res, status, { schemas: [SCHEMA.error], status: String(status), ...(scimType ? { scimType } : {}), detail });
};

export interface ScimDeps {
  db: Db;
  temporal: Client;
  token: string;
  /** The public base URL of the API (meta.location). */
  baseUrl: string;
}

export function scimRouter(deps: ScimDeps): express.Router {
  const router = express.Router();
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  const expected = digest(`Bearer ${deps.token}`);
  router.use((req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    const given = req.headers.authorization;
    if (!given || !timingSafeEqual(digest(given), expected))
      throw new ScimError(401, 'The SCIM client must send Authorization: Bearer <SCIM_TOKEN>');
    if (['POST', 'PUT', 'PATCH'].includes(req.method) && !req.is(['application/scim+json', 'application/json']))
      throw new ScimError(415, 'Send application/scim+json');
    next();
  });
  const location = (path: string) => `${deps.baseUrl.replace(/\/+$/, '')}${SCIM_BASE}${path}`;
  router.get('/ServiceProviderConfig', (_req, res) =>
    sendScim(res, 200, {
      schemas: [SCHEMA.config],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [
        { type: 'oauthbearertoken', name: 'Bearer token', description: 'SCIM_TOKEN', primary: true },
      ],
      meta: { resourceType: 'ServiceProviderConfig', location: location('/ServiceProviderConfig') },
    }),
  );
  router.get('/ResourceTypes', (_req, res) => {
    const types = [
      { id: 'User', name: 'User', endpoint: '/Users', schema: SCHEMA.user, extensions: [SCHEMA.enterprise] },
      { id: 'Group', name: 'Group', endpoint: '/Groups', schema: SCHEMA.group },
    ].map(({ extensions, ...t }) => ({
      schemas: [SCHEMA.resourceType],
      ...t,
      ...(extensions ? { schemaExtensions: extensions.map((schema) => ({ schema, required: false })) } : {}),
      meta: { resourceType: 'ResourceType', location: location(`/ResourceTypes/${t.id}`) },
    }));
    sendScim(res, 200, listResponse(types, types.length, 1));
  });
  registerScimUsers(router, { ...deps, location });
  registerScimGroups(router, { ...deps, location });
  router.use((req) => {
    throw new ScimError(404, `No SCIM endpoint ${req.method} ${req.path}`);
  });
  router.use(scimErrors);
  return router;
}
