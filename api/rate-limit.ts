/**
 * Public endpoints (reference links, the directory, the question bank, /ready, later the
 * public forms) are rate limited per client with express-rate-limit, answering 429
 * problem+json. The counters live in PostgreSQL (one upsert per request), so every API
 * process behind a load balancer counts the same client against the same limit: nothing
 * here assumes it is the only API process.
 */
import type { RequestHandler } from 'express';
import { sql } from 'kysely';
import { rateLimit, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import type { Db } from '../db';
import { HttpProblem, sendProblem } from './errors';

export interface RateLimitConfig {
  /** Requests per client and minute on public endpoints. */
  publicPerMinute: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { publicPerMinute: 300 };

/** Fixed windows per key in the `rate_limits` table; expired rows are swept now and then. */
class PostgresStore implements Store {
  private windowMs = 60_000;
  prefix = 'public:';
  localKeys = false;

  constructor(private readonly db: Db) {}

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
    if (Math.random() < 0.01) void sql`DELETE FROM rate_limits WHERE resets_at < now()`.execute(this.db).catch(() => undefined);
    const { hits, resets_at } = row.rows[0];
    return { totalHits: hits, resetTime: new Date(resets_at) };
  }

  async decrement(key: string): Promise<void> {
    await sql`UPDATE rate_limits SET hits = greatest(hits - 1, 0) WHERE key = ${this.prefix + key}`.execute(this.db);
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
    store: new PostgresStore(db),
    handler: (req, res) =>
      sendProblem(res, new HttpProblem(429, 'Too Many Requests', 'Too many requests from this client; try again in a minute', 'rate_limited'), req.originalUrl),
  });
}
