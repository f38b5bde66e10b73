/**
 * One declaration per route: the zod schemas validate the request and also generate the
 * OpenAPI document, so the contract served at /openapi.json cannot drift from the code.
 */
import { randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z, type ZodTypeAny } from 'zod';
import type { Db } from '../../db';
import { requireUser, type AuthConfig, type Role, type User } from './auth';
import { issuesAt } from '../workflow/input';
import { forbidden, HttpProblem, worded } from './errors';
import { contextOf } from './observability';
import { directoryAuthenticator } from './people';
import { derivedUuid, idempotencyKeyOf, withIdempotency, type Reply } from './idempotency';
import type { RequestHandler } from 'express';

extendZodWithOpenApi(z);

function parseOr400<T extends ZodTypeAny>(schema: T, value: unknown, where: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const p = worded(
      new HttpProblem(400, 'Bad Request', `The ${where} is not valid`, 'validation_failed', issuesAt(r.error, where)),
      `detail.invalid.${where}`,
    );
    p.issues = r.error.issues;
    throw p;
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

export interface RouteSpec<B extends ZodTypeAny, Q extends ZodTypeAny> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  /** 'public': no token; 'any': any signed-in user; otherwise the roles admitted. */
  auth: 'public' | 'any' | readonly Role[];
  body?: B;
  /** The body's media type when it is not JSON (a CSV upload: the body arrives as a string). */
  bodyType?: 'text/csv';
  /** Open to a signed-in person the directory refuses (GET /me: they learn why). */
  outsideDirectory?: boolean;
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
  /** Token verified, sign-in remembered, roles from the token or the directory (people.ts). */
  readonly authenticate;

  constructor(
    private readonly db: Db,
    auth: AuthConfig,
    /** Rate limit of public routes (no token needed). */
    private readonly publicLimit: RequestHandler,
  ) {
    // Everyone who signs in is remembered in the people table (assignees come from it), and
    // acts with the roles the token or the directory gives them (people.ts).
    this.authenticate = directoryAuthenticator(db, auth);
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
        ...(spec.body ? { body: { content: { [spec.bodyType ?? 'application/json']: { schema: spec.body } } } } : {}),
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
            const user = await this.authenticate(req);
            req.user = user && !user.refused ? user : ANONYMOUS;
            next();
          }
        : requireUser(this.authenticate, spec.auth === 'any' ? undefined : spec.auth);
    // Someone the directory refuses (not in it, or deactivated) reads GET /me and nothing else.
    const listed: RequestHandler = (req, _res, next) => {
      const refused = req.user?.refused;
      if (refused && !spec.outsideDirectory && spec.auth !== 'public')
        throw forbidden(
          refused === 'deactivated'
            ? 'Your account is deactivated in the people directory'
            : 'You are not in the people directory; an administrator adds people',
        );
      next();
    };

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
    this.router[spec.method](spec.path, note, ...limits, guard, listed, async (req: Request, res: Response) => {
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
      const reply = spec.idempotent ? await withIdempotency(this.db, req, run) : await run();
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
