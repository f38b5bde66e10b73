/**
 * Public endpoints (reference links, the directory, the question bank, /ready, the
 * public forms) are rate limited per client with express-rate-limit, answering 429
 * problem+json. The counters live in PostgreSQL (one upsert per request), so every API
 * process behind a load balancer counts the same client against the same limit: nothing
 * here assumes it is the only API process.
 *
 * A client is its address as Express reads it through the configured number of trusted
 * proxy hops (TRUST_PROXY, lib/config.ts): the entry that many hops from the right of
 * X-Forwarded-For, which the client cannot choose. IPv6 clients count per /64 (one
 * household or host usually holds a whole /64, so rotating within it gains nothing);
 * IPv4-mapped IPv6 addresses count as the IPv4 address.
 *
 * Failed look-ups of one-time links (404 on a reference, withdraw or confirmation link)
 * have their own, tighter limit: guessing a 256-bit token is hopeless, but a client that
 * keeps missing is probing, and it stops being answered for a while. Answers other than
 * 404 do not count, so a person opening their own valid link is never slowed by others.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { Request, RequestHandler } from 'express';
import { sql } from 'kysely';
import { rateLimit, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import type { Db } from '../../db';
import { logger } from '../../lib/logger';
import { oneTimeLinkAlternation } from '../workflow/registry';
import { HttpProblem, sendProblem } from './errors';

export interface RateLimitConfig {
  /** Requests per client and minute on public endpoints. */
  publicPerMinute: number;
  /** Failed one-time-link look-ups (404) per client in LINK_FAILURE_WINDOW_MS (default 20). */
  linkFailures?: number;
  /** Public forms (the volunteer form) per client and hour (default 20): each one e-mails the address typed. */
  formsPerHour?: number;
}

export const DEFAULT_LINK_FAILURES = 20;
export const DEFAULT_FORMS_PER_HOUR = 20;
export const DEFAULT_RATE_LIMIT: RateLimitConfig = {
  publicPerMinute: 300,
  linkFailures: DEFAULT_LINK_FAILURES,
  formsPerHour: DEFAULT_FORMS_PER_HOUR,
};
export const LINK_FAILURE_WINDOW_MS = 10 * 60_000;

/**
 * The paths of one-time links, whatever route serves them (page or API): those the
 * processes declare (`oneTimeLinkPaths`: the reference page and its API, the volunteer's
 * withdraw and address-confirmation links).
 */
export const ONE_TIME_LINK_PATH = new RegExp(`^/(?:api/v1/)?(?:${oneTimeLinkAlternation()})/[^/]+/?$`, 'i');

/** An IPv6 address as its eight 16-bit groups (undefined when it is not one). */
function ipv6Groups(address: string): number[] | undefined {
  let a = address.replace(/%.*$/, '');
  if (!isIPv6(a)) return undefined;
  // A trailing dotted IPv4 part (::ffff:192.0.2.1) as two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (v4) {
    const [b0, b1, b2, b3] = v4[1].split('.').map(Number);
    a = `${a.slice(0, -v4[1].length)}${((b0 << 8) | b1).toString(16)}:${((b2 << 8) | b3).toString(16)}`;
  }
  const [head, tail] = a.includes('::') ? a.split('::') : [a, undefined];
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = part(head);
  const t = part(tail);
  return tail === undefined ? h : [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
}

/** The rate-limit key of a client address: IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 per /64. */
export function clientKey(address: string | undefined): string {
  if (!address) return 'unknown';
  if (isIPv4(address)) return address;
  const g = ipv6Groups(address);
  if (!g) return address;
  const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
  if (mapped) return [g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255].join('.');
  return `${g
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(':')}::/64`;
}

const keyOf = (req: Request): string => clientKey(req.ip);

/** Fixed windows per key in the `rate_limits` table; expired rows are swept now and then. */
export class PostgresStore implements Store {
  private windowMs = 60_000;
  localKeys = false;

  constructor(
    private readonly db: Db,
    readonly prefix = 'public:',
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const k = this.prefix + key;
    const interval = `${this.windowMs} milliseconds`;
    const row = await sql<{ hits: number; resets_at: Date }>`
      INSERT INTO rate_limits (key, hits, resets_at) VALUES (${k}, 1, now() + ${interval}::interval)
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN rate_limits.resets_at <= now() THEN 1 ELSE rate_limits.hits + 1 END,
        resets_at = CASE WHEN rate_limits.resets_at <= now() THEN now() + ${interval}::interval ELSE rate_limits.resets_at END
      RETURNING hits, resets_at`.execute(this.db);
    // About one request in a hundred clears windows that ended (no timer per process).
    if (Math.random() < 0.01)
      void sql`DELETE FROM rate_limits WHERE resets_at < now()`.execute(this.db).catch(() => undefined);
    const { hits, resets_at } = row.rows[0];
    return { totalHits: hits, resetTime: new Date(resets_at) };
  }

  /**
   * Called after the answer went out (a success that does not count): nothing awaits it, so a
   * database restarting at that moment must not throw (an unhandled rejection ends the API
   * process; the chaos run found it). A decrement missed only counts one request too many.
   */
  async decrement(key: string): Promise<void> {
    await sql`UPDATE rate_limits SET hits = greatest(hits - 1, 0) WHERE key = ${this.prefix + key}`
      .execute(this.db)
      .catch((err: Error) => logger.warn({ err: err.message }, 'rate limit: a decrement was not written'));
  }

  async resetKey(key: string): Promise<void> {
    await sql`DELETE FROM rate_limits WHERE key = ${this.prefix + key}`.execute(this.db);
  }
}

export function publicRateLimit(db: Db, cfg: RateLimitConfig): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: cfg.publicPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: keyOf,
    store: new PostgresStore(db),
    handler: (req, res) =>
      sendProblem(
        res,
        new HttpProblem(
          429,
          'Too Many Requests',
          'Too many requests from this client; try again in a minute',
          'rate_limited',
        ),
        req.originalUrl,
      ),
  });
}

/**
 * Public forms that send an e-mail to the address typed (the volunteer form): a client
 * sends only a few an hour, on top of the per-address limits, so the form cannot be used
 * to mail many addresses (or one inbox under many sub-addresses) from one place.
 */
export function publicFormRateLimit(db: Db, cfg: RateLimitConfig): RequestHandler {
  return rateLimit({
    windowMs: 60 * 60_000,
    limit: cfg.formsPerHour ?? DEFAULT_FORMS_PER_HOUR,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: keyOf,
    store: new PostgresStore(db, 'form:'),
    handler: (req, res) =>
      sendProblem(
        res,
        new HttpProblem(
          429,
          'Too Many Requests',
          'Too many forms sent from this client; try again in an hour',
          'rate_limited',
        ),
        req.originalUrl,
      ),
  });
}

/** The tighter limit on failed one-time-link look-ups: only 404 answers count. */
export function linkFailureRateLimit(db: Db, cfg: RateLimitConfig): RequestHandler {
  const limiter = rateLimit({
    windowMs: LINK_FAILURE_WINDOW_MS,
    limit: cfg.linkFailures ?? DEFAULT_LINK_FAILURES,
    standardHeaders: false,
    legacyHeaders: false,
    keyGenerator: keyOf,
    skipSuccessfulRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode !== 404,
    store: new PostgresStore(db, 'link-miss:'),
    handler: (req, res) => {
      res.setHeader('Retry-After', String(LINK_FAILURE_WINDOW_MS / 1000));
      const detail = 'Too many links that do not exist were tried from this client; try again later';
      sendProblem(res, new HttpProblem(429, 'Too Many Requests', detail, 'rate_limited'), req.originalUrl);
    },
  });
  return (req, res, next) => (ONE_TIME_LINK_PATH.test(req.path) ? limiter(req, res, next) : next());
}
