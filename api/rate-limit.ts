/**
 * Public endpoints (reference links, the directory, the question bank, /ready, later the
 * public forms) are rate limited per client with express-rate-limit, answering 429
 * problem+json. Counters live in each API process (memory store): with N API processes a
 * client gets up to N times the limit, which is what a per-process guard against floods
 * needs; nothing else depends on them agreeing.
 */
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { HttpProblem, sendProblem } from './errors';

export interface RateLimitConfig {
  /** Requests per client and minute on public endpoints. */
  publicPerMinute: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitConfig = { publicPerMinute: 300 };

export function publicRateLimit(cfg: RateLimitConfig): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: cfg.publicPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req, res) =>
      sendProblem(res, new HttpProblem(429, 'Too Many Requests', 'Too many requests from this client; try again in a minute', 'rate_limited'), req.originalUrl),
  });
}
