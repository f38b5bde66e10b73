/**
 * What makes a question bank publishable (docs/processes/certification.md, "The question
 * bank"): ids unique and short, every one of the six standards asked about, every answer type
 * one the product knows. The API checks a new version with it before saving anything, and a
 * unit test checks the shipped bank (question-bank-v2.json) with it. Pure data.
 */
import { z } from 'zod';
import { DEFAULT_LANGUAGE, EMAIL_LANGUAGES } from '../../platform/emails/messages';
import { line } from '../../platform/workflow/input';
import { ANSWER_TYPE_NAMES, STANDARDS } from './questions';

/** The languages a question may be worded in besides English (its `text`): those the product speaks. */
export const TRANSLATION_LANGUAGES = EMAIL_LANGUAGES.filter((l) => l !== DEFAULT_LANGUAGE) as [string, ...string[]];

/** The most questions one version holds: the whole bank travels in each case's workflow input. */
export const MAX_QUESTIONS = 200;

export const questionInput = z
  .object({
    id: z
      .string()
      .min(1, 'must not be empty')
      .max(40, 'at most 40 characters')
      .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits and . _ - only'),
    standard: z.enum(STANDARDS),
    text: line(600),
    translations: z.record(z.enum(TRANSLATION_LANGUAGES), line(600)).optional(),
    answerType: z.enum(ANSWER_TYPE_NAMES),
  })
  .strict();

/**
 * The questions of a new version: each valid, ids unique, every standard present. Each question
 * is checked on its own, so that one refusal names every problem, not only the first kind.
 */
export const questionListInput = z
  .array(z.unknown())
  .min(1, 'at least one question')
  .max(MAX_QUESTIONS, `at most ${MAX_QUESTIONS} questions`)
  .superRefine((items, ctx) => {
    const seen = new Map<string, number>();
    const standards = new Set<string>();
    items.forEach((item, i) => {
      const r = questionInput.safeParse(item);
      if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ ...issue, path: [i, ...issue.path] });
      const { id, standard } = (item ?? {}) as { id?: unknown; standard?: unknown };
      if (typeof standard === 'string') standards.add(standard);
      if (typeof id !== 'string') return;
      const first = seen.get(id);
      if (first !== undefined)
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate id (also question ${first})` });
      else seen.set(id, i);
    });
    for (const standard of STANDARDS)
      if (!standards.has(standard))
        ctx.addIssue({ code: 'custom', path: [], message: `no question for the standard ${standard}` });
  })
  .transform((items) => items.map((item) => questionInput.parse(item)));

/** A new version as an administrator publishes it: the questions and why. */
export const questionBankInput = z.object({ questions: questionListInput, reason: line(500) }).strict();
