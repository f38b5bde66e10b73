/**
 * The server's words in each language (problem details, the server-rendered pages): ICU
 * messages in `messages/<language>.json`, English the source and the fallback, plus the words
 * of each registered process's own refusal codes in `processes/<name>/refusals/<language>.json` (a
 * process keeps its words beside its rules; they are read here as `code.<code>`). A language
 * is its files; `test/unit/server-messages.test.ts` fails on a key one file has and another
 * lacks, or on a translation whose placeholders differ.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LANGUAGE } from '../emails/messages';
import { PROCESSES } from '../workflow/registry';
import { LANGUAGES, type Language } from './language';

export type Catalogue = Readonly<Record<string, string>>;
export type MessageValues = Record<string, string | number>;

const DIR = path.join(__dirname, 'messages');
const PROCESSES_DIR = path.join(__dirname, '..', '..', 'processes');

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;

/** The refusal words of every registered process in one language, as `code.<code>` keys. */
function processRefusalWords(language: string): Record<string, string> {
  const words: Record<string, string> = {};
  for (const { name } of PROCESSES) {
    const file = path.join(PROCESSES_DIR, name, 'refusals', `${language}.json`);
    if (!existsSync(file)) continue;
    for (const [code, text] of Object.entries(readJson(file))) words[`code.${code}`] = text;
  }
  return words;
}

/** One language's words: the platform's file and the processes' refusal files. */
export function readCatalogue(language: string): Catalogue {
  return { ...readJson(path.join(DIR, `${language}.json`)), ...processRefusalWords(language) };
}

const catalogues = new Map<Language, Catalogue>(LANGUAGES.map((l) => [l, readCatalogue(l)]));
const compiled = new Map<string, IntlMessageFormat>();

/** Whether a language has words of its own for a key. */
export const hasMessage = (language: Language, key: string): boolean => key in (catalogues.get(language) ?? {});

/** The words of a key in a language (English's when it has none), with the values filled in. */
export function message(language: Language, key: string, values: MessageValues = {}): string {
  const own = hasMessage(language, key) ? language : DEFAULT_LANGUAGE;
  const source = catalogues.get(own)?.[key];
  if (source === undefined) throw new Error(`No server message ${key}`);
  const id = `${own}\n${key}`;
  let f = compiled.get(id);
  if (!f) compiled.set(id, (f = new IntlMessageFormat(source, own)));
  return String(f.format(values));
}

/** English words without placeholders, by their text: an English message from elsewhere is found by it. */
const byEnglishText = new Map(
  Object.entries(catalogues.get(DEFAULT_LANGUAGE) ?? {})
    .filter(([, text]) => !text.includes('{'))
    .map(([key, text]) => [text, key]),
);

/** An English text the catalogue has, in another language; undefined when the catalogue does not have it. */
export function translateText(language: Language, english: string): string | undefined {
  const key = byEnglishText.get(english);
  return key === undefined ? undefined : message(language, key);
}
