/** What program staff send to a certification case, as zod schemas shared by the API and the workflow. */
import { z } from 'zod';
import { identifier, line, notBefore, text } from '../../platform/workflow/input';
import type { DataBounds } from '../../platform/workflow/process-descriptor';
import { STANDARDS } from './questions';

export const answerInput = z
  .object({ questionId: identifier, response: z.enum(['yes', 'partially', 'no']), evidence: text(10_000).optional() })
  .strict();

export const evidenceInput = z
  .object({ evidence: text(10_000).refine((s) => s.trim().length > 0, 'must not be empty') })
  .strict();

/** An item of the work plan a reviewer sets with the assessment review (due not before today). */
export const workPlanItemInput = (b?: DataBounds) =>
  z.object({ standard: z.enum(STANDARDS), description: line(1000), dueDate: notBefore(b?.today) }).strict();
