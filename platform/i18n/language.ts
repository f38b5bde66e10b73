/**
 * Which language a request is answered in (English or Spanish, the languages e-mails are
 * written in): a page's `?lang=`, else the best of the request's Accept-Language, else
 * English. Problem details, server pages and a public form's e-mails follow it.
 */
import type { Request } from 'express';
import { DEFAULT_LANGUAGE, EMAIL_LANGUAGES, type EmailLanguage } from '../emails/messages';

export type Language = EmailLanguage;
export const LANGUAGES = EMAIL_LANGUAGES;

export const isLanguage = (x: unknown): x is Language =>
  typeof x === 'string' && (LANGUAGES as readonly string[]).includes(x);

/**
 * The best language of an Accept-Language header (RFC 9110 §12.5.4): by quality, then order;
 * `es-MX` counts as `es`; `*` or nothing we speak gives English.
 */
export function fromAcceptLanguage(header: string | undefined): Language {
  if (!header) return DEFAULT_LANGUAGE;
  const ranges = header
    .split(',')
    .map((part, order) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
      return { base: tag.trim().toLowerCase().split('-')[0], q: q ? Number(q[1]) : 1, order };
    })
    .filter((r) => r.base && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranges.map((r) => r.base).find(isLanguage) ?? DEFAULT_LANGUAGE;
}

/** The language a request is answered in: `?lang=` when it names one we speak, else Accept-Language. */
export function requestLanguage(req: Pick<Request, 'query' | 'headers'>): Language {
  const asked = req.query?.lang;
  return isLanguage(asked) ? asked : fromAcceptLanguage(req.headers['accept-language']);
}
