/**
 * The modules every workflow shares instead of loading its own copy (the SDK's
 * `preloadModules`, in the reusable V8 context): zod and the schemas and data built from
 * it — pure values, no workflow state, no Temporal API. Without this each new or replayed
 * workflow evaluates them again, which cost CPU on every new case and memory on every
 * cached one (`npm run bench` P1 and P4).
 *
 * The SDK deep-freezes what it preloads, and zod writes to a schema in three places as it
 * parses: an object schema caches its keys, an enum its values, and a string's regex check
 * resets the RegExp's `lastIndex`. A frozen schema refuses those writes (a TypeError that
 * fails the workflow task), so every schema reachable from these modules is walked once
 * here, before the freeze: the caches are filled, and each regex check gets a stand-in
 * whose `lastIndex` is an accessor (a frozen object's accessors still work). The replay
 * suite and every integration test run with these modules preloaded.
 */
import * as input from './input';
import * as taskData from './task-data';
import { PROCESSES } from './registry';

/** A regex check's stand-in: the same test, and a `lastIndex` zod may set. */
function regexStandIn(re: RegExp) {
  return {
    source: re.source,
    flags: re.flags,
    test: (s: string) => re.test(s),
    get lastIndex() {
      return 0;
    },
    set lastIndex(_: number) {
      /* a non-global RegExp starts at 0 every time */
    },
  };
}

type Walked = {
  _getCached?: () => unknown;
  _def?: { typeName?: string; values?: unknown; checks?: { kind: string; regex?: RegExp }[]; shape?: () => unknown };
  safeParse?: (v: unknown) => unknown;
};

/** Fills zod's lazy caches of every schema reachable from `value` (see above). */
export function warmSchemas(value: unknown, seen = new Set<unknown>()): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return;
  seen.add(value);
  if (typeof value === 'function') return;
  const v = value as Walked;
  const def = v._def;
  if (def && typeof def === 'object') {
    if (typeof v._getCached === 'function') v._getCached();
    if (def.typeName === 'ZodEnum' && Array.isArray(def.values)) v.safeParse?.(def.values[0]);
    if (def.typeName === 'ZodNativeEnum' && def.values && typeof def.values === 'object')
      v.safeParse?.(Object.values(def.values)[0]);
    for (const check of def.checks ?? []) {
      if (check.kind === 'regex' && check.regex instanceof RegExp && !check.regex.global && !check.regex.sticky)
        check.regex = regexStandIn(check.regex) as unknown as RegExp;
    }
    if (typeof def.shape === 'function') warmSchemas(def.shape(), seen);
  }
  for (const key of Object.keys(value)) warmSchemas((value as Record<string, unknown>)[key], seen);
}

/** Every module of schemas the workflows share: the platform's, and each process's (its descriptor's `schemaModules`). */
export const SHARED_SCHEMA_MODULES = [input, taskData, ...PROCESSES.flatMap((p) => p.schemaModules)];
warmSchemas(SHARED_SCHEMA_MODULES);
