/**
 * One declaration per route: the zod schemas validate the request and also generate the
 * OpenAPI document, so the contract served at /openapi.json cannot drift from the code.
 */
import { createHash, randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z, type ZodTypeAny } from 'zod';
import type { ExpressionBuilder } from 'kysely';
import type { Database, Db } from '../../db';
import { createAuthenticator, requireUser, type Role, type User } from './auth';
import { issuesAt } from '../workflow/input';
import { HttpProblem } from './errors';
import { contextOf } from './observability';
import { rememberPerson } from './people';
import type { RequestHandler } from 'express';

extendZodWithOpenApi(z);

function parseOr400<T extends ZodTypeAny>(schema: T, value: unknown, where: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new HttpProblem(
      400,
      'Bad Request',
      `The ${where} is not valid`,
      'validation_failed',
      issuesAt(r.error, where),
    );
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
  /**
   * An id for what this request creates: derived from the Idempotency-Key when there is
   * one (so a retry after partial work finds the same case or Update), random otherwise.
   */
  newId(purpose?: string): string;
  /** The Update id for this request's Update: derived from the key, or undefined. */
  updateId(purpose?: string): string | undefined;
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
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const ANONYMOUS: User = { sub: 'anonymous', roles: [], declaredRoles: [], tokens: [] };

export class ApiBuilder {
  readonly router = express.Router();
  readonly registry = new OpenAPIRegistry();
  /** Every route with who it admits: the route × role × scope test is generated from it. */
  readonly routes: { method: string; path: string; auth: RouteSpec<ZodTypeAny, ZodTypeAny>['auth'] }[] = [];
  private readonly authenticate;

  constructor(
    private readonly db: Db,
    auth: Parameters<typeof createAuthenticator>[0],
    /** Rate limit of public routes (no token needed). */
    private readonly publicLimit: RequestHandler,
  ) {
    const authenticate = createAuthenticator(auth);
    // Everyone who signs in is remembered in the people directory (assignees come from it).
    this.authenticate = async (req: Request) => {
      const user = await authenticate(req);
      if (user) await rememberPerson(db, user);
      return user;
    };
    this.registry.registerComponent('securitySchemes', 'bearer', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
  }

  route<B extends ZodTypeAny = z.ZodUndefined, Q extends ZodTypeAny = z.ZodUndefined>(spec: RouteSpec<B, Q>): void {
    this.routes.push({ method: spec.method.toUpperCase(), path: spec.path, auth: spec.auth });
    const openapiPath = spec.path.replace(/:(\w+)/g, '{$1}');
    const params = [...spec.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    const errorStatuses = [
      ...new Set([
        400,
        ...(spec.auth === 'public' ? [429] : [401, 403]),
        ...(params.length ? [404] : []),
        ...(spec.errors ?? []),
      ]),
    ];
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
        ...Object.fromEntries(
          errorStatuses.map((s) => [
            s,
            { description: 'Problem', content: { 'application/problem+json': { schema: problemSchema } } },
          ]),
        ),
      },
    });

    const guard =
      spec.auth === 'public'
        ? async (req: Request, _res: Response, next: () => void) => {
            req.user = (await this.authenticate(req)) ?? ANONYMOUS;
            next();
          }
        : requireUser(this.authenticate, spec.auth === 'any' ? undefined : spec.auth);

    // What the request is about, for its log line, metrics label and span (IDs only; a token never).
    const note: RequestHandler = (req, res, next) => {
      const c = contextOf(res);
      if (c) {
        c.route = `/api/v1${spec.path}`;
        const id = (name: string) =>
          SAFE_PATH_PARAM.test(String(req.params[name] ?? '')) ? String(req.params[name]) : undefined;
        c.caseId ??= id('caseId');
        c.taskId ??= id('taskId');
      }
      next();
    };
    const limits: RequestHandler[] = spec.auth === 'public' ? [this.publicLimit] : [];
    this.router[spec.method](spec.path, note, ...limits, guard, async (req: Request, res: Response) => {
      // Ids in the path go into queries: one that no record could have is simply not found.
      for (const name of params) {
        if (!SAFE_PATH_PARAM.test(String(req.params[name] ?? '')))
          throw new HttpProblem(404, 'Not Found', `No such ${name}`);
      }
      const body = spec.body ? parseOr400(spec.body, req.body ?? undefined, 'body') : undefined;
      const query = spec.query ? parseOr400(spec.query, req.query, 'query') : undefined;
      const key = spec.idempotent ? idempotencyKeyOf(req) : undefined;
      const derived = (purpose: string) =>
        key
          ? derivedUuid(`${req.user!.sub}\n${req.method} ${req.originalUrl.split('?')[0]}\n${key}\n${purpose}`)
          : undefined;
      const ctx = {
        req,
        res,
        user: req.user!,
        body,
        query,
        params: req.params as Record<string, string>,
        newId: (purpose = 'create') => derived(purpose) ?? randomUUID(),
        updateId: (purpose = 'update') => derived(purpose),
      };
      const run = () => spec.handler(ctx);
      const reply = spec.idempotent ? await this.withIdempotency(req, run) : await run();
      if (reply.raw) {
        res
          .status(reply.status ?? spec.status ?? 200)
          .type(reply.raw.type)
          .send(reply.raw.text);
        return;
      }
      res.status(reply.status ?? spec.status ?? 200).json(reply.body);
    });
  }

  /**
   * The same Idempotency-Key with the same body (compared canonically: key order does not
   * matter) returns the first response again and creates nothing new; the same key with
   * another body is refused. A first request in flight holds the key under a lease, so a
   * concurrent duplicate gets 409; a request that crashed lets its lease lapse, and the
   * retry then finds the work it did (ids derive from the key). Keys expire after a day.
   */
  private async withIdempotency(req: Request, run: () => Promise<Reply>): Promise<Reply> {
    const key = idempotencyKeyOf(req);
    if (!key) return run();
    const principal = req.user!.sub;
    const where = `${req.method} ${req.originalUrl.split('?')[0]}`;
    const hash = createHash('sha256')
      .update(canonicalJson(req.body ?? null))
      .digest('hex');
    const thisKey = (eb: ExpressionBuilder<Database, 'idempotency_keys'>) =>
      eb.and([eb('principal', '=', principal), eb('route', '=', where), eb('key', '=', key)]);
    const now = new Date();
    const lease = new Date(now.getTime() + IDEMPOTENCY_LEASE_MS);
    // An expired key is forgotten; an in-flight one whose lease lapsed is taken over.
    await this.db.deleteFrom('idempotency_keys').where(thisKey).where('expires_at', '<', now).execute();
    const inserted = await this.db
      .insertInto('idempotency_keys')
      .values({
        principal,
        route: where,
        key,
        request_hash: hash,
        status_code: 0,
        response: JSON.stringify(null) as never,
        expires_at: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
        locked_until: lease,
      })
      .onConflict((oc) => oc.columns(['principal', 'route', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!inserted) {
      const prior = await this.db.selectFrom('idempotency_keys').selectAll().where(thisKey).executeTakeFirstOrThrow();
      if (prior.request_hash !== hash) {
        throw new HttpProblem(
          422,
          'Unprocessable Content',
          'This Idempotency-Key was used with a different request body',
          'idempotency_key_reused',
        );
      }
      if (prior.status_code !== 0) return { status: prior.status_code, body: prior.response };
      const takenOver = await this.db
        .updateTable('idempotency_keys')
        .set({ locked_until: lease })
        .where(thisKey)
        .where('status_code', '=', 0)
        .where('locked_until', '<', now)
        .returning('key')
        .executeTakeFirst();
      if (!takenOver)
        throw new HttpProblem(
          409,
          'Conflict',
          'A request with this Idempotency-Key is still in progress',
          'request_in_progress',
        );
    }
    try {
      const reply = await run();
      await this.db
        .updateTable('idempotency_keys')
        .set({
          status_code: reply.status ?? 201,
          response: JSON.stringify(reply.body ?? null) as never,
          locked_until: null,
        })
        .where(thisKey)
        .execute();
      return reply;
    } catch (err) {
      // A refused request created nothing: the key stays free for a corrected retry.
      await this.db.deleteFrom('idempotency_keys').where(thisKey).execute();
      throw err;
    }
  }

  openApiDocument(): object {
    return new OpenApiGeneratorV31(this.registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: {
        title: 'mentorflow API',
        version: '1.0.0',
        description: 'Case management for statewide youth-mentoring partnerships.',
      },
      servers: [{ url: '/' }],
    });
  }
}

/** What an id in a path may look like (uuids, business keys, one-time link tokens). */
const SAFE_PATH_PARAM = /^[A-Za-z0-9._:@|+~-]{1,200}$/;

const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
const IDEMPOTENCY_LEASE_MS = 60_000;

function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.header('idempotency-key');
  if (key === undefined || key === '') return undefined;
  if (key.length > 200 || !/^[\x21-\x7E]+$/.test(key)) {
    throw new HttpProblem(
      400,
      'Bad Request',
      'Idempotency-Key is 1 to 200 visible ASCII characters',
      'validation_failed',
      [{ path: 'header.Idempotency-Key', message: 'invalid' }],
    );
  }
  return key;
}

/** JSON with object keys sorted: two bodies that differ only in key order are the same. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** A UUID (v4 layout) derived from a string: the same request key always names the same record. */
export function derivedUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest();
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** Lists: `?limit=` (default 50, max 200) and an opaque `?cursor=`. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
};

/**
 * One page of a list fetched with `limit + 1` rows: the items, and the cursor of the last
 * one when there is more.
 */
export function pageOf<R, T>(
  rows: R[],
  limit: number,
  dto: (r: R) => T,
  cursorOf: (r: R) => unknown[],
): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return {
    items: page.map(dto),
    nextCursor: rows.length > limit ? encodeCursor(cursorOf(page[page.length - 1])) : null,
  };
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Cursors of lists ordered by a time or a text and then an id. */
export const CURSORS = {
  timeAndId: z.tuple([z.string().datetime(), z.string().min(1).max(200)]),
  textAndId: z.tuple([z.string().max(1000), z.string().min(1).max(200)]),
};

/** A cursor of the given shape, or 400 (never a 500 from a query that cannot run). */
export function decodeCursor<T extends ZodTypeAny>(cursor: string | undefined, shape: T): z.infer<T> | undefined {
  if (!cursor) return undefined;
  try {
    const r = shape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (r.success) return r.data;
  } catch {
    /* fall through */
  }
  throw new HttpProblem(400, 'Bad Request', 'The cursor is not valid', 'validation_failed', [
    { path: 'query.cursor', message: 'invalid cursor' },
  ]);
}
