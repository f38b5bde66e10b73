/**
 * The shapes of what people send to a mentoring-leave case, as zod schemas: the API
 * validates request bodies with them (400 with `errors`) and the workflow's Update
 * validators check the same input again, so nothing malformed reaches the case.
 */
import { z } from 'zod';
import { calendarDate, email, identifier, line, person, quarterHours, text } from '../../platform/workflow/input';

export const APPOINTMENTS = [
  'permanent',
  'probationary_after_permanent',
  'probationary',
  'temporary',
  'limited_term',
] as const;
export const PERSONAL_TIME_KINDS = ['annual_leave', 'vacation', 'personal_holiday', 'cto', 'off_duty'] as const;

export const enrollmentInput = z
  .object({
    year: z.number().int().min(2000).max(2100).optional(),
    employee: z
      .object({
        id: identifier,
        name: line(200),
        email,
        department: line(100),
        bargainingUnit: z.union([z.number().int().min(1).max(99), z.literal('excluded')]),
        appointment: z.enum(APPOINTMENTS),
      })
      .strict(),
    supervisor: person,
    program: z.object({ programId: identifier }).strict(),
    commitment: z
      .object({ startDate: calendarDate, endDate: calendarDate })
      .strict()
      .refine((c) => c.endDate > c.startDate, { message: 'endDate must be after startDate', path: ['endDate'] }),
  })
  .strict();

export const personalTimeInput = z
  .object({
    date: calendarDate,
    hours: quarterHours,
    kind: z.enum(PERSONAL_TIME_KINDS),
    description: text(2000).refine((d) => d.trim().length > 0, 'must not be empty'),
  })
  .strict();

export const leaveRequestInput = z
  .object({
    date: calendarDate,
    hours: quarterHours,
    // Checked as a business rule (422 travel_not_allowed), so any boolean passes the schema.
    attestNoTravel: z.boolean(),
    note: text(2000).optional(),
  })
  .strict();
