/**
 * Paged lists: the `?limit=` and `?cursor=` every list takes, one page read with `limit + 1`
 * rows, and opaque cursors of a fixed shape (a cursor that does not fit is a 400, never a
 * query that cannot run).
 */
import { z, type ZodTypeAny } from 'zod';
import { HttpProblem } from './errors';

/** Lists: `?limit=` (default 50, max 200) and an opaque `?cursor=`. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
};

/**
 * One page of a list fetched with `limit + 1` rows: the items, and the cursor of the last
 * one when there is more.
 */
export function pageOf<R, T>(
  rows: R[],
  limit: number,
  dto: (r: R) => T,
  cursorOf: (r: R) => unknown[],
): { items: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return {
    items: page.map(dto),
    nextCursor: rows.length > limit ? encodeCursor(cursorOf(page[page.length - 1])) : null,
  };
}

export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Cursors of lists ordered by a time or a text and then an id. */
export const CURSORS = {
  timeAndId: z.tuple([z.string().datetime(), z.string().min(1).max(200)]),
  textAndId: z.tuple([z.string().max(1000), z.string().min(1).max(200)]),
};

/** A cursor of the given shape, or 400 (never a 500 from a query that cannot run). */
export function decodeCursor<T extends ZodTypeAny>(cursor: string | undefined, shape: T): z.infer<T> | undefined {
  if (!cursor) return undefined;
  try {
    const r = shape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (r.success) return r.data;
  } catch {
    /* fall through */
  }
  throw new HttpProblem(400, 'Bad Request', 'The cursor is not valid', 'validation_failed', [
    { path: 'query.cursor', message: 'invalid cursor' },
  ]);
}
