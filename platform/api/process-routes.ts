/**
 * How the API mounts each registered process's routes without naming one: a process's
 * descriptor names the folder (inside its own) whose index.ts exports `registerRoutes`, and
 * the API loads it from there. A process may add public pages (the small HTML forms behind
 * e-mailed links, rate-limited as public) and public forms (rate-limited per address).
 * The routes stay out of the descriptor so that workflow code never loads Express.
 */
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import type { Db } from '../../db';
import type { PolicySource } from '../../lib/policy-versions';
import { PROCESSES } from '../workflow/registry';
import type { ApiBuilder } from './http';
import './http'; // extends zod with .openapi() before any process's routes load

export interface RouteContext {
  api: ApiBuilder;
  db: Db;
  temporal: Client;
  /** The policy a new case starts with: the newest saved version, read at each start. */
  policies: PolicySource;
  /** Task queue new workflows start on (tests use one per suite). */
  taskQueue: string;
}

/** A page outside /api/v1 behind an e-mailed link: `path` is its prefix (HTML forms, public rate limit). */
export interface PublicPage {
  path: string;
  mount: (app: Express) => void;
}

export interface ProcessRoutes {
  pages?: PublicPage[];
  /** Paths under /api/v1 of forms anyone may post (rate-limited per address and day). */
  publicForms?: string[];
}

export type RegisterRoutes = (ctx: RouteContext) => ProcessRoutes | void;

const PROCESSES_DIR = path.join(__dirname, '..', '..', 'processes');

/** Each registered process's `registerRoutes`, in the registry's order. */
export function processRoutes(): { name: string; registerRoutes: RegisterRoutes }[] {
  return PROCESSES.map((p) => {
    const file = path.join(PROCESSES_DIR, p.name, p.routes);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by the folder the descriptor names
    const mod = require(file) as { registerRoutes?: RegisterRoutes };
    if (typeof mod.registerRoutes !== 'function') throw new Error(`${file} exports no registerRoutes`);
    return { name: p.name, registerRoutes: mod.registerRoutes };
  });
}
