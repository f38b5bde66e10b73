/**
 * What a certification case's read-model `details` hold (the workflow's view), as the zod
 * schema its descriptor declares: readers go through it, and a unit test parses every
 * recorded transition with it, so the workflow's shape and its readers cannot drift apart
 * unnoticed. Pure data, loaded by workflow code with the descriptor.
 */
import { z } from 'zod';

export const certificationDetails = z.object({
  programId: z.string(),
  levelSought: z.string(),
  renewal: z.boolean().optional(),
  /** Absent on cases last recorded before banks were versioned: version 1. */
  questionBankVersion: z.number().int().optional(),
  selfAssessment: z.object({ answers: z.array(z.unknown()), submittedAt: z.string().optional() }).passthrough(),
  findings: z.unknown().optional(),
  workPlan: z.array(
    z.object({ id: z.string(), standard: z.string(), dueDate: z.string(), status: z.string() }).passthrough(),
  ),
  deadline: z.string().optional(),
  certifiedUntil: z.string().optional(),
});
