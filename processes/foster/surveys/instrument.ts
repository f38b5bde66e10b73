/**
 * A relationship survey's instrument as data (docs/processes/match-surveys.md):
 * its items (worded for the mentor and for the youth, in each language), its answer scale,
 * which items count reversed, and the bands its 0-100 score falls in. Versioned: a survey keeps
 * the version it was sent with. Here: its shape, the check of a new version, and the scoring
 * of a set of answers. Pure: read by the API, the activities and the unit tests.
 */
import { z } from 'zod';
import type { EmailLanguage } from '../../../platform/emails/messages';
import { line } from '../../../platform/workflow/input';
import type { SurveyRespondent } from '../match/support-types';

type Worded = Record<EmailLanguage, string>;

export interface InstrumentItem {
  id: string;
  /** The item's words, for each respondent in each language. */
  text: Record<SurveyRespondent, Worded>;
  /** Agreeing means a weaker relationship (the answer counts from the other end of the scale). */
  reverse?: boolean;
}

export interface SurveyInstrument {
  id: string;
  version: number;
  /** Whole numbers from `min` to `max`, the two ends labelled in each language. */
  scale: { min: number; max: number; minLabel: Worded; maxLabel: Worded };
  items: InstrumentItem[];
  /** From the highest: a score at or above `from` is in that band (the last band starts at 0). */
  bands: { band: string; from: number }[];
}

export interface Answer {
  itemId: string;
  value: number;
}

/** The instrument as one respondent reads it (GET /surveys/:token). */
export function instrumentFor(i: SurveyInstrument, respondent: SurveyRespondent, language: EmailLanguage) {
  return {
    id: i.id,
    version: i.version,
    language,
    items: i.items.map((item) => ({
      id: item.id,
      text: item.text[respondent][language],
      scale: {
        min: i.scale.min,
        max: i.scale.max,
        minLabel: i.scale.minLabel[language],
        maxLabel: i.scale.maxLabel[language],
      },
    })),
  };
}

/** What is wrong with a set of answers: every item once, no other, each a whole number on the scale. */
export function answerProblems(i: SurveyInstrument, answers: Answer[]): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const known = new Set(i.items.map((x) => x.id));
  const seen = new Set<string>();
  answers.forEach((a, n) => {
    if (!known.has(a.itemId)) problems.push({ path: `answers.${n}.itemId`, message: `no item ${a.itemId}` });
    else if (seen.has(a.itemId)) problems.push({ path: `answers.${n}.itemId`, message: `${a.itemId} answered twice` });
    seen.add(a.itemId);
    if (!Number.isInteger(a.value) || a.value < i.scale.min || a.value > i.scale.max)
      problems.push({
        path: `answers.${n}.value`,
        message: `a whole number from ${i.scale.min} to ${i.scale.max}`,
      });
  });
  for (const item of i.items)
    if (!seen.has(item.id)) problems.push({ path: 'answers', message: `item ${item.id} is not answered` });
  return problems;
}

/**
 * The score, 0-100 to one decimal: each answer placed on 0-1 along the scale (a reversed item
 * from its other end), their mean, times 100.
 */
export function scoreAnswers(i: SurveyInstrument, answers: Answer[]): number {
  const { min, max } = i.scale;
  const byId = new Map(i.items.map((x) => [x.id, x]));
  const parts = answers.map((a) => {
    const at = (a.value - min) / (max - min);
    return byId.get(a.itemId)?.reverse ? 1 - at : at;
  });
  const mean = parts.reduce((s, x) => s + x, 0) / parts.length;
  return Math.round(mean * 1000) / 10;
}

/** The band a score falls in. */
export function bandOf(i: SurveyInstrument, score: number): string {
  const sorted = [...i.bands].sort((a, b) => b.from - a.from);
  return (sorted.find((b) => score >= b.from) ?? sorted[sorted.length - 1]).band;
}

const slug = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9._-]+$/, 'lower-case letters, digits and . _ - only');
// Every language the e-mails have (EMAIL_LANGUAGES): a new one is a new key here.
const worded = z.object({ en: line(300), es: line(300) }).strict();

/** A new version of an instrument (POST /survey-instruments): checked whole before anything is saved. */
export const instrumentInput = z
  .object({
    id: slug,
    reason: line(500),
    scale: z
      .object({
        min: z.number().int().min(0).max(10),
        max: z.number().int().min(1).max(10),
        minLabel: worded,
        maxLabel: worded,
      })
      .strict()
      .refine((s) => s.max > s.min, { message: 'max must be above min', path: ['max'] }),
    items: z
      .array(
        z
          .object({
            id: slug,
            text: z.object({ mentor: worded, youth: worded }).strict(),
            reverse: z.boolean().optional(),
          })
          .strict(),
      )
      .min(1)
      .max(30)
      .refine((items) => new Set(items.map((x) => x.id)).size === items.length, 'item ids must be unique'),
    bands: z
      .array(z.object({ band: slug, from: z.number().min(0).max(100) }).strict())
      .min(1)
      .max(6)
      .refine((bands) => bands.some((b) => b.from === 0), 'one band must start at 0'),
  })
  .strict();
