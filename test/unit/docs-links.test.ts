/**
 * The documentation stands alone: someone who clones the repository has README.md and docs/
 * and nothing else. So every relative link in them must reach a file of the repository (and,
 * with an anchor, a heading of that file), and no page may send the reader to a file outside
 * the repository or to a tracker number instead of saying what it means.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');

/** References a reader of a clone cannot follow: files outside the repository, tracker numbers. */
const OUTSIDE = [
  { pattern: /\.\.\/shared\b|\/work\/|\bshared\/spec\b|\bshared\/reviews\b/, what: 'a file outside the repository' },
  { pattern: /\b(?:domain|api|runtime)\.md\b/, what: 'a specification file outside the repository' },
  { pattern: /\b[Ii]ssues? #?\d+/, what: 'an issue number' },
  { pattern: /(?:^|[\s(])#\d+\b/, what: 'an issue number' },
];

interface Finding {
  file: string;
  line: number;
  problem: string;
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a page's headings (a repeated heading gets -1, -2, … as on GitHub). */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of withoutCode(markdown, true)) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line.text);
    if (!m) continue;
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n ? `${base}-${n}` : base);
  }
  return anchors;
}

/** The page's lines outside fenced code blocks, with inline code blanked out unless kept (headings). */
function withoutCode(markdown: string, keepInline = false): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let fenced = false;
  markdown.split('\n').forEach((text, i) => {
    if (/^\s*(```|~~~)/.test(text)) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    out.push({ text: keepInline ? text : text.replace(/`[^`]*`/g, (c) => ' '.repeat(c.length)), line: i + 1 });
  });
  return out;
}

/**
 * What is wrong with one page: relative links to missing files or headings, links leaving
 * the repository, references outside it. `read` gives another page's text (for anchors).
 */
function checkPage(file: string, markdown: string, read: (abs: string) => string | undefined): Finding[] {
  const findings: Finding[] = [];
  const rel = path.relative(ROOT, file);
  for (const { text, line } of withoutCode(markdown)) {
    for (const { pattern, what } of OUTSIDE) {
      if (pattern.test(text)) findings.push({ file: rel, line, problem: `refers to ${what}: ${text.trim()}` });
    }
    for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = m[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      const [pathPart, anchor] = target.split('#', 2);
      if (!pathPart) {
        if (!anchorsOf(markdown).has(anchor.toLowerCase()))
          findings.push({ file: rel, line, problem: `link to a missing heading: ${target}` });
        continue;
      }
      const abs = path.resolve(path.dirname(file), decodeURIComponent(pathPart));
      if (path.relative(ROOT, abs).startsWith('..')) {
        findings.push({ file: rel, line, problem: `link leaves the repository: ${target}` });
        continue;
      }
      if (!existsSync(abs)) {
        findings.push({ file: rel, line, problem: `link to a missing file: ${target}` });
        continue;
      }
      if (anchor === undefined || !abs.endsWith('.md') || statSync(abs).isDirectory()) continue;
      const page = read(abs);
      if (page !== undefined && !anchorsOf(page).has(anchor.toLowerCase())) {
        findings.push({ file: rel, line, problem: `link to a missing heading: ${target}` });
      }
    }
  }
  return findings;
}

function markdownUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return markdownUnder(p);
    return e.name.endsWith('.md') ? [p] : [];
  });
}

const read = (abs: string): string | undefined => (existsSync(abs) ? readFileSync(abs, 'utf8') : undefined);
const pages = [path.join(ROOT, 'README.md'), ...markdownUnder(path.join(ROOT, 'docs'))];

test('every page of README.md and docs/ links only to files and headings that exist, inside the repository', () => {
  expect(pages.length).toBeGreaterThan(10);
  const findings = pages.flatMap((p) => checkPage(p, readFileSync(p, 'utf8'), read));
  expect(findings.map((f) => `${f.file}:${f.line}: ${f.problem}`)).toEqual([]);
});

test('README.md is a short front door (at most 10 KB) that maps docs/', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(10 * 1024);
  expect(readme).toContain('npm test');
  expect(readme).toContain('docs/README.md');
});

test('the check finds what it is for: broken links, missing headings, outside references, issue numbers', () => {
  const file = path.join(ROOT, 'docs', 'planted.md');
  const planted = [
    '# Planted',
    '[gone](no-such-page.md) and [fine](architecture.md#how-it-works)',
    '[no heading](architecture.md#no-such-heading) and [here](#planted)',
    // An outside reference, assembled so that this file itself cites nothing outside the repository.
    `Read ${['..', 'shared', 'spec', 'domain.md'].join('/')}, as issue 12 and #7 say.`,
    '[out](../../outside.md) `[in code](missing.md)`',
    '```',
    '[in a block](missing.md) issue 3',
    '```',
  ].join('\n');
  const problems = checkPage(file, planted, read).map((f) => `${f.line}: ${f.problem.split(':')[0]}`);
  expect(problems).toEqual([
    '2: link to a missing file',
    '3: link to a missing heading',
    '4: refers to a file outside the repository',
    '4: refers to a specification file outside the repository',
    '4: refers to an issue number',
    '4: refers to an issue number',
    '5: link leaves the repository',
  ]);
  expect(slug('Roles × what they read')).toBe('roles--what-they-read');
  expect(slug('On one machine: `npm start`')).toBe('on-one-machine-npm-start');
});
