/**
 * The policy's schema, and the policy of the defaults merged with the JSON file named by
 * MENTORFLOW_POLICY, validated by zod: version 1 of the rules (lib/policy-versions.ts keeps
 * the versions administrators save, checked by the same schema). A bad file stops the
 * process with a clear message.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { isIsoDuration } from '../platform/workflow/calendar';
import { HOLIDAY_SET_NAMES } from '../platform/workflow/holiday-sets';
import { DEFAULT_POLICY, type Policy } from '../platform/workflow/policy';
import { PROCESSES } from '../platform/workflow/registry';
import { TIME_ZONES } from '../platform/workflow/time-zones';

const duration = z.union([
  z.object({ businessDays: z.number().int().min(0) }).strict(),
  z.string().refine(isIsoDuration, 'an ISO-8601 duration such as "P30D" or "PT2S"'),
]);
const taskPolicy = z.object({ due: duration, reminderBefore: duration, escalateTo: z.string().min(1) }).strict();
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().startsWith(d), 'a real calendar date');
/** Dates per year: each date must be in the year it is listed under. */
const datesByYear = z
  .record(z.string().regex(/^\d{4}$/, 'a year such as "2027"'), z.array(isoDate).max(60, 'at most 60 dates a year'))
  .refine((byYear) => Object.keys(byYear).length <= 30, 'at most 30 years')
  .superRefine((byYear, ctx) => {
    for (const [year, dates] of Object.entries(byYear))
      dates.forEach((d, i) => {
        if (!d.startsWith(`${year}-`)) ctx.addIssue({ code: 'custom', path: [year, i], message: `not in ${year}` });
      });
  });
/** The address a string names, or undefined when it names none. */
function urlOf(u: string): URL | undefined {
  try {
    return new URL(u);
  } catch {
    return undefined;
  }
}

/** The jurisdiction (docs/administration.md, Calendar). */
export const calendarSchema = z
  .object({
    timeZone: z.enum(TIME_ZONES),
    holidaySet: z.enum(HOLIDAY_SET_NAMES),
    holidays: datesByYear,
    removed: datesByYear.optional(),
  })
  .strict();

/** The platform's part, then each registered process's section under its key (its own schema). */
export const policySchema = z
  .object({
    calendar: calendarSchema,
    tasks: z.record(taskPolicy).refine((t) => 'default' in t, 'tasks.default is required'),
    mailboxes: z.record(z.string().email()),
    // Links in e-mails point here: a web address (http or https) and nothing after its origin.
    publicBaseUrl: z
      .string()
      .url()
      // zod runs these after a failed .url() too: a string that is no address must not throw here.
      .refine((u) => /^https?:$/.test(urlOf(u)?.protocol ?? ''), 'an http or https address')
      .refine((u) => {
        const url = urlOf(u);
        return !url || (['', '/'].includes(url.pathname) && !url.search && !url.hash);
      }, 'an origin only, such as https://mentoring.example.org'),
    ...Object.fromEntries(
      PROCESSES.flatMap((p) => (p.policySection ? [[p.policySection.key, p.policySection.schema(duration)]] : [])),
    ),
    maxHistoryEvents: z.number().int().min(100).max(40_000),
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
  if (override && typeof override === 'object' && 'holidays' in override)
    throw new Error(
      'Invalid policy configuration:\n  holidays: replaced by calendar ' +
        '({ timeZone, holidaySet, holidays: { "<year>": ["YYYY-MM-DD"] } }, see docs/administration.md)',
    );
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
