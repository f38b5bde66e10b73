/**
 * Renders a templated e-mail from its file: `processes/<process>/emails/<message-id>.<lang>.txt`
 * (or platform/emails/ for the platform's own messages), whose first line is `Subject: …`,
 * then a blank line, then the body. `{{name}}` is replaced by the variable of that name
 * (`{{link}}` by the message's link); nothing else is special and nothing is escaped
 * (plain-text mail). Words an admin saved in the web app (overrides.ts reads them) come
 * before the file's; a language with neither falls back to English. Runs in activities and
 * in the replay (files only), never in workflow code.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EmailMessage, RenderedEmail, TemplatedEmail } from '../workflow/records';
import {
  DEFAULT_LANGUAGE,
  LINK_PLACEHOLDER,
  type EmailLanguage,
  type EmailTemplateRef,
  type EmailValue,
} from './messages';

const ROOT = path.resolve(__dirname, '../..');
export const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** Where a template's file is (whether or not it exists). */
export function templatePath(template: string, language: string = DEFAULT_LANGUAGE): string {
  const dot = template.indexOf('.');
  if (dot <= 0) throw new Error(`E-mail template ${template} is not <process>.<message-id>`);
  const owner = template.slice(0, dot);
  const id = template.slice(dot + 1);
  const dir =
    owner === 'platform' ? path.join(ROOT, 'platform', 'emails') : path.join(ROOT, 'processes', owner, 'emails');
  return path.join(dir, `${id}.${language}.txt`);
}

export interface Template {
  subject: string;
  body: string;
}

/** A template file's subject and body (the file's text after the blank line, as written). */
export function parseTemplate(source: string, where = 'template'): Template {
  const text = source.replace(/\r\n/g, '\n');
  const m = /^Subject: ?(.*)\n\n/.exec(text);
  if (!m) throw new Error(`${where}: the first line must be "Subject: …", followed by a blank line`);
  return { subject: m[1], body: text.slice(m[0].length) };
}

const cache = new Map<string, Template>();

export function loadTemplate(template: string, language: string = DEFAULT_LANGUAGE): Template {
  const file = templatePath(template, language);
  let t = cache.get(file);
  if (!t) {
    t = parseTemplate(readFileSync(file, 'utf8'), file);
    cache.set(file, t);
  }
  return t;
}

/** Whether a message has a file in a language. */
export function hasTemplateFile(template: string, language: string): boolean {
  return cache.has(templatePath(template, language)) || existsSync(templatePath(template, language));
}

/** Words an admin saved, by `overrideKey(template, language)` (overrides.ts reads them). */
export type TemplateOverrides = ReadonlyMap<string, Template>;
export const overrideKey = (template: string, language: string): string => `${template}/${language}`;
const NO_OVERRIDES: TemplateOverrides = new Map();

export interface ResolvedTemplate extends Template {
  /** The language of the words used: the one asked for, or English when it has none. */
  language: EmailLanguage;
  from: 'override' | 'file';
}

/**
 * The words a message is sent with in a language: the admin's newest, else the file's; when
 * the language has neither, English's (the admin's, else the file's). A message with no
 * English file throws: an e-mail is never sent without words.
 */
export function resolveTemplate(
  template: string,
  language: EmailLanguage,
  overrides: TemplateOverrides = NO_OVERRIDES,
): ResolvedTemplate {
  const saved = overrides.get(overrideKey(template, language));
  if (saved) return { ...saved, language, from: 'override' };
  if (language === DEFAULT_LANGUAGE || hasTemplateFile(template, language))
    return { ...loadTemplate(template, language), language, from: 'file' };
  return resolveTemplate(template, DEFAULT_LANGUAGE, overrides);
}

/** Forgets the templates read so far (a test or the replay-coverage that edits one). */
export function clearTemplateCache(): void {
  cache.clear();
}

/** The placeholders a text uses, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

export function fill(text: string, vars: Record<string, EmailValue>, where: string): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    if (!(name in vars)) throw new Error(`${where}: no variable ${name} for {{${name}}}`);
    return String(vars[name]);
  });
}

/**
 * The subject and text of a templated message (a message with wording is returned as is),
 * with the words an admin saved when `overrides` has them, else the file's.
 */
export function renderEmail(m: EmailMessage, overrides: TemplateOverrides = NO_OVERRIDES): RenderedEmail {
  if (!isTemplated(m)) return { key: m.key, to: m.to, subject: m.subject, text: m.text, link: m.link };
  const t = resolveTemplate(m.template, m.language ?? DEFAULT_LANGUAGE, overrides);
  const vars = { ...m.vars, [LINK_PLACEHOLDER]: m.link ?? '' };
  const where = `${m.template}.${t.language}${t.from === 'override' ? ' (saved in the web app)' : ''}`;
  return {
    key: m.key,
    to: m.to,
    subject: fill(t.subject, vars, where),
    text: fill(t.body, vars, where),
    link: m.link,
    language: t.language,
  };
}

export function isTemplated(m: EmailMessage): m is TemplatedEmail {
  return typeof (m as Partial<EmailTemplateRef>).template === 'string';
}
