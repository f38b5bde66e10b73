/**
 * A signing key and a JWKS endpoint on loopback, as an identity provider publishes them:
 * tests of OIDC verification sign their own tokens and point the API at this URL.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';

export interface TestJwks {
  url: string;
  privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  close(): Promise<void>;
}

export async function serveJwks(): Promise<TestJwks> {
  const pair = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const server = http.createServer((_q, s) =>
    s.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
    privateKey: pair.privateKey,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
