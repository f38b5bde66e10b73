/**
 * Which language the app speaks, outside React: the languages it has (languages.json, one
 * entry each; a `partial` one falls back to English for what it lacks), the choice the
 * person made in the header's selector (kept in this browser's localStorage), and the
 * language in use now, which the API client sends as Accept-Language.
 */
import list from './languages.json';

export interface Language {
  code: string;
  name: string;
  partial?: boolean;
}

export const LANGUAGES: readonly Language[] = list.languages;
export const DEFAULT_LANGUAGE = 'en';
const KEY = 'mentorflow.language';
const listeners = new Set<() => void>();
let current = DEFAULT_LANGUAGE;

/** The language of ours a tag names ('es-MX' → 'es'), or undefined. */
export function supported(tag: unknown): string | undefined {
  if (typeof tag !== 'string') return undefined;
  const primary = tag.toLowerCase().split('-')[0];
  return LANGUAGES.find((l) => l.code === primary)?.code;
}

/** The first of the browser's languages that we speak. */
export const browserLanguage = (): string | undefined =>
  (navigator.languages ?? [navigator.language]).map(supported).find(Boolean);

/** What the person picked in the selector, if anything (it beats the browser and the directory). */
export function storedChoice(): string | undefined {
  try {
    return supported(localStorage.getItem(KEY));
  } catch {
    return undefined;
  }
}

export function choose(code: string): void {
  try {
    localStorage.setItem(KEY, code);
  } catch {
    // A browser that keeps nothing still switches for this visit.
  }
  listeners.forEach((l) => l());
}

export function subscribeChoice(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export const currentLanguage = (): string => current;
export function setCurrentLanguage(code: string): void {
  current = code;
}
