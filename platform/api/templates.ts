/**
 * E-mail wording edited by admins (docs/emails.md, "Editing the words in the web app"): the
 * list of messages with their variables, the words in use per language, saving new words
 * (checked first: a placeholder the message has no variable for is refused, nothing saved),
 * a reset to the file, a preview with sample values and a test send to the admin alone.
 * Saves and resets are audit-logged in the same transaction as the row they write.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db';
import { EMAIL_CATALOGUES } from '../emails/catalogues';
import { EMAIL_LANGUAGES, LINK_PLACEHOLDER, type EmailLanguage, type EmailValue } from '../emails/messages';
import { newestSaved, savedOverrides } from '../emails/overrides';
import {
  fill,
  hasTemplateFile,
  overrideKey,
  placeholdersIn,
  resolveTemplate,
  type ResolvedTemplate,
  type Template,
} from '../emails/render';
import { recordAudit, type AuditActor } from './audit';
import { conflict, HttpProblem, type ProblemEntry } from './errors';

export interface MessageInfo {
  /** `<process>.<message-id>`, as the e-mails name their template. */
  id: string;
  process: string;
  message: string;
  /** The placeholders the words may use (`link` in every message). */
  variables: string[];
}

export const TEMPLATE_MESSAGES: ReadonlyMap<string, MessageInfo> = new Map(
  EMAIL_CATALOGUES.flatMap((c) =>
    Object.entries(c.messages).map(([message, vars]): [string, MessageInfo] => {
      const id = `${c.owner}.${message}`;
      return [id, { id, process: c.owner, message, variables: [...vars, LINK_PLACEHOLDER] }];
    }),
  ),
);

export const SUBJECT_MAX = 300;
export const BODY_MAX = 20_000;

const badRequest = (detail: string, errors: ProblemEntry[]) =>
  new HttpProblem(400, 'Bad Request', detail, 'validation_failed', errors);

/** The message and language a path names; 400 naming what is unknown. */
export function templateAt(id: string, language: string): { info: MessageInfo; language: EmailLanguage } {
  const errors: ProblemEntry[] = [];
  const info = TEMPLATE_MESSAGES.get(id);
  if (!info) errors.push({ path: 'params.id', message: `There is no e-mail template ${id}` });
  if (!(EMAIL_LANGUAGES as readonly string[]).includes(language))
    errors.push({ path: 'params.language', message: `Templates are in ${EMAIL_LANGUAGES.join(' or ')}` });
  if (!info || errors.length) throw badRequest('Unknown template or language', errors);
  return { info, language: language as EmailLanguage };
}

/** What is wrong with new words for a message: each unknown placeholder named, at its field. */
export function wordsProblems(info: MessageInfo, words: Template): ProblemEntry[] {
  const out: ProblemEntry[] = [];
  const known = new Set(info.variables);
  const listed = (names: string[]) => names.map((v) => `{{${v}}}`).join(', ');
  for (const field of ['subject', 'body'] as const) {
    const unknown = placeholdersIn(words[field]).filter((v) => !known.has(v));
    const s = unknown.length > 1 ? 's' : '';
    if (unknown.length)
      out.push({
        path: `body.${field}`,
        message: `Unknown variable${s} ${listed(unknown)}; this message has ${listed(info.variables)}`,
      });
  }
  if (/[\r\n]/.test(words.subject)) out.push({ path: 'body.subject', message: 'The subject is one line' });
  // A link may carry a one-time token: the outbox blanks it from a sent body, never from a subject.
  const links = placeholdersIn(words.subject).filter((v) => v === LINK_PLACEHOLDER || /Link$/.test(v));
  if (links.length)
    out.push({ path: 'body.subject', message: `Links belong in the body, not the subject: ${listed(links)}` });
  return out;
}

function checkWords(info: MessageInfo, words: Template): void {
  const problems = wordsProblems(info, words);
  if (problems.length) throw badRequest('The template names variables the message does not have', problems);
}

/** Sample values for a message's variables, made up from their names: never anyone's data. */
export function sampleValue(name: string): EmailValue {
  if (name === LINK_PLACEHOLDER || /Link$/.test(name)) return 'https://mentorflow.example.gov/sample-link';
  if (/^year$/i.test(name)) return 2027;
  if (/(date|until|deadline|dueAt)$/i.test(name)) return '2027-03-15';
  if (/hours$/i.test(name)) return 4;
  if (/^cap$/i.test(name)) return 80;
  if (/count$/i.test(name)) return 3;
  if (/firstName$/i.test(name)) return 'Sam';
  if (/name$/i.test(name))
    return `Sample ${name
      .replace(/Name$/, '')
      .replace(/([A-Z])/g, ' $1')
      .toLowerCase()}`.trim();
  if (/(reference|caseId|programId)$/i.test(name)) return 'SAMPLE-0001';
  return `[sample ${name}]`;
}

export function sampleVars(info: MessageInfo, given: Record<string, EmailValue> = {}): Record<string, EmailValue> {
  const unknown = Object.keys(given).filter((k) => !info.variables.includes(k));
  if (unknown.length)
    throw badRequest('The sample names variables the message does not have', [
      { path: 'body.sample', message: `Unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}` },
    ]);
  return Object.fromEntries(info.variables.map((v) => [v, given[v] ?? sampleValue(v)]));
}

export interface TemplateDetail extends MessageInfo {
  language: EmailLanguage;
  subject: string;
  body: string;
  /** The language of the words shown: English when this language has no words of its own. */
  wordsLanguage: EmailLanguage;
  from: 'override' | 'file';
  overridden: boolean;
  /** The newest saved version (a reset counts) and who saved it. */
  version?: number;
  updatedBy?: string;
  updatedAt?: string;
  /** The words of the file (what a reset goes back to), English when this language has none. */
  file: Template;
}

async function current(db: Db, info: MessageInfo, language: EmailLanguage): Promise<ResolvedTemplate> {
  return resolveTemplate(info.id, language, await savedOverrides(db, [info.id]));
}

export async function templateDetail(db: Db, info: MessageInfo, language: EmailLanguage): Promise<TemplateDetail> {
  const words = await current(db, info, language);
  const saved = (await newestSaved(db, [info.id])).find((r) => r.language === language);
  const file = resolveTemplate(info.id, language);
  return {
    ...info,
    language,
    subject: words.subject,
    body: words.body,
    wordsLanguage: words.language,
    from: words.from,
    overridden: words.from === 'override' && words.language === language,
    ...(saved ? { version: saved.version, updatedBy: saved.updatedBy, updatedAt: saved.updatedAt.toISOString() } : {}),
    file: { subject: file.subject, body: file.body },
  };
}

export interface TemplateSummary extends MessageInfo {
  /** The languages with words of their own (a file or saved words). */
  languages: EmailLanguage[];
  overridden: boolean;
  overriddenLanguages: EmailLanguage[];
}

export async function listTemplates(db: Db): Promise<TemplateSummary[]> {
  const saved = await newestSaved(db);
  return [...TEMPLATE_MESSAGES.values()].map((info) => {
    const mine = saved.filter((s) => s.id === info.id && s.subject !== null);
    const overriddenLanguages = EMAIL_LANGUAGES.filter((l) => mine.some((s) => s.language === l));
    const languages = EMAIL_LANGUAGES.filter((l) => overriddenLanguages.includes(l) || hasTemplateFile(info.id, l));
    return { ...info, languages, overridden: overriddenLanguages.length > 0, overriddenLanguages };
  });
}

/** Writes the next version of a message's words (null words: back to the file), audited. */
async function writeVersion(
  db: Db,
  info: MessageInfo,
  language: EmailLanguage,
  words: Template | null,
  actor: AuditActor,
): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      const before = resolveTemplate(info.id, language, await savedOverrides(trx, [info.id]));
      const newest = (await newestSaved(trx, [info.id])).find((r) => r.language === language);
      const version = (newest?.version ?? 0) + 1;
      await trx
        .insertInto('email_templates')
        .values({
          id: info.id,
          language,
          version,
          subject: words?.subject ?? null,
          body: words?.body ?? null,
          updated_by: actor.id,
        })
        .execute();
      const after = resolveTemplate(
        info.id,
        language,
        words ? new Map([[overrideKey(info.id, language), words]]) : undefined,
      );
      await recordAudit(trx, {
        actor,
        kind: words ? 'template_changed' : 'template_reset',
        target: `template:${info.id}/${language}`,
        before: { version: newest?.version ?? null, subject: before.subject, body: before.body, from: before.from },
        after: { version, subject: after.subject, body: after.body, from: after.from },
      });
    });
  } catch (err) {
    // Two saves of the same words at once: the second finds its version taken.
    if ((err as { code?: string }).code === '23505')
      throw conflict('template_saved_meanwhile', 'Someone saved this template at the same moment: reload it');
    throw err;
  }
}

export async function saveTemplate(
  db: Db,
  info: MessageInfo,
  language: EmailLanguage,
  words: Template,
  actor: AuditActor,
): Promise<void> {
  checkWords(info, words);
  await writeVersion(db, info, language, words, actor);
}

export async function resetTemplate(db: Db, info: MessageInfo, language: EmailLanguage, actor: AuditActor) {
  const saved = (await newestSaved(db, [info.id])).find((r) => r.language === language);
  // Nothing saved, or already reset: nothing to record.
  if (!saved || saved.subject === null) return;
  await writeVersion(db, info, language, null, actor);
}

export interface Preview {
  subject: string;
  body: string;
  wordsLanguage: EmailLanguage;
  sample: Record<string, EmailValue>;
}

/** The words (a draft when given, else those in use) rendered with sample values. */
export async function previewTemplate(
  db: Db,
  info: MessageInfo,
  language: EmailLanguage,
  req: { subject?: string; body?: string; sample?: Record<string, EmailValue> },
): Promise<Preview> {
  const inUse = await current(db, info, language);
  const words = { subject: req.subject ?? inUse.subject, body: req.body ?? inUse.body };
  checkWords(info, words);
  const sample = sampleVars(info, req.sample);
  const where = `${info.id}.${language}`;
  return {
    subject: fill(words.subject, sample, where),
    body: fill(words.body, sample, where),
    wordsLanguage: req.subject !== undefined || req.body !== undefined ? language : inUse.language,
    sample,
  };
}

/** Writes the preview to the outbox, to the admin's own address only; the outbox sweep sends it. */
export async function sendTestEmail(db: Db, to: string, preview: Preview): Promise<{ key: string; subject: string }> {
  const key = `template-test:${randomUUID()}`;
  const subject = `[Test] ${preview.subject}`;
  await db
    .insertInto('email_outbox')
    .values({
      key,
      recipients: [to],
      subject,
      body: preview.body,
      case_id: null,
      created_at: new Date(),
      language: preview.wordsLanguage,
    })
    .execute();
  return { key, subject };
}
