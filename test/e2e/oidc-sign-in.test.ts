/**
 * Production sign-in in Chromium: the web app sends the person to the agency's OIDC
 * provider (authorization code + PKCE), comes back with a code, trades it for a token the
 * API verifies against the provider's keys, and lands on the page the person set out for.
 * No demo list is offered beside it. A callback that was not started here is refused.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { createApp } from '../../platform/api/app';
import { startStack, type Stack } from '../support/stack';
import { checkPage, launchBrowser } from '../support/browser';
import { startOidcProvider } from '../support/oidc-provider';

let stack: Stack;
let browser: Browser;
let provider: Awaited<ReturnType<typeof startOidcProvider>>;
let server: Server;
let site = '';
const CLIENT_ID = 'mentorflow-web';

beforeAll(async () => {
  stack = await startStack();
  provider = await startOidcProvider({
    clientId: CLIENT_ID,
    audience: 'mentorflow-api',
    redirectUris: () => [`${site}/signin/callback`],
    people: [
      {
        sub: 'oidc-hr-1',
        name: 'Robin Ortiz',
        email: 'robin.ortiz@agency.test',
        roles: ['hr_officer'],
        department: 'CDT',
      },
    ],
  });
  const app = createApp({
    db: stack.db,
    temporal: stack.client,
    policy: stack.policy,
    taskQueue: stack.taskQueue,
    log: () => undefined,
    auth: { jwksUrl: provider.jwksUrl, issuer: provider.issuer, audience: 'mentorflow-api', algorithms: ['RS256'] },
    oidc: { issuer: provider.issuer, clientId: CLIENT_ID, scopes: 'openid profile email' },
  });
  server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await provider?.stop();
  await stack?.stop();
});

test("a person signs in through the agency's provider and lands where they set out for", async () => {
  const page = await browser.newPage();
  await page.goto(`${site}/reports`);
  // Not signed in: the sign-in page, with the provider's button and no demo people.
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  expect(await page.getByRole('button', { name: /— / }).count()).toBe(0);
  await checkPage(page, 'sign-in-oidc');
  expect((await fetch(`${site}/auth/dev/people`)).status).toBe(404);

  await page.getByRole('button', { name: 'Sign in with your agency account' }).click();
  await page.getByRole('heading', { name: 'Test Agency sign-in' }).waitFor();
  const authorize = new URL(page.url());
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('redirect_uri')).toBe(`${site}/signin/callback`);
  await page.getByLabel('Username').fill('oidc-hr-1');
  await page.getByRole('button', { name: 'Sign in' }).click();

  // Back on the product, on the page that asked for sign-in, as the provider's person.
  await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/reports');
  await page.getByText('Robin Ortiz').waitFor();
  expect(provider.tokenRequests).toEqual([{ ok: true, error: undefined }]);
  // The token the browser holds is one the API accepts for this person.
  const token = (
    JSON.parse((await page.evaluate('sessionStorage.getItem("mentorflow.session")')) as string) as { token: string }
  ).token;
  const me = await fetch(`${site}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
  expect(await me.json()).toMatchObject({ id: 'oidc-hr-1', roles: ['hr_officer'], department: 'CDT' });
  await page.close();
});

test('a callback the browser did not start is refused, and says how to start again', async () => {
  const page = await browser.newPage();
  await page.goto(`${site}/signin/callback?code=stolen&state=guess`);
  await page.getByRole('heading', { level: 1, name: 'Sign-in failed' }).waitFor();
  await page.getByRole('link', { name: 'Try signing in again' }).waitFor();
  expect(await page.evaluate('sessionStorage.getItem("mentorflow.session")')).toBeNull();
  await checkPage(page, 'sign-in-failed');
  await page.close();
});
