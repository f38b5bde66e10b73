/** Shared response shapes of api.md, for validation of inputs and the OpenAPI document. */
import { z } from 'zod';
import './http'; // extends zod with .openapi()

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
export const calendarDate = z
  .string()
  .regex(isoDate, 'a calendar date YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a real date');

/** Hours are decimal numbers in steps of 0.25. */
export const quarterHours = z
  .number()
  .positive()
  .max(24)
  .refine((h) => Number.isInteger(h * 4), 'hours come in steps of 0.25');

export const taskSchema = z
  .object({
    id: z.string(), caseId: z.string(), type: z.string(), title: z.string(),
    status: z.enum(['open', 'completed', 'cancelled', 'expired']),
    candidateRoles: z.array(z.string()), assigneeId: z.string().optional(), dueAt: z.string(),
    escalated: z.boolean(), outcomes: z.array(z.string()), outcome: z.string().optional(),
    completedBy: z.string().optional(), completedAt: z.string().optional(),
  })
  .openapi('Task');

export const caseSchema = z
  .object({
    id: z.string(),
    type: z.enum(['mentoring_leave', 'mentor_screening', 'youth_referral', 'match', 'certification']),
    status: z.string(), stage: z.string(), subject: z.string(), createdAt: z.string(), updatedAt: z.string(),
    openTasks: z.array(taskSchema),
  })
  .passthrough()
  .openapi('Case');

export const programLevel = z.enum(['none', 'affiliate', 'associate_partner', 'partner']);

export const programSchema = z
  .object({
    id: z.string(), name: z.string(), organization: z.string(), county: z.string(), level: programLevel,
    certifiedUntil: z.string().optional(), contactEmail: z.string().optional(), startedOn: z.string().optional(),
    minimumMatchMonths: z.number().optional(),
  })
  .openapi('Program');
