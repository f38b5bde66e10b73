/**
 * Which language each recipient's e-mail is in (platform/emails/recipients.ts): a person in
 * the directory reads theirs, anyone else the one the case knows (else English); recipients
 * of one message who read different languages each get a copy in theirs, the first under the
 * message's own key, and delivery finds every copy.
 */
import { byRecipientLanguage, languageKeys } from '../../platform/emails/recipients';
import { renderEmail } from '../../platform/emails/render';
import { templatedEmail, type TemplatedEmail } from '../../platform/workflow/records';
import { platformEmail } from '../../platform/emails/platform-emails';

const opened = templatedEmail(
  't1:assigned',
  ['Ana@example.gov', 'bo@example.gov', 'public@example.org'],
  platformEmail('task-opened', { taskTitle: 'Intake', dueAt: '2027-03-15' }),
  'L',
);
const directory = new Map([
  ['ana@example.gov', 'es' as const],
  ['bo@example.gov', 'en' as const],
]);

test('staff read their directory language; one copy per language, the first under the message key', () => {
  const copies = byRecipientLanguage(opened, directory) as TemplatedEmail[];
  expect(copies.map((c) => [c.key, c.language, c.to])).toEqual([
    ['t1:assigned', 'es', ['Ana@example.gov']],
    ['t1:assigned|en', 'en', ['bo@example.gov', 'public@example.org']],
  ]);
  expect(renderEmail(copies[0]).text).toContain('Una tarea requiere su acción: Intake.');
  expect(renderEmail(copies[1]).text).toContain('A task needs your action: Intake.');
  expect(languageKeys(['t1:assigned'])).toEqual(expect.arrayContaining(copies.map((c) => c.key)));
});

test("someone the directory does not list reads the case's language; all in one language is one message", () => {
  const chosen = { ...opened, to: ['public@example.org'], language: 'es' as const };
  expect(byRecipientLanguage(chosen, directory)).toEqual([chosen]);
  expect(byRecipientLanguage({ ...opened, to: ['bo@example.gov'] }, directory)).toEqual([
    { ...opened, to: ['bo@example.gov'], language: 'en' },
  ]);
});
