/**
 * The browser tests' Chromium (Debian's package, driven by playwright-core), with what
 * every page is checked for: axe-core's serious and critical violations, no
 * Content-Security-Policy violation (anything the browser refused to run or apply), and
 * screenshots at desktop and phone widths saved with the test output
 * (.data/test/screenshots). axe is evaluated through the DevTools protocol, which the
 * page's CSP does not govern, not added as an inline script (which it rightly refuses).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Db } from '../../db';
import { startStack, truncateAll, type Person, type Stack } from './stack';

export const SCREENSHOTS = path.resolve(__dirname, '../../.data/test/screenshots');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const cspReports = new WeakMap<Page, string[]>();

/** Records the CSP violations Chromium reports on the page's console from now on. */
export function watchCsp(page: Page): string[] {
  let list = cspReports.get(page);
  if (!list) {
    const found: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) found.push(`${page.url()}: ${m.text()}`);
    });
    cspReports.set(page, (list = found));
  }
  return list;
}

export async function launchBrowser(): Promise<Browser> {
  // As root Chromium needs --no-sandbox; the tests only visit the local product.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? 'chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  // Every page the suites open is watched for CSP violations from its first navigation.
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (...args) => {
    const page = await newPage(...args);
    watchCsp(page);
    return page;
  };
  return browser;
}

export interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  if (await page.evaluate('typeof axe === "undefined"')) await page.evaluate(AXE);
  // Runs in the page (a string, so this Node project needs no DOM types).
  const result = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`,
  )) as {
    violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Screenshots of the whole page at desktop (1280) and phone (390) widths. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const [label, width, height] of [
    ['desktop', 1280, 900],
    ['phone', 390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(size);
}

/** Checks a page as the suite checks every page: its screenshots, 0 serious or critical axe findings, no CSP violation. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await screenshots(page, name);
  const found = await seriousViolations(page);
  expect({ page: name, violations: found }).toEqual({ page: name, violations: [] });
  expect({ page: name, csp: watchCsp(page) }).toEqual({ page: name, csp: [] });
}

/** Signs in on the development sign-in page as the demo person whose button starts with `name`. */
export async function signInAs(page: Page, site: string, name: string): Promise<void> {
  await page.goto(`${site}/`);
  await page.getByRole('button', { name: new RegExp(`^${name} — `) }).click();
  await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
}

/** The demo people a sign-in page lists, written whole as `npm run seed` writes them (whatever an earlier suite's token left). */
export async function writeDemoPeople(db: Db, people: [Person, string][]): Promise<void> {
  for (const [p, label] of people) {
    const row = {
      name: p.name ?? null,
      email: p.email ?? null,
      roles: p.roles,
      department: p.department ?? null,
      program_id: p.programId ?? null,
      college_id: p.collegeId ?? null,
      seen_at: new Date(),
      demo_label: label,
    };
    await db
      .insertInto('people')
      .values({ id: p.sub, ...row })
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
  }
}

/**
 * One browser suite's world: a stack on a fresh database whose only demo people are those
 * `people` returns (it may first make what they need), and Chromium; both end with the file.
 */
export function useBrowserStack(
  people: (stack: Stack) => Promise<[Person, string][]>,
  options: Parameters<typeof startStack>[0] = {},
) {
  const world = {
    stack: undefined as unknown as Stack,
    browser: undefined as unknown as Browser,
    site: () => world.stack.baseUrls[0],
    signInAs: (page: Page, name: string) => signInAs(page, world.site(), name),
  };
  beforeAll(async () => {
    world.stack = await startStack(options);
    await truncateAll(world.stack.db);
    await world.stack.db.deleteFrom('people').execute();
    await writeDemoPeople(world.stack.db, await people(world.stack));
    world.browser = await launchBrowser();
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.stack?.stop();
  });
  return world;
}
