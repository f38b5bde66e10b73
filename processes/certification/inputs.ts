/** What program staff send to a certification case, as zod schemas shared by the API and the workflow. */
import { z } from 'zod';
import { identifier, text } from '../../platform/workflow/input';

export const answerInput = z
  .object({ questionId: identifier, response: z.enum(['yes', 'partially', 'no']), evidence: text(10_000).optional() })
  .strict();

export const evidenceInput = z
  .object({ evidence: text(10_000).refine((s) => s.trim().length > 0, 'must not be empty') })
  .strict();
