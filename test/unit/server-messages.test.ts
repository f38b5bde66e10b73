/**
 * The server's words in every language (platform/i18n/messages): each language file has
 * every English key and no other, with the same placeholders, and each compiles as an ICU
 * message. A problem asked for in Spanish reads Spanish — title, detail and each field's
 * message by its zod issue — with the same `code` and paths; English is as raised.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { z } from 'zod';
import { readCatalogue, type Catalogue } from '../../platform/i18n/catalogue';
import { LANGUAGES, fromAcceptLanguage } from '../../platform/i18n/language';
import { HttpProblem, localize, notFound, problemFromRefusal } from '../../platform/api/errors';
import { refusalStatus, refusalStatuses } from '../../platform/workflow/refusals';
import { calendarDate, email, issuesAt, line } from '../../platform/workflow/input';

const placeholders = (text: string) => [...text.matchAll(/\{\s*([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]).sort();

/** What is wrong with one language's file against English's: one line per problem. */
export function catalogueProblems(language: string, words: Catalogue, english: Catalogue): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(english)) {
    if (!(key in words)) problems.push(`${language}: no ${key}`);
    else if (placeholders(words[key]).join() !== placeholders(english[key]).join())
      problems.push(
        `${language}: ${key} has placeholders ${placeholders(words[key])}, English ${placeholders(english[key])}`,
      );
  }
  for (const key of Object.keys(words))
    if (!(key in english)) problems.push(`${language}: ${key} is not an English key`);
  for (const [key, text] of Object.entries(words)) {
    try {
      new IntlMessageFormat(text, language);
    } catch (err) {
      problems.push(`${language}: ${key} is not an ICU message (${String(err)})`);
    }
  }
  return problems;
}

test('every language has every English key, with the same placeholders, as ICU messages', () => {
  const english = readCatalogue('en');
  expect(LANGUAGES.flatMap((l) => catalogueProblems(l, readCatalogue(l), english))).toEqual([]);
});

test('a missing key, an extra one and a changed placeholder are each found', () => {
  const english = readCatalogue('en');
  const { ['title.404']: _gone, ...rest } = readCatalogue('es');
  const planted = { ...rest, 'issue.too_long': 'como máximo {max} caracteres', 'title.999': 'x' };
  expect(catalogueProblems('es', planted, english)).toEqual([
    'es: no title.404',
    'es: issue.too_long has placeholders max, English maximum',
    'es: title.999 is not an English key',
  ]);
});

test('Accept-Language picks Spanish by quality and region; anything else is English', () => {
  expect(fromAcceptLanguage('es-MX,es;q=0.9,en;q=0.5')).toBe('es');
  expect(fromAcceptLanguage('en;q=0.4, es;q=0.8')).toBe('es');
  expect(fromAcceptLanguage('fr, es;q=0.1')).toBe('es');
  expect(fromAcceptLanguage('fr, de')).toBe('en');
  expect(fromAcceptLanguage(undefined)).toBe('en');
});

const form = z
  .object({ name: line(10), email, born: calendarDate, format: z.enum(['in_person', 'virtual']), county: line(100) })
  .strict();

function badForm(): HttpProblem {
  const r = form.safeParse({ name: 'x'.repeat(11), email: 'nope', born: '2024-02-30', format: 'phone', extra: 1 });
  if (r.success) throw new Error('the form should be refused');
  const p = new HttpProblem(
    400,
    'Bad Request',
    'The body is not valid',
    'validation_failed',
    issuesAt(r.error, 'body'),
  );
  p.issues = r.error.issues;
  return p;
}

test('a refused form in Spanish: title, detail and each field message translated; code and paths unchanged', () => {
  const p = badForm();
  const es = localize(p, 'es');
  expect(es.title).toBe('Solicitud incorrecta');
  expect(es.detail).toBe('Los datos enviados no son válidos');
  expect(Object.fromEntries(es.errors!.map((e) => [e.path, e.message]))).toEqual({
    'body.name': 'como máximo 10 caracteres',
    'body.email': 'una dirección de correo electrónico válida',
    'body.born': 'no es una fecha real',
    'body.format': 'uno de estos valores: in_person | virtual',
    'body.county': 'Obligatorio',
    body: 'no es un campo de este formulario: extra',
  });
  expect(p.code).toBe('validation_failed');
  // English is as the schemas wrote it.
  expect(localize(p, 'en')).toEqual({ title: 'Bad Request', detail: 'The body is not valid', errors: p.errors });
  expect(localize(notFound('The link'), 'es')).toMatchObject({ title: 'No encontrado' });
});

test("every refusal code a workflow or the API can give has its words in every language (a process's beside it)", () => {
  const missing = LANGUAGES.flatMap((l) => {
    const words = readCatalogue(l);
    return Object.keys(refusalStatuses())
      .filter((code) => refusalStatus(code) !== 400 && !(`code.${code}` in words))
      .map((code) => `${l}: ${code}`);
  });
  expect(missing).toEqual([]);
});

test("a process's own refusal reads Spanish when asked in Spanish, its code unchanged; English is as raised", () => {
  const p = problemFromRefusal({
    code: 'exceeds_annual_cap',
    message: 'Would exceed the 40-hour annual cap (36 used)',
  });
  expect(localize(p, 'es').detail).toBe('Esto superaría el límite anual de permiso para mentoría');
  expect(p.code).toBe('exceeds_annual_cap');
  expect(localize(p, 'en').detail).toBe('Would exceed the 40-hour annual cap (36 used)');
});
