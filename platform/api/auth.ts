/**
 * Bearer-token authentication: HS256 tokens for development and tests, OIDC through a
 * JWKS URL in production. Every token must expire, and no token may live longer than the
 * configured cap. Every route names the roles it admits; a scoped role without its scope
 * claim admits nothing (who-may-act.ts); scope checks happen where the record is read.
 *
 * Only access tokens open the API, never ID tokens (the provider's statement to the web
 * app that a person signed in, which travels further and is not meant for an API):
 * - a token's `typ` header, if present, is `JWT` or `at+jwt` (RFC 9068); any other type
 *   (an ID token typed as such, a logout token, DPoP proof) is refused;
 * - a token carrying an ID-token-only claim (`nonce`, `at_hash`, `c_hash`, `s_hash`) is
 *   refused: access tokens have no use for them;
 * - a token whose only audience is the web app's client id (AUTH_OIDC_CLIENT_ID) is an
 *   ID token unless typed `at+jwt`: so when AUTH_AUDIENCE equals the client id, only
 *   RFC 9068 access tokens pass; giving the API its own audience is the better setup.
 */
import type { Request, RequestHandler } from 'express';
import { createRemoteJWKSet, jwtVerify, SignJWT } from 'jose';
import type { JWTHeaderParameters, JWTPayload, JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { effectiveRoles, principalTokens, scopeClaimOf, type Principal } from '../workflow/access';
import type { ActingUser } from '../workflow/records';
import { ROLES, type Role } from '../workflow/registry';
import { HttpProblem } from './errors';

/** The roles a token may carry: the admins' and those each process declares (platform/workflow/registry.ts). */
export { ROLES, type Role } from '../workflow/registry';

export interface User extends Principal {
  name?: string;
  email?: string;
  /** The roles that count: scoped roles without their claim are left out. */
  roles: Role[];
  /** Every known role the token names, scoped or not. */
  declaredRoles: Role[];
  tokens: string[];
  /** Set when the people directory refuses this person (people.ts): they may read GET /me only. */
  refused?: 'not_in_directory' | 'deactivated';
  /** The absent colleagues this person stands in for now (absence.ts); their personal tokens are in `tokens`. */
  standsInFor?: string[];
}

const claimsSchema = z.object({
  sub: z.string().min(1).max(200),
  name: z.string().max(200).optional(),
  email: z.string().max(254).optional(),
  roles: z.array(z.string().max(100)).max(50).default([]),
  department: z.string().min(1).max(100).optional(),
  programId: z.string().min(1).max(200).optional(),
  collegeId: z.string().min(1).max(200).optional(),
});

export interface AuthConfig {
  hsSecret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** OIDC: the signing algorithms accepted (required with a JWKS URL). */
  algorithms?: string[];
  /** No token may be valid for longer than this (seconds from its issue, or from now). */
  maxTokenLifetimeSeconds?: number;
  /** OIDC: the web app's public client id (ID tokens are issued for it: aud = this). */
  clientId?: string;
  /** AUTH_ROLES_FROM: a signed-in person's roles and scopes come from their token or the people directory. */
  rolesFrom?: 'token' | 'directory';
  /** SCIM_TOKEN: the bearer token of the identity provider's SCIM client (unset: no SCIM). */
  scimToken?: string;
}

/** Claims only an ID token carries (OpenID Connect Core §2, §3.3.2.11; FAPI's s_hash). */
const ID_TOKEN_CLAIMS = ['nonce', 'at_hash', 'c_hash', 's_hash'] as const;

/** Why a verified token is not an access token for this API (undefined: it is one). */
export function notAnAccessToken(
  header: Pick<JWTHeaderParameters, 'typ'>,
  payload: JWTPayload,
  clientId?: string,
): string | undefined {
  // RFC 8725 §3.11: compare case-insensitively, the "application/" prefix optional.
  const typ = header.typ === undefined ? undefined : header.typ.toLowerCase().replace(/^application\//, '');
  if (typ !== undefined && typ !== 'jwt' && typ !== 'at+jwt') return `a token of type ${header.typ}`;
  const idClaim = ID_TOKEN_CLAIMS.find((c) => payload[c] !== undefined);
  if (idClaim) return `an ID token (it carries ${idClaim})`;
  const audiences = payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const forTheWebClientOnly = !!clientId && audiences.length === 1 && audiences[0] === clientId;
  if (forTheWebClientOnly && typ !== 'at+jwt') return 'an ID token (its audience is the web client only)';
  return undefined;
}

export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;

export function createAuthenticator(cfg: AuthConfig) {
  const jwks: JWTVerifyGetKey | undefined = cfg.jwksUrl ? createRemoteJWKSet(new URL(cfg.jwksUrl)) : undefined;
  const secret = cfg.hsSecret ? new TextEncoder().encode(cfg.hsSecret) : undefined;
  const options = { issuer: cfg.issuer, audience: cfg.audience, requiredClaims: ['exp'] };
  const maxLifetime = cfg.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;

  async function verify(token: string): Promise<JWTPayload> {
    let verified: { payload: JWTPayload; protectedHeader: JWTHeaderParameters };
    if (jwks) verified = await jwtVerify(token, jwks, { ...options, algorithms: cfg.algorithms });
    else if (secret) verified = await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] });
    else throw new Error('no verification key configured');
    const { payload } = verified;
    const wrongKind = notAnAccessToken(verified.protectedHeader, payload, cfg.clientId);
    if (wrongKind) {
      throw new HttpProblem(401, 'Unauthorized', `The bearer token is ${wrongKind}, not an access token for this API`);
    }
    // Lifetimes are capped: a token minted to live for a year is refused, however it was signed.
    const now = Math.floor(Date.now() / 1000);
    const from = typeof payload.iat === 'number' ? Math.min(payload.iat, now) : now;
    if (payload.exp! - from > maxLifetime) throw new Error('token lifetime exceeds the cap');
    return payload;
  }

  return async function authenticate(req: Request): Promise<User | undefined> {
    const header = req.headers.authorization;
    if (!header) return undefined;
    const m = /^Bearer\s+(.+)$/i.exec(header);
    if (!m) throw new HttpProblem(401, 'Unauthorized', 'Authorization must be a Bearer token');
    let payload: JWTPayload;
    try {
      payload = await verify(m[1]);
    } catch (err) {
      if (err instanceof HttpProblem) throw err;
      throw new HttpProblem(401, 'Unauthorized', 'The bearer token is invalid or expired');
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new HttpProblem(401, 'Unauthorized', 'The bearer token lacks the sub or roles claims');
    const declaredRoles = claims.data.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    const principal = { ...claims.data, roles: declaredRoles };
    return { ...principal, roles: effectiveRoles(principal), declaredRoles, tokens: principalTokens(principal) };
  };
}

/** Admits callers with any of the roles (none listed: any authenticated caller). */
export function requireUser(
  authenticate: ReturnType<typeof createAuthenticator>,
  roles?: readonly Role[],
): RequestHandler {
  return async (req, _res, next) => {
    const user = await authenticate(req);
    if (!user) throw new HttpProblem(401, 'Unauthorized', 'A bearer token is required');
    if (roles && !user.roles.some((r) => roles.includes(r))) {
      // A scoped role without its claim admits nothing: say which claim is missing.
      const unscoped = user.declaredRoles.filter((r) => roles.includes(r) && !user.roles.includes(r));
      throw new HttpProblem(
        403,
        'Forbidden',
        unscoped.length
          ? `The role ${unscoped[0]} acts only within its ${scopeClaimOf(unscoped[0])} claim, which the token lacks`
          : `This action needs one of the roles: ${roles.join(', ')}`,
      );
    }
    req.user = user;
    next();
  };
}

/** The caller as a workflow's validators see them: id, name, e-mail, roles that count and scope. */
export function actorOf(
  user: Pick<User, 'sub' | 'name' | 'email' | 'roles' | 'department' | 'programId' | 'collegeId' | 'standsInFor'>,
): ActingUser {
  return {
    id: user.sub,
    ...(user.name ? { name: user.name } : {}),
    ...(user.email ? { email: user.email } : {}),
    roles: user.roles,
    ...(user.department ? { department: user.department } : {}),
    ...(user.programId ? { programId: user.programId } : {}),
    ...(user.collegeId ? { collegeId: user.collegeId } : {}),
    ...(user.standsInFor?.length ? { onBehalfOf: user.standsInFor } : {}),
  };
}

export function hasRole(user: User, ...roles: Role[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}

/**
 * Mints an HS256 development token. Issued-at and expiry come from one reading of the
 * clock: read twice, a second boundary between them made a 12-hour token 12 hours and one
 * second long, over the lifetime cap, and refused (a rare 401 that CI caught).
 */
export async function mintToken(
  secret: string,
  claims: {
    sub: string;
    roles: string[];
    name?: string;
    email?: string;
    department?: string;
    programId?: string;
    collegeId?: string;
  },
  ttl = '12h',
): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds(ttl))
    .sign(new TextEncoder().encode(secret));
}

/** '12h', '30m', '45s' as seconds. */
function ttlSeconds(ttl: string): number {
  const m = /^(\d+)([hms])$/.exec(ttl);
  if (!m) throw new Error(`a token lifetime like "12h", "30m" or "45s", not ${ttl}`);
  return Number(m[1]) * { h: 3600, m: 60, s: 1 }[m[2] as 'h' | 'm' | 's'];
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
  }
}
