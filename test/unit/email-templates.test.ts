/**
 * E-mail templates and the messages workflows hand over must agree: every message has a
 * template in each language e-mails are sent in, with the English one's placeholders; a
 * template uses only its message's variables (and `{{link}}`), every variable is used, and
 * no template file is left without a message. The renderer fills placeholders and nothing else.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EMAIL_CATALOGUES } from '../../platform/emails/catalogues';
import {
  DEFAULT_LANGUAGE,
  EMAIL_LANGUAGES,
  LINK_PLACEHOLDER,
  type EmailCatalogue,
} from '../../platform/emails/messages';
import { parseTemplate, placeholdersIn, renderEmail, templatePath } from '../../platform/emails/render';

/** What is wrong with one owner's templates, in every language of EMAIL_LANGUAGES: one line per problem. */
export function templateProblems(c: EmailCatalogue, read = (file: string) => readFileSync(file, 'utf8')): string[] {
  const problems: string[] = [];
  for (const [id, vars] of Object.entries(c.messages)) {
    const english = new Set<string>();
    for (const language of EMAIL_LANGUAGES) {
      const where = `${c.owner}.${id}.${language}`;
      const file = templatePath(`${c.owner}.${id}`, language);
      if (!existsSync(file)) {
        problems.push(`${where}: no template ${path.relative(process.cwd(), file)}`);
        continue;
      }
      const t = parseTemplate(read(file), file);
      const used = placeholdersIn(`${t.subject}\n${t.body}`);
      for (const p of used) {
        if (p !== LINK_PLACEHOLDER && !vars.includes(p)) problems.push(`${where}: unknown placeholder {{${p}}}`);
      }
      for (const v of vars) if (!used.includes(v)) problems.push(`${where}: variable ${v} is not used`);
      if (language === DEFAULT_LANGUAGE) used.forEach((p) => english.add(p));
      else {
        // A translation says the same things: the link too, where the English one has it.
        const differ = [...new Set([...used, ...english])].filter((p) => used.includes(p) !== english.has(p));
        if (differ.length) problems.push(`${where}: placeholders differ from English: ${differ.join(', ')}`);
      }
    }
  }
  const dir = path.dirname(templatePath(`${c.owner}.x`));
  for (const f of existsSync(dir) ? readdirSync(dir) : []) {
    const m = /^(.+)\.([a-z]{2})\.txt$/.exec(f);
    if (f.endsWith('.txt') && (!m || !(m[1] in c.messages))) problems.push(`${c.owner}: template ${f} has no message`);
    else if (m && !(EMAIL_LANGUAGES as readonly string[]).includes(m[2]))
      problems.push(`${c.owner}: template ${f} is in a language e-mails are not sent in`);
  }
  return problems;
}

test('every message has a template in every language, each using exactly its variables', () => {
  expect(EMAIL_CATALOGUES.flatMap((c) => templateProblems(c))).toEqual([]);
});

test('an unknown placeholder, an unused variable and a missing template are each found', () => {
  const [leave] = EMAIL_CATALOGUES.filter((c) => c.owner === 'mentoring-leave');
  const planted = (file: string) => readFileSync(file, 'utf8').replace('{{hours}}', '{{hour}}');
  const problems = templateProblems(leave, planted);
  expect(problems).toContain('mentoring-leave.request-approved.en: unknown placeholder {{hour}}');
  expect(problems).toContain('mentoring-leave.request-approved.en: variable hours is not used');
  expect(problems).toContain('mentoring-leave.request-approved.es: unknown placeholder {{hour}}');
  const untranslated = (file: string) =>
    file.endsWith('request-approved.es.txt')
      ? 'Subject: [mentorflow] Permiso del {{date}}\n\nSu solicitud de {{hours}} h fue aprobada.\n'
      : readFileSync(file, 'utf8');
  expect(templateProblems(leave, untranslated)).toEqual([
    'mentoring-leave.request-approved.es: placeholders differ from English: link',
  ]);
  const missing = Object.assign(() => ({ template: '', vars: {} }), {
    owner: 'mentoring-leave',
    messages: { ...leave.messages, 'no-such-message': [] },
  }) as unknown as EmailCatalogue;
  expect(templateProblems(missing).join('\n')).toMatch(/mentoring-leave\.no-such-message\.en: no template/);
});

test('rendering fills the placeholders, the link among them, and leaves the rest of the text as written', () => {
  const rendered = renderEmail({
    key: 'k',
    to: ['a@example.org'],
    template: 'mentoring-leave.request-approved',
    vars: { date: '2026-03-02', hours: 4 },
    link: 'https://mentorflow.example/cases/1',
  });
  expect(rendered.subject).toBe('[mentorflow] Mentoring leave on 2026-03-02 approved');
  expect(rendered.text).toBe(
    'Your request for 4 h of mentoring leave on 2026-03-02 is approved.\n\nOpen: https://mentorflow.example/cases/1\n',
  );
  // A value is written as it is: a placeholder inside it is not filled again.
  const odd = renderEmail({
    key: 'k',
    to: [],
    template: 'mentoring-leave.enrollment-denied',
    vars: { year: 2026, reason: 'see {{link}} <b>' },
    link: 'L',
  });
  expect(odd.text).toBe(
    'Your enrollment for mentoring leave in 2026 was denied. Reason: see {{link}} <b>\n\nOpen: L\n',
  );
});

test('a message recorded with its wording (before templates) is written as it was', () => {
  const old = { key: 'k', to: ['a@example.org'], subject: '[mentorflow] S', text: 'T', link: 'L' };
  expect(renderEmail(old)).toEqual(old);
});
