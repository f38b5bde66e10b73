/** Bearer tokens: HS256 for development, OIDC through a JWKS URL for production. */
import type { Request } from 'express';
import { SignJWT } from 'jose';
import { serveJwks, type TestJwks } from '../support/jwks';
import { createAuthenticator, mintToken } from '../../platform/api/auth';

const req = (token?: string) => ({ headers: token ? { authorization: `Bearer ${token}` } : {} }) as unknown as Request;

test('HS256 development tokens carry the documented claims', async () => {
  const secret = 'x'.repeat(40);
  const auth = createAuthenticator({ hsSecret: secret });
  const user = await auth(
    req(await mintToken(secret, { sub: 'hr-1', roles: ['hr_officer', 'nonsense'], department: 'CDT' })),
  );
  expect(user).toMatchObject({ sub: 'hr-1', roles: ['hr_officer'], department: 'CDT' });
  expect(user!.tokens).toContain('dept:CDT:hr_officer');
  await expect(auth(req(await mintToken('y'.repeat(40), { sub: 'a', roles: [] })))).rejects.toMatchObject({
    status: 401,
  });
  expect(await auth(req())).toBeUndefined();
});

describe('OIDC', () => {
  let jwks: TestJwks;
  let url: string;
  let privateKey: TestJwks['privateKey'];
  beforeAll(async () => {
    jwks = await serveJwks();
    ({ url, privateKey } = jwks);
  });
  afterAll(() => jwks.close());

  const sign = (claims: Record<string, unknown>, iss = 'https://idp.example', aud = 'mentorflow') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(iss)
      .setAudience(aud)
      .setSubject('emp-7')
      .setExpirationTime('5m')
      .sign(privateKey);

  test('a token signed by the provider is accepted; wrong issuer or audience is 401', async () => {
    const auth = createAuthenticator({ jwksUrl: url, issuer: 'https://idp.example', audience: 'mentorflow' });
    expect(await auth(req(await sign({ roles: ['employee'] })))).toMatchObject({ sub: 'emp-7', roles: ['employee'] });
    await expect(auth(req(await sign({ roles: ['employee'] }, 'https://evil.example')))).rejects.toMatchObject({
      status: 401,
    });
    await expect(auth(req(await sign({ roles: ['employee'] }, undefined, 'other')))).rejects.toMatchObject({
      status: 401,
    });
  });
});
