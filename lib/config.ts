/**
 * Configuration, read once at start and validated. Every variable is optional: with
 * none set the product runs on the embedded local defaults of runtime.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { Policy } from '../workflows/shared/policy';
import { loadPolicy } from './policy';

export const ROOT = path.resolve(__dirname, '..');
export const DATA_DIR = path.join(ROOT, '.data');

const envSchema = z.object({
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/mentorflow'),
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_API_KEY: z.string().optional(),
  TEMPORAL_TLS_CERT: z.string().optional(),
  TEMPORAL_TLS_KEY: z.string().optional(),
  SMTP_URL: z.string().default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().default('mentorflow <no-reply@mentorflow.local>'),
  PUBLIC_BASE_URL: z.string().url().default('http://127.0.0.1:3000'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  AUTH_JWT_SECRET: z.string().min(32).optional(),
  AUTH_JWKS_URL: z.string().url().optional(),
  AUTH_ISSUER: z.string().optional(),
  AUTH_AUDIENCE: z.string().optional(),
  MENTORFLOW_POLICY: z.string().optional(),
});

export interface AppConfig {
  databaseUrl: string;
  temporal: { address: string; namespace: string; apiKey?: string; tlsCert?: string; tlsKey?: string };
  smtpUrl: string;
  mailFrom: string;
  publicBaseUrl: string;
  port: number;
  auth: { hsSecret?: string; jwksUrl?: string; issuer?: string; audience?: string };
  policy: Policy;
}

/** The development signing secret, generated into .data/ on first use. */
export function developmentJwtSecret(): string {
  const file = path.join(DATA_DIR, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  const e = parsed.data;
  const auth = {
    jwksUrl: e.AUTH_JWKS_URL,
    issuer: e.AUTH_ISSUER,
    audience: e.AUTH_AUDIENCE,
    // With OIDC configured there is no shared secret; otherwise HS256 for development.
    hsSecret: e.AUTH_JWKS_URL ? e.AUTH_JWT_SECRET : (e.AUTH_JWT_SECRET ?? developmentJwtSecret()),
  };
  return {
    databaseUrl: e.DATABASE_URL,
    temporal: { address: e.TEMPORAL_ADDRESS, namespace: e.TEMPORAL_NAMESPACE, apiKey: e.TEMPORAL_API_KEY, tlsCert: e.TEMPORAL_TLS_CERT, tlsKey: e.TEMPORAL_TLS_KEY },
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    port: e.PORT,
    auth,
    policy: loadPolicy(e.MENTORFLOW_POLICY, e.PUBLIC_BASE_URL),
  };
}
