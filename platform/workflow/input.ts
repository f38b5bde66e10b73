/**
 * The building blocks of every input schema, API bodies and task `data` alike: bounded
 * text without control characters, real calendar dates, quarter hours, bounded lists.
 * Pure zod, so the workflows' Update validators check input with the same rules the API
 * checks it with, and nothing PostgreSQL would refuse (a NUL byte) ever reaches a case.
 */
import { z } from 'zod';

// C0 controls other than tab, line feed and carriage return, DEL, and the C1 range.
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const CONTROL_LINE = /[\u0000-\u001F\u007F-\u009F]/;
// Unpaired surrogates cannot be stored as UTF-8 text.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** One line of text (a name, a title): 1..max characters, no control characters. */
export function line(max = 200) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .refine((s) => !CONTROL_LINE.test(s), 'must not contain control characters')
    .refine((s) => !LONE_SURROGATE.test(s), 'must be valid text');
}

/** Free text (notes, comments, evidence): line breaks and tabs allowed, other controls not. */
export function text(max = 5000) {
  return z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((s) => !CONTROL_MULTILINE.test(s), 'must not contain control characters')
    .refine((s) => !LONE_SURROGATE.test(s), 'must be valid text');
}

/** An identifier chosen by someone else (a user id, a case id). */
export const identifier = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:@|+-]+$/, 'letters, digits and . _ : @ | + - only');

export const email = z.string().trim().max(254).email('a valid e-mail address');

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isRealDate(d: string): boolean {
  if (!ISO_DATE.test(d)) return false;
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
}

/** A calendar date YYYY-MM-DD between 1900 and 2200 that exists. */
export const calendarDate = z
  .string()
  .regex(ISO_DATE, 'a calendar date YYYY-MM-DD')
  .refine(isRealDate, 'not a real date')
  .refine((d) => d >= '1900-01-01' && d <= '2200-12-31', 'a date between 1900 and 2200');

/** Hours are decimal numbers in steps of 0.25, at most a day. */
/** A date not after today (when today is given): a date something was done. */
export const notAfter = (today: string | undefined) =>
  today ? calendarDate.refine((d) => d <= today, 'must not be in the future') : calendarDate;
/** A date not before today (when today is given): a date something is due. */
export const notBefore = (today: string | undefined) =>
  today ? calendarDate.refine((d) => d >= today, 'must not be in the past') : calendarDate;

export const quarterHours = z
  .number()
  .positive()
  .max(24)
  .refine((h) => Number.isInteger(h * 4), 'hours come in steps of 0.25');

/** A short list of short words (languages, interests). */
export const words = z.array(line(100)).max(20).default([]);

export const person = z.object({ id: identifier, name: line(200), email }).strict();
export type PersonInput = z.infer<typeof person>;

/** zod issues as problem+json `errors` entries, under a prefix (`body`, `data`). */
export function issuesAt(err: z.ZodError, where: string): { path: string; message: string }[] {
  return err.issues.map((i) => ({ path: [where, ...i.path].join('.'), message: i.message }));
}
