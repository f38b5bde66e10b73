/**
 * The public pages in English and Spanish, in Chromium: a browser set to Spanish gets every
 * public page in Spanish with no sentence of the English catalogue left on it (visible
 * text, labels, titles), `lang="es"`, 0 serious axe findings, and its requests ask the API
 * for Spanish; the header's selector switches the language, beats the browser's, and is
 * remembered across a reload; Vietnamese (partial) shows its own words on public pages; a
 * program's staff in Spanish read their self-assessment in Spanish: the shipped bank's
 * questions, the standards' names and the answers, with no English name left.
 * Screenshots of each page in both languages; `UPDATE_I18N_SCREENSHOTS=1` writes them to
 * docs/screenshots/i18n for the docs, otherwise they go with the test output.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { as } from '../support/stack';
import { checkPage, SCREENSHOTS, useBrowserStack } from '../support/browser';
import { admin, registerProgram, reviewer, staffOf, year } from '../integration/fixtures';
import { referralForm, submitConfirmed, withdrawToken } from '../integration/referral-fixtures';

const catalogue = (code: string) =>
  JSON.parse(readFileSync(path.resolve(__dirname, `../../web/src/i18n/messages/${code}.json`), 'utf8')) as Record<
    string,
    string
  >;
const en = catalogue('en');
const es = catalogue('es');
const COUNTY = 'Mariposa';
const SHOTS = process.env.UPDATE_I18N_SCREENSHOTS
  ? path.resolve(__dirname, '../../docs/screenshots/i18n')
  : path.join(SCREENSHOTS, 'i18n');

/** The words of a message outside its placeholders and tags ("{count} County" → "County"). */
function fragments(message: string): string[] {
  let depth = 0;
  let text = '';
  for (const ch of message.replace(/<\/?\w+>/g, '|')) {
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else text += depth === 0 ? ch : '|';
  }
  return text
    .split('|')
    .map((s) => s.trim().replace(/^[.,:;·()–-]+|[.,:;·()–-]+$/g, ''))
    .filter((s) => /\p{L}{3}/u.test(s));
}

/** English sentences (and words) that a Spanish page must not show: those no Spanish message has as well. */
const spanish = new Set(Object.values(es).flatMap(fragments));
const english = [...new Set(Object.values(en).flatMap(fragments))].filter((f) => !spanish.has(f));

/** What a person perceives on the page: its text, the document title, accessible names and hints (or a part's). */
const perceived = (page: Page, part = 'body') =>
  page.evaluate(`(() => { const root = document.querySelector(${JSON.stringify(part)});
    return [root === document.body ? document.title : '', root.innerText,
    ...[...root.querySelectorAll('[aria-label],[title],[placeholder]')].flatMap((e) =>
      ['aria-label', 'title', 'placeholder'].map((a) => e.getAttribute(a) ?? ''))].join('\\n'); })()`) as Promise<string>;

async function noEnglishLeft(page: Page, name: string, part?: string): Promise<void> {
  const text = await perceived(page, part);
  const left = english.filter((f) =>
    new RegExp(`(^|[^\\p{L}])${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text),
  );
  expect({ page: name, english: left }).toEqual({ page: name, english: [] });
}

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

const e2e = useBrowserStack(async (stack) => {
  // A program in the directory whose own words are not English (the check reads the whole page).
  const p = await registerProgram(stack, {
    name: 'Mentores del Valle',
    organization: 'Familias Unidas',
    county: COUNTY,
  });
  await as(stack, admin).put(`/programs/${p.id}/level`, {
    level: 'partner',
    certifiedUntil: `${year + 2}-06-30`,
    note: 'imported',
  });
  await as(stack, staffOf(p.id)).put(`/programs/${p.id}/referrals`, {
    accepting: true,
    counties: [COUNTY],
    virtual: true,
    languages: ['Spanish'],
    youthAges: { min: 10, max: 17 },
  });
  // A program outside the directory's county whose certification waits on its self-assessment.
  const applicant = await registerProgram(stack, { name: 'Programa Sierra', county: 'Inyo' });
  const staff = { ...staffOf(applicant.id), name: 'Paula Personal' };
  // It asks the shipped bank, published again as the newest (suites sharing the database publish their own).
  const shipped = await as(stack).get('/certifications/questions?version=2');
  const again = { questions: shipped.body.items, reason: 'The shipped bank, newest again' };
  expect((await as(stack, admin).post('/certifications/question-banks', again)).status).toBe(201);
  const applied = await as(stack, staff).post(`/programs/${applicant.id}/certifications`, { level: 'partner' });
  const review = applied.body.openTasks.find((t: { type: string }) => t.type === 'application_review');
  await as(stack, reviewer).post(`/tasks/${review.id}/complete`, { outcome: 'approve' });
  assessmentCase = applied.body.id;
  assessmentStaff = staff.sub;
  return [[staff, 'personal del programa']];
});
let assessmentCase = '';
let assessmentStaff = '';

/** A visitor whose browser prefers `locale`, at 1024×768 (the docs' screenshot size). */
async function visitor(locale: string) {
  const context = await e2e.browser.newContext({ locale, viewport: { width: 1024, height: 768 } });
  return { context, page: await context.newPage() };
}

const PUBLIC_PAGES: [name: string, url: () => Promise<string>, title: string][] = [
  ['sign-in', async () => '/', 'signIn.title'],
  ['directory', async () => `/directory?county=${COUNTY}`, 'directory.title'],
  ['volunteer', async () => '/volunteer?campaign=Familias', 'volunteer.title'],
  ['withdraw', async () => `/referrals/withdraw/${await withdrawLink()}`, 'withdraw.title'],
  ['not-found', async () => '/nowhere', 'notFound.title'],
];

async function withdrawLink(): Promise<string> {
  const form = referralForm(COUNTY);
  await submitConfirmed(e2e.stack, form);
  return withdrawToken(form.volunteer.email as string);
}

for (const [language, locale, messages] of [
  ['en', 'en-US', en],
  ['es', 'es-MX', es],
] as const) {
  test(`every public page in ${language === 'en' ? 'English' : 'Spanish'}: its words, lang, axe, the API asked in that language`, async () => {
    const { context, page } = await visitor(locale);
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/')) asked.push(r.headers()['accept-language'] ?? '');
    });
    for (const [name, url, title] of PUBLIC_PAGES) {
      await page.goto(`${e2e.site()}${await url()}`);
      await page.getByRole('heading', { level: 1, name: messages[title] }).waitFor();
      if (name === 'directory') await page.getByRole('heading', { level: 2, name: 'Mentores del Valle' }).waitFor();
      expect(await page.evaluate('document.documentElement.lang')).toBe(language);
      if (language === 'es') await noEnglishLeft(page, name);
      await checkPage(page, `i18n-${name}-${language}`);
      await shoot(page, `${name}-${language}`);
    }
    expect(asked.length).toBeGreaterThan(0);
    expect([...new Set(asked)]).toEqual([language]);
    await context.close();
  });
}

test('in Spanish a volunteer sends the form (asking for Spanish e-mails) and withdraws; the pages after are Spanish too', async () => {
  const { context, page } = await visitor('es-ES');
  await page.goto(`${e2e.site()}/volunteer`);
  await page.getByLabel(es['volunteer.name']!).fill('Valeria Voluntaria');
  await page.getByLabel(es['volunteer.email']!).fill(`valeria-${Date.now()}@example.org`);
  await page.getByLabel(es['volunteer.phone']!).fill('209-555-0148');
  await page.getByLabel(es['volunteer.county']!, { exact: true }).fill(COUNTY);
  await page.getByLabel(es['volunteer.age']!).selectOption('35-54');
  await page.getByLabel(es['volunteer.languages']!).fill('Spanish');
  await page.locator('label[for="volunteer-consent"]').click();
  const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/referrals'));
  await page.getByRole('button', { name: es['volunteer.send'] }).click();
  await page.getByRole('heading', { level: 1, name: es['volunteer.checkTitle'] }).waitFor();
  // The volunteer's e-mails are to be in the language they filled the form in.
  expect((JSON.parse((await sent).postData() ?? '{}') as { language?: string }).language).toBe('es');
  await noEnglishLeft(page, 'volunteer-sent');
  await checkPage(page, 'i18n-volunteer-sent-es');
  await shoot(page, 'volunteer-sent-es');

  await page.goto(`${e2e.site()}/referrals/withdraw/${await withdrawLink()}`);
  await page.getByRole('button', { name: es['withdraw.button'] }).click();
  await page.getByRole('heading', { level: 1, name: es['withdraw.doneTitle'] }).waitFor();
  await noEnglishLeft(page, 'withdrawn');
  await checkPage(page, 'i18n-withdrawn-es');
  await shoot(page, 'withdrawn-es');
  // The link works once: the refusal's heading is Spanish too.
  await page.reload();
  await page.getByRole('button', { name: es['withdraw.button'] }).click();
  await page.getByRole('heading', { level: 2, name: es['withdraw.unusable'] }).waitFor();
  await context.close();
});

test('the header switches the language, beats the browser, is remembered across a reload; lang follows', async () => {
  const { context, page } = await visitor('es-MX');
  await page.goto(`${e2e.site()}/directory`);
  await page.getByRole('heading', { level: 1, name: es['directory.title'] }).waitFor();
  await page.getByRole('button', { name: es['shell.languages'] }).click();
  await checkPage(page, 'i18n-selector-open');
  await shoot(page, 'selector-open-es');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: en['directory.title'] }).waitFor();
  expect(await page.evaluate('document.documentElement.lang')).toBe('en');
  // The choice beats the browser's Spanish, after a reload and on the next page.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: en['directory.title'] }).waitFor();
  await page.goto(`${e2e.site()}/volunteer`);
  await page.getByRole('heading', { level: 1, name: en['volunteer.title'] }).waitFor();
  expect(await page.evaluate('document.documentElement.lang')).toBe('en');

  // Vietnamese is partial: the public pages are in its words, with its own lang.
  const vi = catalogue('vi');
  await page.getByRole('button', { name: en['shell.languages'] }).click();
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.getByRole('heading', { level: 1, name: vi['volunteer.title'] }).waitFor();
  expect(await page.evaluate('document.documentElement.lang')).toBe('vi');
  await checkPage(page, 'i18n-volunteer-vi');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: vi['volunteer.title'] }).waitFor();
  await context.close();
});

test("in Spanish a program's staff read their self-assessment in Spanish: questions, standards, answers", async () => {
  // Spanish in the people directory too: after sign-in the app speaks the person's language.
  await e2e.stack.db.updateTable('people').set({ language: 'es' }).where('id', '=', assessmentStaff).execute();
  const { context, page } = await visitor('es-MX');
  await page.goto(`${e2e.site()}/`);
  await page.getByRole('button', { name: /^Paula Personal — / }).click();
  await page.getByRole('heading', { level: 1, name: es['inbox.title'] }).waitFor();
  await page.goto(`${e2e.site()}/cases/${assessmentCase}`);
  await page.getByRole('heading', { level: 2, name: es['assessment.heading'] }).waitFor();
  // The shipped bank's first question, in its Spanish wording; each standard and answer by its Spanish name.
  await page.getByText(/^¿Tiene el programa un plan de reclutamiento por escrito/).waitFor();
  for (const key of ['standard.recruitment', 'standard.matching_and_initiating', 'standard.closure'])
    await page.locator('legend', { hasText: es[key]! }).first().waitFor();
  expect(await page.locator('label[for$="-yes"]').first().textContent()).toBe(es['answer.yes']);
  await expect(page.getByText(/^Does the program/).count()).resolves.toBe(0);
  // The form itself: the case's subject above it is the API's, written in English when the case began.
  await noEnglishLeft(page, 'self-assessment', 'section[aria-labelledby="assessment-heading"]');
  await checkPage(page, 'i18n-self-assessment-es');
  await shoot(page, 'self-assessment-es');
  await context.close();
});
