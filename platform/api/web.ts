/**
 * The web app, served by the product itself: the built single-page app (web/dist) at `/`
 * with its client-side routes falling back to index.html; and, in development only, the
 * sign-in of demo people — `GET /auth/dev/people` lists the people `npm run seed` made
 * (with their labels, "employee, CDT") and the active people of the directory, `POST /auth/dev/token { id }` signs a token with
 * that person's claims. It exists only while HS256 development tokens do (never with
 * NODE_ENV=production or OIDC), so it is no door into a real deployment. OIDC sign-in
 * itself happens in the browser (web/src/oidc.ts); this file only says where to go.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { z } from 'zod';
import type { ExpressionBuilder } from 'kysely';
import type { Database, Db } from '../../db';
import type { OidcSignIn } from '../../lib/config';
import { mintToken } from './auth';
import { HttpProblem, sendProblem } from './errors';

export const WEB_DIST = path.resolve(__dirname, '..', '..', 'web', 'dist');

/** Paths that are never the web app's (the API, its docs, operations); the processes' own pages are added. */
const NOT_WEB = /^\/(api|auth|docs|openapi\.json|metrics|health|ready)(\/|$)/;

/**
 * How the web app signs people in: `GET /auth/config` names the OIDC provider and the
 * web app's public client (authorization code flow with PKCE in the browser: no client
 * secret exists to leak), and whether the development list of demo people is there.
 */
export function mountSignInConfig(app: Express, cfg: { oidc?: OidcSignIn; devSignIn: boolean }): void {
  app.get('/auth/config', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.json({ devSignIn: cfg.devSignIn, ...(cfg.oidc ? { oidc: cfg.oidc } : {}) });
  });
}

/** Who the development sign-in offers: the demo people, and the active people of the directory. */
const signsInHere = (eb: ExpressionBuilder<Database, 'people'>) =>
  eb.or([eb('demo_label', 'is not', null), eb.and([eb('in_directory', '=', true), eb('active', '=', true)])]);

/** A demo person's label, or a directory person's roles ("employee, CDT"). */
const labelOf = (p: { demo_label: string | null; roles: string[]; department: string | null }) =>
  p.demo_label ?? [p.roles.join(', ') || 'no role', p.department].filter(Boolean).join(', ');

export function mountDevSignIn(app: Express, db: Db, secret: string): void {
  app.get('/auth/dev/people', async (_req, res) => {
    const people = await db
      .selectFrom('people')
      .select(['id', 'name', 'demo_label', 'roles', 'department'])
      .where(signsInHere)
      .orderBy('demo_label')
      .orderBy('name')
      .execute();
    res.json({ items: people.map((p) => ({ id: p.id, name: p.name ?? p.id, label: labelOf(p) })) });
  });
  app.post('/auth/dev/token', async (req, res) => {
    const body = z.object({ id: z.string().min(1).max(200) }).safeParse(req.body);
    if (!body.success)
      return sendProblem(
        res,
        new HttpProblem(400, 'Bad Request', 'Name the demo person to sign in as', 'validation_failed'),
      );
    const p = await db
      .selectFrom('people')
      .selectAll()
      .where('id', '=', body.data.id)
      .where(signsInHere)
      .executeTakeFirst();
    if (!p) return sendProblem(res, new HttpProblem(404, 'Not Found', 'No such demo person; run npm run seed'));
    const token = await mintToken(secret, {
      sub: p.id,
      roles: p.roles,
      ...(p.name ? { name: p.name } : {}),
      ...(p.email ? { email: p.email } : {}),
      ...(p.department ? { department: p.department } : {}),
      ...(p.program_id ? { programId: p.program_id } : {}),
      ...(p.college_id ? { collegeId: p.college_id } : {}),
    });
    res.json({
      token,
      person: {
        id: p.id,
        name: p.name,
        email: p.email ?? undefined,
        roles: p.roles,
        department: p.department ?? undefined,
        programId: p.program_id ?? undefined,
        collegeId: p.college_id ?? undefined,
        label: labelOf(p),
      },
    });
  });
}

/** The built web app, if there is one (`npm run web:build`; `npm start` builds it when missing). */
export function mountWebApp(app: Express, pagePaths: readonly string[] = []): void {
  const processPage = (p: string) => pagePaths.some((page) => p === page || p.startsWith(`${page}/`));
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) return;
  app.use(
    express.static(WEB_DIST, {
      index: false,
      maxAge: '1h',
      setHeaders: (res, file) => {
        // Hashed assets never change; index.html always comes fresh.
        if (file.includes(`${path.sep}assets${path.sep}`))
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.get(/.*/, (req, res, next) => {
    if (NOT_WEB.test(req.path) || processPage(req.path) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(WEB_DIST, 'index.html'));
  });
}
