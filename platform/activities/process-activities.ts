/**
 * Where the workers find a process's own activities: a process that has any declares their
 * names by worker (its descriptor's `activities`: `cases` run on the case worker, `mail` —
 * anything that talks SMTP — on the mail worker) and exports `createActivities(deps)` from
 * its activities/index.ts. The worker loads them by folder, so neither the worker nor the
 * platform names a process's activity. Names are what running histories schedule: a
 * declared name without its function (or a function not declared) is a bug found at start.
 */
import path from 'node:path';
import type { Db } from '../../db';
import { PROCESSES } from '../workflow/registry';
import type { Mailer, OutboxHooks } from './email';

/** What a process's activities get: the read model, the mailer, the clock and the outbox's test hooks. */
export interface ProcessActivityDeps {
  db: Db;
  mailer: Mailer;
  clock?: () => Date;
  hooks?: OutboxHooks;
}

type Activity = (...args: never[]) => Promise<unknown>;
export type ActivityWorker = 'cases' | 'mail';

const PROCESSES_DIR = path.join(__dirname, '..', '..', 'processes');

/** Every registered process's activities that run on `worker`, by name. */
export function loadProcessActivities(worker: ActivityWorker, deps: ProcessActivityDeps): Record<string, Activity> {
  const found: Record<string, Activity> = {};
  for (const p of PROCESSES) {
    const declared = p.activities ?? {};
    const names = [...(declared.cases ?? []), ...(declared.mail ?? [])];
    if (!names.length) continue;
    const file = path.join(PROCESSES_DIR, p.name, 'activities');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by the folder the descriptor names
    const mod = require(file) as { createActivities?: (deps: ProcessActivityDeps) => Record<string, Activity> };
    if (typeof mod.createActivities !== 'function') throw new Error(`${file} exports no createActivities`);
    const made = mod.createActivities(deps);
    const undeclared = Object.keys(made).filter((n) => !names.includes(n));
    if (undeclared.length) throw new Error(`${file} makes activities its descriptor does not list: ${undeclared}`);
    for (const name of declared[worker] ?? []) {
      if (typeof made[name] !== 'function') throw new Error(`${file} makes no activity ${name}`);
      if (found[name]) throw new Error(`activity ${name} is declared twice`);
      found[name] = made[name];
    }
  }
  return found;
}
