/**
 * Where the read-model activity finds a process's writers: a process that writes rows of
 * its own declares their kinds (its descriptor's `projectionKinds`) and exports
 * `projectionWriters` from its projection.ts, one writer per kind. The worker loads them
 * by folder, so neither workflow code nor the platform names a process's table.
 */
import path from 'node:path';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { CaseSnapshot } from '../workflow/records';
import { PROCESSES } from '../workflow/registry';

/** What a writer gets beside its row: the transaction, the case written with it, the clock. */
export interface ProjectionContext {
  trx: Transaction<Database>;
  /** The case of the transition (absent for records that are not cases). */
  case?: CaseSnapshot;
  now: () => Date;
}

/** Writes one row of its kind, idempotently (a retried transition writes it again). */
export type ProjectionWriter = (row: unknown, ctx: ProjectionContext) => Promise<void>;
export type ProjectionWriters = Record<string, ProjectionWriter>;

const PROCESSES_DIR = path.join(__dirname, '..', '..', 'processes');

/** Every registered process's writers by kind; a declared kind without a writer is a bug found at start. */
export function loadProjectionWriters(): ProjectionWriters {
  const writers: ProjectionWriters = {};
  for (const p of PROCESSES) {
    const kinds = p.projectionKinds ?? [];
    if (!kinds.length) continue;
    const file = path.join(PROCESSES_DIR, p.name, 'projection');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by the folder the descriptor names
    const mod = require(file) as { projectionWriters?: ProjectionWriters };
    for (const kind of kinds) {
      const writer = mod.projectionWriters?.[kind];
      if (typeof writer !== 'function') throw new Error(`${file} exports no projection writer for ${kind}`);
      if (writers[kind]) throw new Error(`projection kind ${kind} is declared twice`);
      writers[kind] = writer;
    }
  }
  return writers;
}
