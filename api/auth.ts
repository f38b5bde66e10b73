/**
 * Bearer-token authentication: HS256 tokens for development and tests, OIDC through a
 * JWKS URL in production. Every route names the roles it admits; scope checks (which
 * case, which department) happen where the record is read.
 */
import type { Request, RequestHandler } from 'express';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { principalTokens, type Principal } from '../workflows/shared/access';
import type { Actor } from '../workflows/shared/records';
import { HttpProblem } from './errors';

export const ROLES = [
  'employee', 'supervisor', 'hr_officer', 'org_coordinator', 'case_worker', 'case_supervisor',
  'social_worker', 'program_staff', 'quality_reviewer', 'review_lead', 'admin',
] as const;
export type Role = (typeof ROLES)[number];

export interface User extends Principal {
  name?: string;
  email?: string;
  roles: Role[];
  tokens: string[];
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
  roles: z.array(z.string()).default([]),
  department: z.string().optional(),
  programId: z.string().optional(),
});

export interface AuthConfig {
  hsSecret?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

export function createAuthenticator(cfg: AuthConfig) {
  const jwks: JWTVerifyGetKey | undefined = cfg.jwksUrl ? createRemoteJWKSet(new URL(cfg.jwksUrl)) : undefined;
  const secret = cfg.hsSecret ? new TextEncoder().encode(cfg.hsSecret) : undefined;
  const options = { issuer: cfg.issuer, audience: cfg.audience };

  async function verify(token: string): Promise<JWTPayload> {
    if (jwks) return (await jwtVerify(token, jwks, options)).payload;
    if (secret) return (await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })).payload;
    throw new Error('no verification key configured');
  }

  return async function authenticate(req: Request): Promise<User | undefined> {
    const header = req.headers.authorization;
    if (!header) return undefined;
    const m = /^Bearer\s+(.+)$/i.exec(header);
    if (!m) throw new HttpProblem(401, 'Unauthorized', 'Authorization must be a Bearer token');
    let payload: JWTPayload;
    try {
      payload = await verify(m[1]);
    } catch {
      throw new HttpProblem(401, 'Unauthorized', 'The bearer token is invalid or expired');
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) throw new HttpProblem(401, 'Unauthorized', 'The bearer token lacks the sub or roles claims');
    const roles = claims.data.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    const principal = { ...claims.data, roles };
    return { ...principal, tokens: principalTokens(principal) };
  };
}

/** Admits callers with any of the roles (none listed: any authenticated caller). */
export function requireUser(authenticate: ReturnType<typeof createAuthenticator>, roles?: readonly Role[]): RequestHandler {
  return async (req, _res, next) => {
    const user = await authenticate(req);
    if (!user) throw new HttpProblem(401, 'Unauthorized', 'A bearer token is required');
    if (roles && !user.roles.some((r) => roles.includes(r))) {
      throw new HttpProblem(403, 'Forbidden', `This action needs one of the roles: ${roles.join(', ')}`);
    }
    req.user = user;
    next();
  };
}

export function actorOf(user: User): Actor {
  return { id: user.sub, ...(user.name ? { name: user.name } : {}) };
}

export function hasRole(user: User, ...roles: Role[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}

/** Mints an HS256 development token. */
export async function mintToken(secret: string, claims: { sub: string; roles: string[]; name?: string; email?: string; department?: string; programId?: string }, ttl = '12h'): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
  }
}
