/**
 * Only access tokens open the API. An ID token (the provider's word to the web app that a
 * person signed in) is refused even when AUTH_AUDIENCE is the web app's client id, the
 * setup in which its audience alone cannot tell the two apart.
 */
import type { Request } from 'express';
import { SignJWT, type JWTPayload } from 'jose';
import { serveJwks, type TestJwks } from '../support/jwks';
import { createAuthenticator, notAnAccessToken } from '../../platform/api/auth';

const req = (token: string) => ({ headers: { authorization: `Bearer ${token}` } }) as unknown as Request;
const ISSUER = 'https://idp.example';
const CLIENT = 'mentorflow-web';

let jwks: TestJwks;
let jwksUrl: string;
let privateKey: TestJwks['privateKey'];
beforeAll(async () => {
  jwks = await serveJwks();
  ({ url: jwksUrl, privateKey } = jwks);
});
afterAll(() => jwks.close());

const sign = (claims: JWTPayload, opts: { aud: string | string[]; typ?: string }) =>
  new SignJWT({ roles: ['hr_officer'], department: 'CDT', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1', ...(opts.typ ? { typ: opts.typ } : {}) })
    .setIssuer(ISSUER)
    .setAudience(opts.aud)
    .setSubject('hr-7')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);

describe('the API audience is the web client id (the risky setup)', () => {
  const auth = () =>
    createAuthenticator({ jwksUrl, issuer: ISSUER, audience: CLIENT, algorithms: ['RS256'], clientId: CLIENT });

  test('an ID token, however it is dressed, is 401 and says why', async () => {
    const idTokens = [
      await sign({ nonce: 'n-1' }, { aud: CLIENT }), // as the web app receives it
      await sign({}, { aud: CLIENT }), // no nonce, no hash claims: the audience alone gives it away
      await sign({}, { aud: CLIENT, typ: 'JWT' }),
      await sign({ at_hash: 'abc' }, { aud: [CLIENT, 'other'], typ: 'JWT' }),
      await sign({ c_hash: 'abc' }, { aud: CLIENT, typ: 'at+jwt' }),
      await sign({}, { aud: CLIENT, typ: 'id_token+jwt' }),
    ];
    for (const token of idTokens) {
      await expect(auth()(req(token))).rejects.toMatchObject({
        status: 401,
        detail: expect.stringMatching(/not an access token/),
      });
    }
  });

  test('an RFC 9068 access token (typ at+jwt) passes', async () => {
    for (const typ of ['at+jwt', 'application/at+jwt', 'AT+JWT']) {
      expect(await auth()(req(await sign({}, { aud: CLIENT, typ })))).toMatchObject({
        sub: 'hr-7',
        roles: ['hr_officer'],
      });
    }
  });
});

describe('the API has its own audience (the recommended setup)', () => {
  const auth = () =>
    createAuthenticator({
      jwksUrl,
      issuer: ISSUER,
      audience: 'mentorflow-api',
      algorithms: ['RS256'],
      clientId: CLIENT,
    });

  test('access tokens pass with or without a typ header', async () => {
    for (const typ of [undefined, 'JWT', 'at+jwt']) {
      expect(await auth()(req(await sign({}, { aud: 'mentorflow-api', typ })))).toMatchObject({ sub: 'hr-7' });
    }
    // An access token for the API and the web client both (a provider that adds the client) passes.
    expect(await auth()(req(await sign({}, { aud: ['mentorflow-api', CLIENT] })))).toMatchObject({ sub: 'hr-7' });
  });

  test('an ID token is refused even where its audience would fit', async () => {
    await expect(auth()(req(await sign({ nonce: 'n' }, { aud: 'mentorflow-api' })))).rejects.toMatchObject({
      status: 401,
    });
    await expect(auth()(req(await sign({}, { aud: CLIENT })))).rejects.toMatchObject({ status: 401 });
    await expect(auth()(req(await sign({}, { aud: 'mentorflow-api', typ: 'logout+jwt' })))).rejects.toMatchObject({
      status: 401,
    });
  });
});

test('the rule, table-driven', () => {
  const cases: [string | undefined, JWTPayload, string | undefined, boolean][] = [
    [undefined, { aud: 'api' }, CLIENT, true],
    ['JWT', { aud: 'api' }, CLIENT, true],
    ['jwt', { aud: 'api' }, undefined, true],
    ['at+jwt', { aud: CLIENT }, CLIENT, true],
    ['application/at+jwt', { aud: [CLIENT] }, CLIENT, true],
    [undefined, { aud: CLIENT }, undefined, true], // no client id configured (HS256 development): no audience rule
    [undefined, { aud: CLIENT }, CLIENT, false],
    [undefined, { aud: [CLIENT] }, CLIENT, false],
    [undefined, { aud: 'api', nonce: 'x' }, CLIENT, false],
    ['at+jwt', { aud: 'api', at_hash: 'x' }, CLIENT, false],
    [undefined, { aud: 'api', s_hash: 'x' }, undefined, false],
    ['dpop+jwt', { aud: 'api' }, CLIENT, false],
    ['JOSE', { aud: 'api' }, CLIENT, false],
  ];
  for (const [typ, payload, clientId, ok] of cases) {
    expect({ typ, payload, accepted: notAnAccessToken({ typ }, payload, clientId) === undefined }).toEqual({
      typ,
      payload,
      accepted: ok,
    });
  }
});
