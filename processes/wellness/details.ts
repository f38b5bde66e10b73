/**
 * What a wellness check-in case's read-model `details` hold (the workflow's view), as the zod
 * schema its descriptor declares: readers go through it, and a unit test parses every
 * recorded transition with it, so the workflow's shape and its readers cannot drift apart
 * unnoticed. Pure data, loaded by workflow code with the descriptor.
 */
import { z } from 'zod';

export const wellnessDetails = z.object({
  youth: z.object({ name: z.string(), county: z.string(), languages: z.array(z.string()) }).passthrough(),
  source: z.string(),
  contact: z.object({ phone: z.string() }).passthrough(),
  guardianConsent: z.object({ how: z.string() }).passthrough().optional(),
  referrer: z.object({ id: z.string() }).passthrough(),
  caller: z
    .object({
      caseId: z.string(),
      userId: z.string(),
      name: z.string(),
      assignedAt: z.string(),
      assignedBy: z.string().optional(),
    })
    .optional(),
  plannedCalls: z.number(),
  calls: z.array(z.object({ n: z.number(), reached: z.boolean() }).passthrough()),
  nextCallAt: z.string().optional(),
  extended: z.boolean(),
  outcome: z.string().optional(),
});
