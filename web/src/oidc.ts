/**
 * OIDC sign-in in the browser: the authorization code flow with PKCE (RFC 7636) as a
 * public client, so no client secret exists anywhere a browser can read it. The
 * provider's endpoints come from its discovery document; the verifier, state and nonce
 * live in this tab's sessionStorage only between leaving for the provider and coming
 * back to /signin/callback. The token the API gets is the provider's access token (a JWT
 * for the API's audience, carrying the roles claim; README, "Signing in").
 */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  scopes: string;
}

interface Pending {
  verifier: string;
  state: string;
  nonce: string;
  next: string;
  tokenEndpoint: string;
  clientId: string;
}

const PENDING = 'mentorflow.oidc.pending';
export const CALLBACK_PATH = '/signin/callback';

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const randomString = (n: number): string => base64url(crypto.getRandomValues(new Uint8Array(n)));
const redirectUri = (): string => `${window.location.origin}${CALLBACK_PATH}`;

async function discover(issuer: string): Promise<{ authorization_endpoint: string; token_endpoint: string }> {
  const res = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`The sign-in provider did not answer (${res.status})`);
  return (await res.json()) as { authorization_endpoint: string; token_endpoint: string };
}

/** Leaves for the provider's sign-in page; `next` is where to land afterwards. */
export async function beginSignIn(cfg: OidcConfig, next: string): Promise<void> {
  const meta = await discover(cfg.issuer);
  const verifier = randomString(32);
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  const pending: Pending = {
    verifier,
    state: randomString(16),
    nonce: randomString(16),
    next,
    tokenEndpoint: meta.token_endpoint,
    clientId: cfg.clientId,
  };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(meta.authorization_endpoint);
  for (const [k, v] of Object.entries({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: redirectUri(),
    scope: cfg.scopes,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }))
    url.searchParams.set(k, v);
  window.location.assign(url.toString());
}

function claimsOf(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1] ?? '';
  return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
}

/** Back from the provider: checks the state, trades the code (with the verifier) for tokens. */
export async function finishSignIn(query: URLSearchParams): Promise<{ token: string; next: string }> {
  const raw = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  if (query.get('error'))
    throw new Error(query.get('error_description') ?? `The provider refused the sign-in (${query.get('error')})`);
  if (!raw) throw new Error('This sign-in was not started here, or it was already used. Start again.');
  const pending = JSON.parse(raw) as Pending;
  if (!query.get('state') || query.get('state') !== pending.state)
    throw new Error('The sign-in answer does not match the request. Start again.');
  const res = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: query.get('code') ?? '',
      redirect_uri: redirectUri(),
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }),
  });
  const body = (await res.json().catch(() => ({}))) as {
    access_token?: string;
    id_token?: string;
    error?: string;
    error_description?: string;
  };
  if (!res.ok || !body.access_token)
    throw new Error(body.error_description ?? `The provider did not give a token (${body.error ?? res.status})`);
  if (body.id_token && claimsOf(body.id_token).nonce !== pending.nonce)
    throw new Error('The sign-in answer was not for this request. Start again.');
  return { token: body.access_token, next: pending.next };
}
