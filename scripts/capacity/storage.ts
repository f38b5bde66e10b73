/**
 * What the cases of a run leave behind: Temporal history (events and bytes, as the server
 * describes each workflow), the read model's rows and bytes (every table's row count and
 * pg_total_relation_size: indexes and TOAST included), and the e-mails in the outbox.
 */
import { sql } from 'kysely';
import type { Client } from '@temporalio/client';
import type { Db } from '../../db';

export interface Stored {
  rows: number;
  bytes: number;
  emails: number;
  /** The Temporal server's own databases on the same PostgreSQL (the cluster; 0 on the dev server). */
  temporalBytes: number;
  byTable: Record<string, { rows: number; bytes: number }>;
}

export async function readModel(db: Db): Promise<Stored> {
  const tables = await sql<{ name: string; bytes: string }>`
    SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname NOT LIKE 'kysely%'`.execute(db);
  const byTable: Stored['byTable'] = {};
  for (const t of tables.rows) {
    const n = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(t.name)}`.execute(db);
    byTable[t.name] = { rows: Number(n.rows[0].n), bytes: Number(t.bytes) };
  }
  const sum = (k: 'rows' | 'bytes') => Object.values(byTable).reduce((a, t) => a + t[k], 0);
  const temporal = await sql<{ bytes: string | null }>`
    SELECT sum(pg_database_size(datname)) AS bytes FROM pg_database WHERE datname LIKE 'temporal%'`.execute(db);
  const temporalBytes = Number(temporal.rows[0]?.bytes ?? 0);
  return { rows: sum('rows'), bytes: sum('bytes'), emails: byTable.email_outbox?.rows ?? 0, temporalBytes, byTable };
}

export function storedDelta(after: Stored, before: Stored, per: number) {
  const tables = Object.keys(after.byTable)
    .map((name) => ({
      name,
      rows: (after.byTable[name].rows - (before.byTable[name]?.rows ?? 0)) / per,
      bytes: (after.byTable[name].bytes - (before.byTable[name]?.bytes ?? 0)) / per,
    }))
    .filter((t) => t.rows || t.bytes);
  return {
    rows: (after.rows - before.rows) / per,
    bytes: (after.bytes - before.bytes) / per,
    emails: (after.emails - before.emails) / per,
    temporalBytes: (after.temporalBytes - before.temporalBytes) / per,
    tables,
  };
}

/** The workflow ids of every case in the read model. */
export async function workflowIds(db: Db): Promise<Set<string>> {
  const rows = await sql<{ workflow_id: string }>`SELECT workflow_id FROM cases`.execute(db);
  return new Set(rows.rows.map((r) => r.workflow_id));
}

/** Events and bytes of these workflows' histories, summed (the current run of each). */
export async function histories(client: Client, ids: Iterable<string>) {
  let events = 0;
  let bytes = 0;
  let workflows = 0;
  for (const id of ids) {
    const d = await client.workflow.getHandle(id).describe();
    events += d.historyLength;
    bytes += d.historySize ?? 0;
    workflows++;
  }
  return { events, bytes, workflows };
}
