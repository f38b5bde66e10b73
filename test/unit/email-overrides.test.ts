/**
 * Words admins save for e-mails (docs/emails.md, "Editing the words in the web app"): which
 * words a message is sent with (saved ones before the file's, English when a language has
 * none), how new words are checked (each unknown placeholder named at its field), and the
 * sample values a preview uses — made up from variable names, never anyone's data, and
 * enough to render every message's file.
 */
import { EMAIL_CATALOGUES } from '../../platform/emails/catalogues';
import { fill, overrideKey, renderEmail, resolveTemplate } from '../../platform/emails/render';
import { sampleVars, TEMPLATE_MESSAGES, wordsProblems } from '../../platform/api/templates';
import { templatedEmail } from '../../platform/workflow/records';
import { leaveEmail } from '../../processes/mentoring-leave/email-messages';
import type { EmailLanguage } from '../../platform/emails/messages';

const DENIED = 'mentoring-leave.enrollment-denied';
const FILE_SUBJECT = '[mentorflow] Mentoring leave {{year}}: enrollment denied';
const ES_FILE_SUBJECT = '[mentorflow] Permiso para mentoría {{year}}: inscripción denegada';
const saved = (entries: [string, string, string][]) =>
  new Map(entries.map(([language, subject, body]) => [overrideKey(DENIED, language), { subject, body }]));

test("saved words come before the file's; a language with no words of its own is sent in English", () => {
  expect(resolveTemplate(DENIED, 'en')).toMatchObject({ subject: FILE_SUBJECT, language: 'en', from: 'file' });
  const spanishFile = { subject: ES_FILE_SUBJECT, language: 'es', from: 'file' };
  expect(resolveTemplate(DENIED, 'es')).toMatchObject(spanishFile);
  const en = saved([['en', 'EN {{year}}', 'en body']]);
  expect(resolveTemplate(DENIED, 'en', en)).toMatchObject({ subject: 'EN {{year}}', from: 'override' });
  // English words saved leave the Spanish file's alone; a language with no file takes English's.
  expect(resolveTemplate(DENIED, 'es', en)).toMatchObject(spanishFile);
  const third = 'fr' as EmailLanguage;
  expect(resolveTemplate(DENIED, third, en)).toMatchObject({ subject: 'EN {{year}}', language: 'en' });
  expect(resolveTemplate(DENIED, third)).toMatchObject({ subject: FILE_SUBJECT, language: 'en', from: 'file' });
  const both = saved([
    ['en', 'EN {{year}}', 'en body'],
    ['es', 'ES {{year}}', 'es body'],
  ]);
  expect(resolveTemplate(DENIED, 'es', both)).toMatchObject({ subject: 'ES {{year}}', language: 'es' });
  expect(resolveTemplate('platform.task-opened', 'en', both).from).toBe('file');
});

test('an e-mail is rendered with the saved words handed to it', () => {
  const m = templatedEmail(
    'k1',
    ['emp@example.gov'],
    leaveEmail('enrollment-denied', { year: 2027, reason: 'full' }),
    'L',
  );
  expect(renderEmail(m).subject).toBe('[mentorflow] Mentoring leave 2027: enrollment denied');
  const r = renderEmail(m, saved([['en', 'Denied {{year}}', 'Because {{reason}}: {{link}}']]));
  expect([r.subject, r.text]).toEqual(['Denied 2027', 'Because full: L']);
  // Saved words naming a link on a message sent without one read as nothing, never "undefined".
  const noLink = {
    ...templatedEmail('k2', ['emp@example.gov'], leaveEmail('enrollment-denied', { year: 2027, reason: 'full' }), 'L'),
    link: undefined as unknown as string,
  };
  expect(renderEmail(noLink, saved([['en', 'Denied', 'See {{link}}.']])).text).toBe('See .');
});

test('new words are checked: each unknown placeholder is named at its field; a subject is one line', () => {
  const info = TEMPLATE_MESSAGES.get(DENIED)!;
  expect(info.variables).toEqual(['year', 'reason', 'link']);
  expect(wordsProblems(info, { subject: '{{year}}', body: '{{reason}} {{ link }}' })).toEqual([]);
  const problems = wordsProblems(info, { subject: 'For {{youthName}}\nmore', body: '{{a}} {{b}} {{reason}}' });
  expect(problems).toEqual([
    {
      path: 'body.subject',
      message: 'Unknown variable {{youthName}}; this message has {{year}}, {{reason}}, {{link}}',
    },
    { path: 'body.body', message: 'Unknown variables {{a}}, {{b}}; this message has {{year}}, {{reason}}, {{link}}' },
    { path: 'body.subject', message: 'The subject is one line' },
  ]);
  // A link may carry a one-time token, blanked from a sent body but never from a subject.
  expect(wordsProblems(info, { subject: 'Denied {{link}}', body: '{{reason}}' })).toEqual([
    { path: 'body.subject', message: 'Links belong in the body, not the subject: {{link}}' },
  ]);
});

test("sample values render every message's file and are made up, never taken from a case", () => {
  expect(TEMPLATE_MESSAGES.size).toBe(EMAIL_CATALOGUES.reduce((n, c) => n + Object.keys(c.messages).length, 0));
  for (const info of TEMPLATE_MESSAGES.values()) {
    const vars = sampleVars(info);
    expect(Object.keys(vars)).toEqual(info.variables);
    const t = resolveTemplate(info.id, 'en');
    expect(() => fill(`${t.subject}\n${t.body}`, vars, info.id)).not.toThrow();
    for (const v of Object.values(vars))
      expect(String(v)).toMatch(
        /^(Sam|Sample .*|\[sample \w+\]|SAMPLE-0001|https:\/\/mentorflow\.example\.gov\/sample-link|2027-03-15|\d+)$/,
      );
  }
  expect(() => sampleVars(TEMPLATE_MESSAGES.get(DENIED)!, { youthName: 'x' })).toThrow(/does not have/);
});

test('no message has a variable for a young person (e-mails carry no youth personal data)', () => {
  const youth = [...TEMPLATE_MESSAGES.values()].flatMap((m) =>
    m.variables.filter((v) => /youth|child|minor|student|caregiver/i.test(v)).map((v) => `${m.id}: ${v}`),
  );
  expect(youth).toEqual([]);
});
