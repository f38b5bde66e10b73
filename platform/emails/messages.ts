/**
 * E-mails as templates: what a workflow hands over instead of wording. Each process lists
 * its messages and each message's variables here (`emailsOf`), so a missing or extra variable
 * is a type error; the text lives in a file beside the process (`emails/<message-id>.en.txt`),
 * rendered outside workflow code by platform/emails/render.ts when the outbox row is written.
 * Pure data and types: imported by workflow code (no file access here).
 */

/** What a variable may hold: it is written into the text as `String(value)`. */
export type EmailValue = string | number;

/** A message's variables by name (besides `link`, which every message has). */
export type MessageLists = Record<string, readonly string[]>;

/** A message to render: `<process>.<message-id>` and the variables the workflow hands over. */
export interface EmailTemplateRef {
  template: string;
  vars: Record<string, EmailValue>;
}

/** The template placeholder every message may use: the e-mail's own link. */
export const LINK_PLACEHOLDER = 'link';

/**
 * The languages a template may be written in. Every message has an English file; a message
 * with no words in a language (no file, no admin's override) is sent in English.
 */
export const EMAIL_LANGUAGES = ['en', 'es'] as const;
export type EmailLanguage = (typeof EMAIL_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: EmailLanguage = 'en';

/** One process's (or the platform's) messages: `owner` names the folder their templates are in. */
export interface EmailCatalogue<L extends MessageLists = MessageLists> {
  owner: string;
  messages: L;
  <K extends keyof L & string>(id: K, vars: Record<L[K][number], EmailValue>): EmailTemplateRef;
}

/**
 * The typed builder of one owner's messages: `leaveEmail('request-approved', { date, hours })`
 * is the reference a workflow hands to `rt.email`; the lists are kept for the template test.
 */
export function emailsOf<const L extends MessageLists>(owner: string, messages: L): EmailCatalogue<L> {
  const build = <K extends keyof L & string>(id: K, vars: Record<L[K][number], EmailValue>): EmailTemplateRef => ({
    template: `${owner}.${id}`,
    vars: { ...(vars as Record<string, EmailValue>) },
  });
  return Object.assign(build, { owner, messages });
}
