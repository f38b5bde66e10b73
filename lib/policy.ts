/**
 * Loads the policy once at start: defaults merged with the JSON file named by
 * MENTORFLOW_POLICY, validated by zod. A bad file stops the process with a clear message.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isIsoDuration } from '../platform/workflow/calendar';
import { DEFAULT_POLICY, type Policy } from '../platform/workflow/policy';
import { PROCESSES } from '../platform/workflow/registry';

const duration = z.union([
  z.object({ businessDays: z.number().int().min(0) }).strict(),
  z.string().refine(isIsoDuration, 'an ISO-8601 duration such as "P30D" or "PT2S"'),
]);
const taskPolicy = z.object({ due: duration, reminderBefore: duration, escalateTo: z.string().min(1) }).strict();
const holiday = z.union([
  z
    .object({
      name: z.string(),
      month: z.number().int().min(1).max(12),
      day: z.number().int().min(1).max(31),
      onSaturday: z.enum(['none', 'friday']).optional(),
    })
    .strict(),
  z
    .object({
      name: z.string(),
      month: z.number().int().min(1).max(12),
      weekday: z.number().int().min(0).max(6),
      nth: z.number().int().min(-1).max(5),
      offsetDays: z.number().int().optional(),
    })
    .strict(),
]);

/** The platform's part, then each registered process's section under its key (its own schema). */
export const policySchema = z
  .object({
    holidays: z.array(holiday),
    tasks: z.record(taskPolicy).refine((t) => 'default' in t, 'tasks.default is required'),
    mailboxes: z.record(z.string().email()),
    publicBaseUrl: z.string().url(),
    ...Object.fromEntries(
      PROCESSES.flatMap((p) => (p.policySection ? [[p.policySection.key, p.policySection.schema(duration)]] : [])),
    ),
    maxHistoryEvents: z.number().int().min(100),
    midnightSpread: z.string().refine(isIsoDuration, 'an ISO-8601 duration such as "PT2H"'),
  })
  .strict();

/** Deep merge where objects merge and arrays and scalars replace. */
export function mergePolicy(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (
    base &&
    override &&
    typeof base === 'object' &&
    typeof override === 'object' &&
    !Array.isArray(base) &&
    !Array.isArray(override)
  ) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(override as Record<string, unknown>)) out[k] = mergePolicy(out[k], v);
    return out;
  }
  return override;
}

export function buildPolicy(override: unknown = {}, publicBaseUrl?: string): Policy {
  const merged = mergePolicy(DEFAULT_POLICY, override) as Record<string, unknown>;
  if (publicBaseUrl && !(override as Record<string, unknown>)?.publicBaseUrl) merged.publicBaseUrl = publicBaseUrl;
  const parsed = policySchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new Error(`Invalid policy configuration:\n${problems}`);
  }
  return parsed.data as Policy;
}

export function loadPolicy(file: string | undefined, publicBaseUrl?: string): Policy {
  if (!file) return buildPolicy({}, publicBaseUrl);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`MENTORFLOW_POLICY=${file} could not be read as JSON: ${(err as Error).message}`);
  }
  return buildPolicy(json, publicBaseUrl);
}
