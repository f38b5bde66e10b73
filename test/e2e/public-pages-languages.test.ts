/**
 * The pages the API server renders itself for people without an account, in Spanish, in
 * Chromium: a volunteer's address confirmation, a reference's form and a relationship
 * survey. Each link comes from its real e-mail (a Spanish volunteer's referral, a Spanish
 * applicant's references, a Spanish mentor's survey round); each page shows no English
 * sentence (the server catalogue's, the instrument's, or the English rendering's reached by
 * the page's own language switch), has `lang="es"` and 0 serious axe findings; a visitor
 * sends the form in Spanish and reads the Spanish confirmation; an incomplete answer, a used
 * link and an unknown one (a browser set to Spanish, no `?lang=`) are refused in Spanish.
 * Screenshots `public-*-es.png`, and `public-*-en.png` through the switch:
 * `UPDATE_I18N_SCREENSHOTS=1` writes them to docs/screenshots/i18n.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { as, eventually, mailbox } from '../support/stack';
import { checkPage, SCREENSHOTS, useBrowserStack } from '../support/browser';
import { activeMatch, approvedMentor, cw1, mentorApplication, readyYouth } from '../integration/foster-fixtures';
import { referralForm, referralProgram } from '../integration/referral-fixtures';
import { SHIPPED_INSTRUMENT } from '../../processes/foster/surveys/relationship-quality';

const words = (code: string) =>
  JSON.parse(readFileSync(path.resolve(__dirname, `../../platform/i18n/messages/${code}.json`), 'utf8')) as Record<
    string,
    string
  >;
const es = words('es');
const COUNTY = 'Mariposa';
const SHOTS = process.env.UPDATE_I18N_SCREENSHOTS
  ? path.resolve(__dirname, '../../docs/screenshots/i18n')
  : path.join(SCREENSHOTS, 'i18n');

/** Sentences (cut at punctuation) with a word of three letters or more. */
const sentences = (text: string): string[] =>
  text
    .split(/[\n.,:;?!()—]+/)
    .map((s) => s.trim())
    .filter((s) => /\p{L}{3}/u.test(s));

/** Words meant on every page whatever its language: the product's name, and the switch's name for English. */
const NAMES = new Set(['mentorflow', 'English']);
const spanishSentences = new Set([...Object.values(es), ...instrumentWords('es')].flatMap(sentences));
/** English a Spanish page must not show: the server's page words, the instrument's, and each English rendering's. */
const english = new Set(
  [...Object.values(words('en')), ...instrumentWords('en')]
    .flatMap(sentences)
    .filter((s) => !spanishSentences.has(s) && !NAMES.has(s)),
);

function instrumentWords(l: 'en' | 'es'): string[] {
  const { scale, items } = SHIPPED_INSTRUMENT;
  return [scale.minLabel[l], scale.maxLabel[l], ...items.flatMap((i) => [i.text.mentor[l], i.text.youth[l]])];
}

/** What a person perceives: the title, the text, and accessible names and hints. */
const perceived = (page: Page) =>
  page.evaluate(`[document.title, document.body.innerText,
    ...[...document.querySelectorAll('[aria-label],[title],[placeholder]')].flatMap((e) =>
      ['aria-label', 'title', 'placeholder'].map((a) => e.getAttribute(a) ?? ''))].join('\\n')`) as Promise<string>;

/** Checks the page is wholly Spanish; its screenshot unless it looks as another already shot. */
async function inSpanish(page: Page, name: string, title: string, shot = true): Promise<void> {
  // The heading in Spanish (or, after a wait, whatever heading the page has instead).
  const h1 = await page
    .getByRole('heading', { level: 1, name: es[title] })
    .waitFor({ timeout: 10_000 })
    .then(
      () => es[title],
      () => page.locator('h1').first().textContent(),
    );
  expect({ page: name, h1 }).toEqual({ page: name, h1: es[title] });
  expect({ page: name, lang: await page.evaluate('document.documentElement.lang') }).toEqual({
    page: name,
    lang: 'es',
  });
  const text = await perceived(page);
  const left = sentences(text).filter((s) => english.has(s));
  expect({ page: name, english: left }).toEqual({ page: name, english: [] });
  await checkPage(page, `public-${name}-es`);
  if (!shot) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `public-${name}-es.png`) });
}

/** The page's switch to English: the English rendering, whose sentences the Spanish one must not have; then back. */
async function throughEnglish(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name: 'English' }).click();
  await page.waitForFunction('document.documentElement.lang === "en"');
  for (const s of sentences(await perceived(page))) if (!spanishSentences.has(s) && !NAMES.has(s)) english.add(s);
  await checkPage(page, `public-${name}-en`);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `public-${name}-en.png`) });
  await page.getByRole('link', { name: 'Español' }).click();
  await page.waitForFunction('document.documentElement.lang === "es"');
}

/** The page of a one-time link in the newest e-mail to `email` (its path and `?lang=`, on this stack). */
async function linkIn(email: string, page: RegExp): Promise<string> {
  const found = new RegExp(`${page.source}[A-Za-z0-9_-]+(\\?lang=[a-z]+)?`);
  const m = await eventually(
    async () => (await mailbox(email)).reverse().find((x) => found.test(x.text)),
    `a link e-mail to ${email}`,
    60_000,
  );
  return `${e2e.site()}${found.exec(m.text)![0]}`;
}

/** Skips the browser's own check of required answers, as an old browser would. */
const withoutRequired = (page: Page) =>
  page.evaluate('document.querySelectorAll("[required]").forEach((e) => e.removeAttribute("required"))');

const e2e = useBrowserStack(
  async (stack) => {
    await referralProgram(stack, { level: 'partner', county: COUNTY, languages: ['Spanish'] });
    return [];
  },
  // A match's first survey round two seconds after its first meeting.
  { policy: { foster: { surveyRounds: ['PT2S'] } } },
);

async function visitor() {
  const context = await e2e.browser.newContext({ locale: 'es-MX', viewport: { width: 1024, height: 768 } });
  return { context, page: await context.newPage() };
}

test('a volunteer confirms their address in Spanish; the used link and an unknown one say so in Spanish', async () => {
  const form = referralForm(COUNTY);
  const sent = await as(e2e.stack).post('/referrals', { ...form, language: 'es' });
  expect(sent.status).toBe(201);
  const link = await linkIn(form.volunteer.email as string, /\/referrals\/confirm\//);
  const { context, page } = await visitor();
  await page.goto(link);
  await inSpanish(page, 'confirm', 'page.confirm.title');
  await throughEnglish(page, 'confirm');
  await inSpanish(page, 'confirm', 'page.confirm.title');
  await page.getByRole('button', { name: es['page.confirm.button'] }).click();
  await inSpanish(page, 'confirm-sent', 'page.thanks.title');
  await page.getByText(es['page.thanks.body']!).waitFor();

  await page.goto(link);
  await inSpanish(page, 'confirm-used', 'page.link_invalid.title');
  await page.getByText(es['page.link_invalid.body']!).waitFor();
  await page.goto(`${e2e.site()}/referrals/confirm/not-a-real-token`);
  await inSpanish(page, 'confirm-unknown', 'page.link_invalid.title', false);
  await context.close();
});

test('a reference answers in Spanish; an answer without a choice, the used link and an unknown one are refused in Spanish', async () => {
  const app = mentorApplication();
  const created = await as(e2e.stack, cw1).post('/foster/mentors', {
    ...app,
    applicant: { ...app.applicant, language: 'es' },
  });
  expect(created.status).toBe(201);
  const link = await linkIn(app.references[0].email, /\/references\//);
  const { context, page } = await visitor();
  await page.goto(link);
  await inSpanish(page, 'reference', 'page.reference.title');
  await throughEnglish(page, 'reference');

  await withoutRequired(page);
  await page.getByRole('button', { name: es['page.reference.send'] }).click();
  await inSpanish(page, 'reference-incomplete', 'page.reference.choose.title');
  await page.goto(link);
  await page.getByLabel(es['page.reference.with_reservations']!).check();
  await page.getByLabel(es['page.reference.comments']!).fill('La conozco desde hace diez años.');
  await page.getByRole('button', { name: es['page.reference.send'] }).click();
  await inSpanish(page, 'reference-sent', 'page.thanks.title');
  await page.getByText(es['page.reference.recorded']!).waitFor();

  await page.goto(link);
  await inSpanish(page, 'reference-used', 'page.link_invalid.title');
  await page.goto(`${e2e.site()}/references/not-a-real-token`);
  await inSpanish(page, 'reference-unknown', 'page.link_invalid.title', false);
  await context.close();
});

test('a mentor answers their survey in Spanish; an incomplete answer, the used link and an unknown one in Spanish', async () => {
  const n = Date.now().toString(36);
  const email = `mentora-${n}@mail.example`;
  const mentorId = await approvedMentor(e2e.stack, { email, language: 'es' });
  const youthId = await readyYouth(e2e.stack, {
    caregiver: { name: 'Casey Caregiver', email: `carer-${n}@mail.example` },
  });
  await activeMatch(e2e.stack, mentorId, youthId);
  const link = await linkIn(email, /\/surveys\//);
  const { context, page } = await visitor();
  await page.goto(link);
  await inSpanish(page, 'survey', 'page.survey.title');
  await throughEnglish(page, 'survey');

  await withoutRequired(page);
  await page.getByRole('button', { name: es['page.survey.send'] }).click();
  await inSpanish(page, 'survey-incomplete', 'page.survey.incomplete.title');
  await page.goto(link);
  for (const item of SHIPPED_INSTRUMENT.items)
    await page.getByRole('group', { name: item.text.mentor.es }).getByRole('radio', { name: /^4/ }).check();
  await page.getByRole('button', { name: es['page.survey.send'] }).click();
  await inSpanish(page, 'survey-sent', 'page.thanks.title');
  await page.getByText(es['page.survey.recorded']!).waitFor();

  await page.goto(link);
  await inSpanish(page, 'survey-used', 'page.link_invalid.title');
  // No `?lang=`: an unknown link has no language of its own, the browser's Spanish decides.
  await page.goto(`${e2e.site()}/surveys/not-a-real-token`);
  await inSpanish(page, 'survey-unknown', 'page.link_invalid.title', false);
  await context.close();
});
