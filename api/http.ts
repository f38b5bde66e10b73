/**
 * One declaration per route: the zod schemas validate the request and also generate the
 * OpenAPI document, so the contract served at /openapi.json cannot drift from the code.
 */
import { createHash } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z, type ZodTypeAny } from 'zod';
import type { Db } from '../db';
import { createAuthenticator, requireUser, type Role, type User } from './auth';
import { HttpProblem, type ProblemEntry } from './errors';

extendZodWithOpenApi(z);

export function zodProblems(err: z.ZodError, where: string): ProblemEntry[] {
  return err.issues.map((i) => ({ path: [where, ...i.path].join('.'), message: i.message }));
}

function parseOr400<T extends ZodTypeAny>(schema: T, value: unknown, where: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new HttpProblem(400, 'Bad Request', `The ${where} is not valid`, 'validation_failed', zodProblems(r.error, where));
  }
  return r.data;
}

export interface Ctx<B, Q> {
  req: Request;
  res: Response;
  user: User;
  body: B;
  query: Q;
  params: Record<string, string>;
}

export interface Reply {
  status?: number;
  body?: unknown;
  /** Sent as is with this content type (e.g. CSV). */
  raw?: { type: string; text: string };
}

export interface RouteSpec<B extends ZodTypeAny, Q extends ZodTypeAny> {
  method: 'get' | 'post' | 'put';
  path: string;
  summary: string;
  tag: string;
  /** 'public': no token; 'any': any signed-in user; otherwise the roles admitted. */
  auth: 'public' | 'any' | readonly Role[];
  body?: B;
  query?: Q;
  response?: ZodTypeAny;
  status?: number;
  /** A creating POST: honours the Idempotency-Key header. */
  idempotent?: boolean;
  /** Error statuses this route may answer, for the document. */
  errors?: number[];
  handler: (ctx: Ctx<z.infer<B>, z.infer<Q>>) => Promise<Reply>;
}

export const problemSchema = z
  .object({
    type: z.string(), title: z.string(), status: z.number().int(), detail: z.string().optional(),
    code: z.string().optional(), errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const ANONYMOUS: User = { sub: 'anonymous', roles: [], tokens: [] };

export class ApiBuilder {
  readonly router = express.Router();
  readonly registry = new OpenAPIRegistry();
  private readonly authenticate;

  constructor(
    private readonly db: Db,
    auth: Parameters<typeof createAuthenticator>[0],
  ) {
    this.authenticate = createAuthenticator(auth);
    this.registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  }

  route<B extends ZodTypeAny = z.ZodUndefined, Q extends ZodTypeAny = z.ZodUndefined>(spec: RouteSpec<B, Q>): void {
    const openapiPath = spec.path.replace(/:(\w+)/g, '{$1}');
    const params = [...spec.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    const errorStatuses = [...new Set([400, ...(spec.auth === 'public' ? [] : [401, 403]), ...(spec.errors ?? [])])];
    this.registry.registerPath({
      method: spec.method,
      path: `/api/v1${openapiPath}`,
      summary: spec.summary,
      tags: [spec.tag],
      ...(spec.auth === 'public' ? {} : { security: [{ bearer: [] }] }),
      request: {
        ...(params.length ? { params: z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) } : {}),
        ...(spec.query ? { query: spec.query as never } : {}),
        ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } } } } : {}),
        ...(spec.idempotent ? { headers: z.object({ 'Idempotency-Key': z.string().max(200).optional() }) } : {}),
      },
      responses: {
        [spec.status ?? 200]: {
          description: 'Success',
          ...(spec.response ? { content: { 'application/json': { schema: spec.response } } } : {}),
        },
        ...Object.fromEntries(errorStatuses.map((s) => [s, { description: 'Problem', content: { 'application/problem+json': { schema: problemSchema } } }])),
      },
    });

    const guard = spec.auth === 'public'
      ? async (req: Request, _res: Response, next: () => void) => {
          req.user = (await this.authenticate(req)) ?? ANONYMOUS;
          next();
        }
      : requireUser(this.authenticate, spec.auth === 'any' ? undefined : spec.auth);

    this.router[spec.method](spec.path, guard, async (req: Request, res: Response) => {
      const body = spec.body ? parseOr400(spec.body, req.body ?? undefined, 'body') : undefined;
      const query = spec.query ? parseOr400(spec.query, req.query, 'query') : undefined;
      const ctx = { req, res, user: req.user!, body, query, params: req.params as Record<string, string> };
      const run = () => spec.handler(ctx);
      const reply = spec.idempotent ? await this.withIdempotency(req, spec.path, run) : await run();
      if (reply.raw) {
        res.status(reply.status ?? spec.status ?? 200).type(reply.raw.type).send(reply.raw.text);
        return;
      }
      res.status(reply.status ?? spec.status ?? 200).json(reply.body);
    });
  }

  /**
   * The same Idempotency-Key with the same body returns the first response again and
   * creates nothing new; the same key with another body is refused. A first request still
   * in flight holds the key, so a concurrent duplicate gets 409 rather than a second record.
   */
  private async withIdempotency(req: Request, route: string, run: () => Promise<Reply>): Promise<Reply> {
    const key = req.header('idempotency-key');
    if (!key) return run();
    if (key.length > 200) throw new HttpProblem(400, 'Bad Request', 'Idempotency-Key is at most 200 characters', 'validation_failed', [{ path: 'header.Idempotency-Key', message: 'too long' }]);
    const principal = req.user!.sub;
    const path = req.originalUrl.split('?')[0];
    const hash = createHash('sha256').update(JSON.stringify(req.body ?? null)).digest('hex');
    const inserted = await this.db
      .insertInto('idempotency_keys')
      .values({ principal, route: `${req.method} ${path}`, key, request_hash: hash, status_code: 0, response: JSON.stringify(null) as never })
      .onConflict((oc) => oc.columns(['principal', 'route', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!inserted) {
      const prior = await this.db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('principal', '=', principal)
        .where('route', '=', `${req.method} ${path}`)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      if (prior.request_hash !== hash) {
        throw new HttpProblem(422, 'Unprocessable Content', 'This Idempotency-Key was used with a different request body', 'idempotency_key_reused');
      }
      if (prior.status_code === 0) throw new HttpProblem(409, 'Conflict', 'A request with this Idempotency-Key is still in progress', 'request_in_progress');
      return { status: prior.status_code, body: prior.response };
    }
    const release = () =>
      this.db.deleteFrom('idempotency_keys').where('principal', '=', principal).where('route', '=', `${req.method} ${path}`).where('key', '=', key).execute();
    try {
      const reply = await run();
      await this.db
        .updateTable('idempotency_keys')
        .set({ status_code: reply.status ?? 201, response: JSON.stringify(reply.body ?? null) as never })
        .where('principal', '=', principal)
        .where('route', '=', `${req.method} ${path}`)
        .where('key', '=', key)
        .execute();
      return reply;
    } catch (err) {
      // A refused request created nothing: the key stays free for a corrected retry.
      await release();
      throw err;
    }
  }

  openApiDocument(): object {
    return new OpenApiGeneratorV31(this.registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: { title: 'mentorflow API', version: '1.0.0', description: 'Case management for statewide youth-mentoring partnerships.' },
      servers: [{ url: '/' }],
    });
  }
}

/** Lists: `?limit=` (default 50, max 200) and an opaque `?cursor=`. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
};

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): unknown[] | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v)) return v;
  } catch {
    /* fall through */
  }
  throw new HttpProblem(400, 'Bad Request', 'The cursor is not valid', 'validation_failed', [{ path: 'query.cursor', message: 'invalid cursor' }]);
}
