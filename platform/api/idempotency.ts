/**
 * Creating POSTs and the Idempotency-Key header: a retried request with the same key and
 * body gets the first answer again and creates nothing new, and the ids a request creates
 * derive from its key (so a retry after partial work finds that work).
 */
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { ExpressionBuilder } from 'kysely';
import type { Database, Db } from '../../db';
import { HttpProblem } from './errors';

/** What a route's handler answers (its status, JSON body, or a raw text such as CSV). */
export interface Reply {
  status?: number;
  body?: unknown;
  /** Sent as is with this content type (e.g. CSV). */
  raw?: { type: string; text: string };
}

const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
const IDEMPOTENCY_LEASE_MS = 60_000;

/**
 * The same Idempotency-Key with the same body (compared canonically: key order does not
 * matter) returns the first response again and creates nothing new; the same key with
 * another body is refused. A first request in flight holds the key under a lease, so a
 * concurrent duplicate gets 409; a request that crashed lets its lease lapse, and the
 * retry then finds the work it did (ids derive from the key). Keys expire after a day.
 */
export async function withIdempotency(db: Db, req: Request, run: () => Promise<Reply>): Promise<Reply> {
  const key = idempotencyKeyOf(req);
  if (!key) return run();
  const principal = req.user!.sub;
  const where = `${req.method} ${req.originalUrl.split('?')[0]}`;
  const hash = createHash('sha256')
    .update(canonicalJson(req.body ?? null))
    .digest('hex');
  const thisKey = (eb: ExpressionBuilder<Database, 'idempotency_keys'>) =>
    eb.and([eb('principal', '=', principal), eb('route', '=', where), eb('key', '=', key)]);
  const now = new Date();
  const lease = new Date(now.getTime() + IDEMPOTENCY_LEASE_MS);
  // An expired key is forgotten; an in-flight one whose lease lapsed is taken over.
  await db.deleteFrom('idempotency_keys').where(thisKey).where('expires_at', '<', now).execute();
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({
      principal,
      route: where,
      key,
      request_hash: hash,
      status_code: 0,
      response: JSON.stringify(null) as never,
      expires_at: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
      locked_until: lease,
    })
    .onConflict((oc) => oc.columns(['principal', 'route', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (!inserted) {
    const prior = await db.selectFrom('idempotency_keys').selectAll().where(thisKey).executeTakeFirstOrThrow();
    if (prior.request_hash !== hash) {
      throw new HttpProblem(
        422,
        'Unprocessable Content',
        'This Idempotency-Key was used with a different request body',
        'idempotency_key_reused',
      );
    }
    if (prior.status_code !== 0) return { status: prior.status_code, body: prior.response };
    const takenOver = await db
      .updateTable('idempotency_keys')
      .set({ locked_until: lease })
      .where(thisKey)
      .where('status_code', '=', 0)
      .where('locked_until', '<', now)
      .returning('key')
      .executeTakeFirst();
    if (!takenOver)
      throw new HttpProblem(
        409,
        'Conflict',
        'A request with this Idempotency-Key is still in progress',
        'request_in_progress',
      );
  }
  try {
    const reply = await run();
    await db
      .updateTable('idempotency_keys')
      .set({
        status_code: reply.status ?? 201,
        response: JSON.stringify(reply.body ?? null) as never,
        locked_until: null,
      })
      .where(thisKey)
      .execute();
    return reply;
  } catch (err) {
    // A refused request created nothing: the key stays free for a corrected retry.
    await db.deleteFrom('idempotency_keys').where(thisKey).execute();
    throw err;
  }
}

/** The request's Idempotency-Key, if it sent one; a malformed key is a 400. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.header('idempotency-key');
  if (key === undefined || key === '') return undefined;
  if (key.length > 200 || !/^[\x21-\x7E]+$/.test(key)) {
    throw new HttpProblem(
      400,
      'Bad Request',
      'Idempotency-Key is 1 to 200 visible ASCII characters',
      'validation_failed',
      [{ path: 'header.Idempotency-Key', message: 'invalid' }],
    );
  }
  return key;
}

/** JSON with object keys sorted: two bodies that differ only in key order are the same. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** A UUID (v4 layout) derived from a string: the same request key always names the same record. */
export function derivedUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest();
  h[6] = (h[6] & 0x0f) | 0x40;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
