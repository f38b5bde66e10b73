/**
 * What a mentoring-leave enrollment's read-model `details` hold (the workflow's view), as the
 * zod schema its descriptor declares: the API (the payroll export) reads details through it,
 * and a unit test parses every recorded transition with it, so the workflow's shape and its
 * readers cannot drift apart unnoticed. Pure data, loaded by workflow code with the descriptor.
 */
import { z } from 'zod';

const decision = z.object({ by: z.string(), at: z.string(), outcome: z.string() }).passthrough();

export const mentoringLeaveDetails = z.object({
  enrollment: z
    .object({
      year: z.number(),
      employee: z.object({ id: z.string(), name: z.string(), department: z.string() }).passthrough(),
      supervisor: z.object({ id: z.string() }).passthrough(),
      program: z.object({ programId: z.string() }).passthrough(),
      commitment: z.object({ startDate: z.string(), endDate: z.string() }).passthrough(),
    })
    .passthrough(),
  ledger: z.record(z.number()),
  personalTime: z.array(
    z.object({ id: z.string(), date: z.string(), hours: z.number(), status: z.string() }).passthrough(),
  ),
  requests: z.array(
    z
      .object({
        id: z.string(),
        date: z.string(),
        hours: z.number(),
        status: z.string(),
        supervisorDecision: decision.optional(),
        hrDecision: decision.optional(),
      })
      .passthrough(),
  ),
  lapsedHours: z.number(),
});
