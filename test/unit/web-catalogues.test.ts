/**
 * The web app's translations are complete where they must be: English and Spanish have
 * the same messages, each a valid ICU message with the same placeholders and tags in both;
 * a partial language (Vietnamese) has every message of the public pages; every language
 * listed has its catalogue and every catalogue is listed; every message the code names
 * exists. A page that would show a missing key (or an English sentence in Spanish) fails
 * here, not in front of a family.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const WEB = path.resolve(__dirname, '../../web/src');
const I18N = path.join(WEB, 'i18n');
const config = JSON.parse(readFileSync(path.join(I18N, 'languages.json'), 'utf8')) as {
  languages: { code: string; name: string; partial?: boolean }[];
  publicNamespaces: string[];
};
const files = readdirSync(path.join(I18N, 'messages')).filter((f) => f.endsWith('.json'));
const catalogue = (code: string) =>
  JSON.parse(readFileSync(path.join(I18N, 'messages', `${code}.json`), 'utf8')) as Record<string, string>;
const en = catalogue('en');
const es = catalogue('es');
const isPublic = (key: string) => config.publicNamespaces.includes(key.split('.')[0]!);

/** Each message's placeholders and tags ("arg:count", "tag:link"), parsed by FormatJS's own parser (ESM, so in Node). */
function shapes(code: string): Record<string, string[] | { error: string }> {
  const script = `
    import { parse } from '@formatjs/icu-messageformat-parser';
    const messages = JSON.parse(process.argv[1]);
    const walk = (nodes, out) => {
      for (const n of nodes) {
        if (n.type >= 1 && n.type <= 6) out.add('arg:' + n.value);
        if (n.type === 8) { out.add('tag:' + n.value); walk(n.children, out); }
        if (n.options) for (const o of Object.values(n.options)) walk(o.value, out);
      }
      return out;
    };
    const result = {};
    for (const [k, m] of Object.entries(messages)) {
      try { result[k] = [...walk(parse(m), new Set())].sort(); } catch (e) { result[k] = { error: String(e.message) }; }
    }
    console.log(JSON.stringify(result));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(catalogue(code))], {
    cwd: path.resolve(__dirname, '../..'),
    encoding: 'utf8',
  });
  return JSON.parse(out) as Record<string, string[] | { error: string }>;
}

/** The message ids the code names literally: t('x.y'), id="x.y", formatMessage({ id: 'x.y' }). */
function keysInCode(): Map<string, string> {
  const found = new Map<string, string>();
  const files = readdirSync(WEB, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tsx'));
  for (const f of files) {
    const text = readFileSync(path.join(WEB, f), 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([\w.]+)'|\bid[=:]\s*["']([a-z]\w*\.[\w.]+)["']/g))
      found.set(m[1] ?? m[2]!, f);
  }
  return found;
}

test('English and Spanish have the same messages', () => {
  const missing = (from: Record<string, string>, to: Record<string, string>) =>
    Object.keys(from).filter((k) => !(k in to));
  expect({ missingInSpanish: missing(en, es), missingInEnglish: missing(es, en) }).toEqual({
    missingInSpanish: [],
    missingInEnglish: [],
  });
  expect(Object.entries(es).filter(([, m]) => !m.trim())).toEqual([]);
});

test('no Spanish message is its English one left untranslated', () => {
  // A message with no words of its own (placeholders, a unit symbol: "{hours, number} h") may be the same.
  const words = (m: string) => /\p{L}{3}/u.test(m.replace(/\{[^{}]*\}/g, ''));
  expect(Object.keys(en).filter((k) => es[k] === en[k] && words(en[k]!))).toEqual([]);
});

test('every message is valid ICU, with the same placeholders and tags in every language as in English', () => {
  const english = shapes('en');
  for (const code of config.languages.map((l) => l.code)) {
    const theirs = code === 'en' ? english : shapes(code);
    const broken = Object.entries(theirs).filter(([, s]) => !Array.isArray(s));
    expect({ code, broken }).toEqual({ code, broken: [] });
    const differing = Object.keys(theirs).filter((k) => JSON.stringify(theirs[k]) !== JSON.stringify(english[k]));
    expect({ code, differing }).toEqual({ code, differing: [] });
  }
});

test('a partial language has every message of the public pages and nothing English lacks', () => {
  for (const lang of config.languages.filter((l) => l.partial)) {
    const theirs = catalogue(lang.code);
    const publicKeys = Object.keys(en).filter(isPublic);
    expect(publicKeys.length).toBeGreaterThan(50);
    expect({
      code: lang.code,
      missing: publicKeys.filter((k) => !(k in theirs)),
      unknown: Object.keys(theirs).filter((k) => !(k in en)),
    }).toEqual({ code: lang.code, missing: [], unknown: [] });
  }
});

test('every language listed has a catalogue, every catalogue is listed, English and Spanish are whole', () => {
  expect(files.map((f) => f.replace('.json', '')).sort()).toEqual(config.languages.map((l) => l.code).sort());
  expect(config.languages.filter((l) => ['en', 'es'].includes(l.code) && l.partial)).toEqual([]);
});

test('every message the code names is in the English catalogue', () => {
  const named = keysInCode();
  expect(named.size).toBeGreaterThan(50);
  expect([...named].filter(([k]) => !(k in en)).map(([k, f]) => `${f}: ${k}`)).toEqual([]);
});
