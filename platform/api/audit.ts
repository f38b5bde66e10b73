/**
 * The audit log (docs/administration.md, "Audit"): every administrative change — a person
 * added, edited, deactivated, imported, or changed by the identity provider, an absence, a
 * handover, a program's level or referral settings, an incident retried, a doctor repair — is one row
 * with who made it, when, what it was before and after, and why when they said. A change the
 * API writes itself is recorded in the same transaction, so there is no change without its row;
 * a change a case's workflow makes (a level, a retry) is recorded once the case accepted it.
 * `auditCsv` renders it for a spreadsheet, formula-safe (csv.ts).
 */
import type { Transaction } from 'kysely';
import type { Database, Db } from '../../db';
import { csvCell } from './csv';

export interface AuditActor {
  id: string;
  name?: string;
}

/** A signed-in person as the actor of an audit row: their id and name. */
export function auditActor(user: { sub: string; name?: string }): AuditActor {
  return { id: user.sub, ...(user.name ? { name: user.name } : {}) };
}

/** The identity provider, as the actor of what it changes over SCIM. */
export const SCIM_ACTOR: AuditActor = { id: 'scim', name: 'Identity provider (SCIM)' };

export const AUDIT_KINDS = [
  'person_created',
  'person_updated',
  'person_deactivated',
  'person_reactivated',
  'person_deleted',
  'people_imported',
  'absence_set',
  'absence_ended',
  'tasks_handed_over',
  'template_changed',
  'template_reset',
  'question_bank_published',
  'survey_instrument_published',
  'policy_changed',
  'program_level_set',
  'program_referral_settings_changed',
  'incident_retried',
  'doctor_repaired',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

export interface AuditEntry {
  actor: AuditActor;
  kind: AuditKind;
  target: string;
  before: unknown;
  after: unknown;
  reason?: string;
}

export async function recordAudit(tx: Transaction<Database> | Db, e: AuditEntry): Promise<void> {
  await tx
    .insertInto('audit_events')
    .values({
      // Milliseconds, as the API writes instants: a page's cursor then names an event exactly.
      at: new Date(),
      actor_id: e.actor.id,
      actor_name: e.actor.name ?? null,
      kind: e.kind,
      target: e.target,
      before: e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
      after: e.after === null || e.after === undefined ? null : JSON.stringify(e.after),
      reason: e.reason ?? null,
    })
    .execute();
}

export interface AuditItem {
  id: string;
  at: string;
  actor: { id: string; name?: string };
  kind: string;
  target: string;
  before: unknown;
  after: unknown;
  reason?: string;
}

export async function listAudit(
  db: Db,
  q: {
    from?: string;
    to?: string;
    kind?: string;
    after?: [string, string];
    limit: number;
    /** Oldest first (the default: an export reads in order), or newest first (what an admin looks at). */
    order?: 'oldest' | 'newest';
  },
): Promise<{ rows: AuditItem[] }> {
  let query = db.selectFrom('audit_events').selectAll();
  if (q.from) query = query.where('at', '>=', new Date(q.from));
  if (q.to) query = query.where('at', '<', new Date(q.to));
  if (q.kind) query = query.where('kind', '=', q.kind);
  const newest = q.order === 'newest';
  const past = newest ? '<' : '>';
  if (q.after) {
    const [at, id] = q.after;
    query = query.where((eb) =>
      eb.or([eb('at', past, new Date(at)), eb.and([eb('at', '=', new Date(at)), eb('id', past, id)])]),
    );
  }
  const direction = newest ? 'desc' : 'asc';
  const rows = await query.orderBy('at', direction).orderBy('id', direction).limit(q.limit).execute();
  return {
    rows: rows.map((r) => ({
      id: String(r.id),
      at: new Date(r.at).toISOString(),
      actor: { id: r.actor_id, ...(r.actor_name ? { name: r.actor_name } : {}) },
      kind: r.kind,
      target: r.target,
      before: r.before ?? null,
      after: r.after ?? null,
      ...(r.reason ? { reason: r.reason } : {}),
    })),
  };
}

/** The audit log as CSV: one line per change, before and after as JSON text in their cells. */
export function auditCsv(items: AuditItem[]): string {
  const header = ['at', 'actorId', 'actorName', 'kind', 'target', 'before', 'after', 'reason'];
  const lines = items.map((i) =>
    [
      i.at,
      i.actor.id,
      i.actor.name,
      i.kind,
      i.target,
      i.before === null ? '' : JSON.stringify(i.before),
      i.after === null ? '' : JSON.stringify(i.after),
      i.reason,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
