/**
 * Each person gets an e-mail in their language: a recipient in the people directory in the
 * language set there (staff, and anyone else an administrator listed), anyone else in the
 * language the case knows for them (the e-mail's `language`: a volunteer's choice on the
 * form, a reference's applicant's), else English. Recipients of one message who read
 * different languages get one outbox row per language: the first keeps the message's key,
 * the others `<key>|<language>` (`languageKeys` finds them all for delivery). Runs where the
 * outbox row is written, never in workflow code: nothing of it enters workflow history.
 */
import type { Transaction } from 'kysely';
import type { Database, Db } from '../../db';
import type { EmailMessage } from '../workflow/records';
import { DEFAULT_LANGUAGE, EMAIL_LANGUAGES, type EmailLanguage } from './messages';
import { isTemplated } from './render';

type Reader = Db | Transaction<Database>;

export const isEmailLanguage = (x: unknown): x is EmailLanguage =>
  typeof x === 'string' && (EMAIL_LANGUAGES as readonly string[]).includes(x);

/** The directory language of each of these addresses the directory lists (keyed lower-case). */
export async function directoryLanguages(
  db: Reader,
  addresses: readonly string[],
): Promise<Map<string, EmailLanguage>> {
  const wanted = [...new Set(addresses.map((a) => a.toLowerCase()))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('people')
    .select(['email', 'language'])
    .where('in_directory', '=', true)
    .where((eb) => eb.fn('lower', ['email']), 'in', wanted)
    .execute();
  const out = new Map<string, EmailLanguage>();
  for (const r of rows) if (r.email && isEmailLanguage(r.language)) out.set(r.email.toLowerCase(), r.language);
  return out;
}

/** A message split by its recipients' languages (one message when they all read the same). */
export function byRecipientLanguage(m: EmailMessage, known: ReadonlyMap<string, EmailLanguage>): EmailMessage[] {
  if (!isTemplated(m)) return [m];
  const fallback = m.language ?? DEFAULT_LANGUAGE;
  const groups = new Map<EmailLanguage, string[]>();
  for (const to of m.to) {
    const language = known.get(to.toLowerCase()) ?? fallback;
    groups.set(language, [...(groups.get(language) ?? []), to]);
  }
  if (groups.size === 0) return [m];
  return [...groups].map(([language, to], i) => ({
    ...m,
    key: i === 0 ? m.key : `${m.key}|${language}`,
    to,
    language,
  }));
}

/** The messages as they are to be written: each recipient's language picked, split where they differ. */
export async function inRecipientLanguages(db: Reader, messages: readonly EmailMessage[]): Promise<EmailMessage[]> {
  const known = await directoryLanguages(
    db,
    messages.filter(isTemplated).flatMap((m) => m.to),
  );
  return messages.flatMap((m) => byRecipientLanguage(m, known));
}

/** A message's outbox keys: its own and those of its copies in other languages. */
export const languageKeys = (keys: readonly string[]): string[] =>
  keys.flatMap((k) => [k, ...EMAIL_LANGUAGES.map((l) => `${k}|${l}`)]);
