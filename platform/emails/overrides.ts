/**
 * The words admins saved for e-mails (table `email_templates`, docs/emails.md): read when an
 * outbox row is written, so an edit shows in the next e-mail of every case, running or new,
 * with no restart and nothing in workflow history. Each save is a new row; the newest version
 * of a message and language is used, and a newest row without words means "the file's".
 */
import type { Transaction } from 'kysely';
import type { Database, Db } from '../../db';
import type { EmailMessage, RenderedEmail } from '../workflow/records';
import { isTemplated, overrideKey, renderEmail, type Template, type TemplateOverrides } from './render';

type Reader = Db | Transaction<Database>;

export interface SavedTemplate {
  id: string;
  language: string;
  version: number;
  /** Null in a reset row: the file's words are used. */
  subject: string | null;
  body: string | null;
  updatedBy: string;
  updatedAt: Date;
}

/** The newest row of each (message, language) asked for, or of all when `ids` is left out. */
export async function newestSaved(db: Reader, ids?: readonly string[]): Promise<SavedTemplate[]> {
  if (ids && ids.length === 0) return [];
  let q = db
    .selectFrom('email_templates')
    .distinctOn(['id', 'language'])
    .selectAll()
    .orderBy('id')
    .orderBy('language')
    .orderBy('version', 'desc');
  if (ids) q = q.where('id', 'in', [...ids]);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    language: r.language,
    version: r.version,
    subject: r.subject,
    body: r.body,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  }));
}

/** The saved words in use (resets left out) of the given messages, keyed for render.ts. */
export async function savedOverrides(db: Reader, ids: readonly string[]): Promise<TemplateOverrides> {
  const out = new Map<string, Template>();
  for (const r of await newestSaved(db, [...new Set(ids)])) {
    if (r.subject !== null && r.body !== null)
      out.set(overrideKey(r.id, r.language), { subject: r.subject, body: r.body });
  }
  return out;
}

/** Renders messages with the words saved now (one query), else their files. */
export async function renderWithSavedWords(db: Reader, messages: readonly EmailMessage[]): Promise<RenderedEmail[]> {
  const ids = messages.filter(isTemplated).map((m) => m.template);
  const overrides = ids.length ? await savedOverrides(db, ids) : new Map<string, Template>();
  return messages.map((m) => renderEmail(m, overrides));
}
