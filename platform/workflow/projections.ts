/**
 * A transition's process rows. The platform writes the case, its tasks, timeline and
 * outbox; every other read-model row belongs to a process, which declares the kinds it
 * writes (its descriptor's `projectionKinds`) and writes them in its own projection.ts.
 * A transition carries them as `projections: { kind, row }[]`, opaque to the platform.
 * Pure: loaded by workflow code, by the read-model activity and by the value replay.
 */
import { PROCESSES } from './registry';

/** One process row of a transition: the writer registered for `kind` writes `row`. */
export interface ProjectionRow<K extends string = string, R = unknown> {
  kind: K;
  row: R;
}

/** Builds a typed projection row (the process's row type checks `row`). */
export function projectionRow<K extends string, R>(kind: K, row: R): ProjectionRow<K, R> {
  return { kind, row };
}

/** Fields a transition carried before its process rows were projections (their processes declare them). */
export type LegacyProjectionFields = object;

let legacy: (readonly [string, string])[] | undefined;

/**
 * The fields a transition carried before its process rows were projections, and the kind
 * each one is now (each process's `legacyProjectionFields`, in the registry's order).
 * Running cases scheduled writes with them before the upgrade; the activity and the value
 * replay read them as the projections they are. Built on first use.
 */
export function legacyProjectionFields(): readonly (readonly [string, string])[] {
  return (legacy ??= PROCESSES.flatMap((p) => Object.entries<string>(p.legacyProjectionFields ?? {})));
}

/**
 * A transition's process rows whatever its shape (legacy fields or `projections`), in
 * one canonical order: the legacy kinds in their declared order (a transition carries one
 * process's rows, in the order its process wrote them), then the others as given.
 */
export function projectionsOf(input: { projections?: ProjectionRow[] } & LegacyProjectionFields): ProjectionRow[] {
  const given = [...((input.projections as ProjectionRow[] | undefined) ?? [])];
  for (const [field, kind] of legacyProjectionFields()) {
    const row = (input as Record<string, unknown>)[field];
    if (row !== undefined && row !== null) given.push({ kind, row });
  }
  const legacyOrder = legacyProjectionFields().map(([, kind]) => kind);
  const rank = (k: string) => (legacyOrder.includes(k) ? legacyOrder.indexOf(k) : legacyOrder.length);
  return given
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p.kind) - rank(b.p.kind) || a.i - b.i)
    .map(({ p }) => p);
}

/** The transition in its current shape: legacy fields moved into `projections`. */
export function normaliseTransition<T extends object>(
  input: T & { projections?: ProjectionRow[] } & LegacyProjectionFields,
): T & { projections?: ProjectionRow[] } {
  const out: Record<string, unknown> = { ...input };
  for (const [field] of legacyProjectionFields()) delete out[field];
  const projections = projectionsOf(input);
  if (projections.length) out.projections = projections;
  else delete out.projections;
  return out as T & { projections?: ProjectionRow[] };
}

/** Several changes' rows as one: one row per kind, the last one given wins (as scalar parts do). */
export function mergeProjections(...lists: (ProjectionRow[] | undefined)[]): ProjectionRow[] | undefined {
  const byKind = new Map<string, ProjectionRow>();
  for (const p of lists.flatMap((l) => l ?? [])) {
    byKind.delete(p.kind);
    byKind.set(p.kind, p);
  }
  return byKind.size ? [...byKind.values()] : undefined;
}
