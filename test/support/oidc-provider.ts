/**
 * A small OpenID provider for the sign-in tests: discovery, an authorization endpoint
 * with a username form, a token endpoint that insists on PKCE (S256) and the registered
 * redirect URI, and a JWKS. It signs RS256 access tokens for the API's audience with the
 * person's roles, as an agency's provider would be configured to. The web app and the API
 * under test are the real ones; only the agency's identity provider is played here.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface ProviderPerson {
  sub: string;
  name: string;
  email: string;
  roles: string[];
  department?: string;
  programId?: string;
}

interface Grant {
  person: ProviderPerson;
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce?: string;
  expires: number;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function startOidcProvider(opts: {
  clientId: string;
  audience: string;
  people: ProviderPerson[];
  redirectUris: () => string[];
}) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const grants = new Map<string, Grant>();
  const tokenRequests: { ok: boolean; error?: string }[] = [];
  const app = express();
  let issuer = '';
  app.use((req, res, next) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'content-type');
    if (req.method === 'OPTIONS') return res.status(204).end();
    next();
  });
  app.get('/.well-known/openid-configuration', (_req, res) => {
    res.json({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });
  app.get('/jwks', (_req, res) => res.json({ keys: [jwk] }));

  const refuse = (res: express.Response, why: string) => res.status(400).type('text').send(why);
  app.get('/authorize', (req, res) => {
    const q = req.query as Record<string, string>;
    if (q.client_id !== opts.clientId) return refuse(res, 'unknown client');
    if (!opts.redirectUris().includes(q.redirect_uri)) return refuse(res, 'redirect_uri not registered');
    if (q.response_type !== 'code' || q.code_challenge_method !== 'S256' || !q.code_challenge)
      return refuse(res, 'PKCE (S256) required');
    const hidden = ['client_id', 'redirect_uri', 'state', 'nonce', 'code_challenge']
      .map((k) => `<input type="hidden" name="${k}" value="${escape(q[k] ?? '')}">`)
      .join('');
    res.type('html')
      .send(`<!doctype html><html lang="en"><head><title>Test Agency sign-in</title></head><body><main><h1>Test Agency sign-in</h1>
      <form method="post" action="/authorize">${hidden}<label for="username">Username</label> <input id="username" name="username"> <button type="submit">Sign in</button></form></main></body></html>`);
  });
  app.post('/authorize', express.urlencoded({ extended: false }), (req, res) => {
    const b = req.body as Record<string, string>;
    const person = opts.people.find((p) => p.sub === b.username);
    if (!person) return res.status(401).type('text').send('no such user');
    if (!opts.redirectUris().includes(b.redirect_uri)) return refuse(res, 'redirect_uri not registered');
    const code = randomBytes(16).toString('hex');
    grants.set(code, {
      person,
      clientId: b.client_id,
      redirectUri: b.redirect_uri,
      challenge: b.code_challenge,
      nonce: b.nonce || undefined,
      expires: Date.now() + 60_000,
    });
    const back = new URL(b.redirect_uri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', b.state);
    res.redirect(302, back.toString());
  });
  app.post('/token', express.urlencoded({ extended: false }), async (req, res) => {
    const b = req.body as Record<string, string>;
    const grant = grants.get(b.code);
    grants.delete(b.code);
    const verifierHash = createHash('sha256')
      .update(b.code_verifier ?? '')
      .digest('base64url');
    const error =
      !grant || grant.expires < Date.now()
        ? 'unknown or used code'
        : b.grant_type !== 'authorization_code'
          ? 'wrong grant type'
          : grant.clientId !== b.client_id || grant.redirectUri !== b.redirect_uri
            ? 'client or redirect_uri mismatch'
            : grant.challenge !== verifierHash
              ? 'PKCE verifier does not match'
              : undefined;
    tokenRequests.push({ ok: !error, error });
    if (error || !grant) return res.status(400).json({ error: 'invalid_grant', error_description: error });
    const p = grant.person;
    const claims = {
      name: p.name,
      email: p.email,
      roles: p.roles,
      ...(p.department ? { department: p.department } : {}),
      ...(p.programId ? { programId: p.programId } : {}),
    };
    const sign = (payload: Record<string, unknown>, aud: string) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(issuer)
        .setSubject(p.sub)
        .setAudience(aud)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey);
    res.json({
      token_type: 'Bearer',
      expires_in: 3600,
      access_token: await sign(claims, opts.audience),
      id_token: await sign({ ...claims, nonce: grant.nonce }, opts.clientId),
    });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    tokenRequests,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
