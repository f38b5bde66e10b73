/**
 * The small server-rendered pages (the reference form behind an e-mailed link, and any
 * other page a person opens from an e-mail without the web app): plain semantic HTML in
 * the web app's colours, no JavaScript. Their one stylesheet is inline and allowed by its
 * hash in the Content-Security-Policy (security-headers.ts), so a page that writes its
 * own `<style>` is unstyled: use `htmlPage` for any new one. A page is in the language the
 * request asks for (`?lang=`, else Accept-Language: platform/i18n/language.ts), its words
 * from the server's catalogue (`pageWords`), and says so in `<html lang>`. A page a person
 * opens from a link offers the other languages too (`switchLanguage`): a link to the same
 * address with `?lang=`, named in its own language.
 */
import { message } from '../i18n/catalogue';
import { LANGUAGES, type Language } from '../i18n/language';

/** The pages' stylesheet; its SHA-256 is listed in the CSP's style-src. */
export const PAGE_STYLE = [
  'body{font-family:"Source Sans Pro",system-ui,sans-serif;font-size:1.06rem;line-height:1.5;color:#1b1b1b;',
  'max-width:36rem;margin:2rem auto;padding:0 1rem}',
  'fieldset{border:0;padding:0;margin:1rem 0}',
  'legend{font-weight:bold;margin-bottom:.5rem}',
  'label{display:block;margin:.5rem 0}',
  'textarea{width:100%;font:inherit;border:1px solid #565c65;padding:.5rem}',
  'button{background:#005ea2;color:#fff;border:0;border-radius:.25rem;padding:.75rem 1.25rem;font:inherit;',
  'font-weight:bold;cursor:pointer}',
  'button:hover{background:#1a4480}',
  ':focus{outline:.25rem solid #2491ff;outline-offset:0}',
  'nav{text-align:right}nav a{color:#005ea2;margin-left:1rem}',
].join('');

/** Each language's name in its own words (what a person looks for to read a page in theirs). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Español' };

/** Links to the same page in each other language (relative: the address stays, `?lang=` changes). */
function languageSwitch(language: Language): string {
  const others = LANGUAGES.filter((l) => l !== language).map(
    (l) => `<a href="?lang=${l}" hreflang="${l}" lang="${l}">${LANGUAGE_NAMES[l]}</a>`,
  );
  return `<nav aria-label="${pageWords(language, 'page.languages')}">${others.join('')}</nav>`;
}

/**
 * A whole page in `language`: `title` and `body` are HTML the caller has escaped (or constant
 * text). `switchLanguage` for a page that reads the same again at its address (a form, a refused
 * link), not for the answer to a form's POST.
 */
export function htmlPage(
  title: string,
  body: string,
  language: Language = 'en',
  { switchLanguage = false }: { switchLanguage?: boolean } = {},
): string {
  return (
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — mentorflow</title>` +
    `<style>${PAGE_STYLE}</style></head><body>${switchLanguage ? languageSwitch(language) : ''}` +
    `<main><h1>${title}</h1>${body}</main></body></html>`
  );
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A page's words from the server's catalogue (platform/i18n/messages), escaped for HTML. */
export const pageWords = (language: Language, key: string): string => escapeHtml(message(language, key));
