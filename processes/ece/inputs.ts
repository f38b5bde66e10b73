/**
 * The shapes of what people send to early-childhood mentor certification and placements
 * (docs/processes/early-childhood.md), as zod schemas shared by the API (400 with `errors`) and the
 * workflows' Update validators.
 */
import { z } from 'zod';
import { calendarDate, email, identifier, line, quarterHours, text } from '../../platform/workflow/input';

export const ECE_ROLES = ['mentor_teacher', 'director_mentor'] as const;
export const MENTEE_KINDS = ['student', 'administrator'] as const;

export const eceMentorInput = z
  .object({
    person: z.object({ id: identifier, name: line(200), email }).strict(),
    role: z.enum(ECE_ROLES),
    site: line(300),
    yearsExperience: z.number().int().min(0).max(60),
    permitLevel: line(100),
    evidence: text(5000).refine((s) => s.trim().length > 0, 'must not be empty'),
  })
  .strict();

export const developmentInput = z.object({ date: calendarDate, hours: quarterHours, topic: line(300) }).strict();

export const placementInput = z
  .object({
    mentorCaseId: identifier,
    mentee: z.object({ id: identifier, name: line(200), email, kind: z.enum(MENTEE_KINDS) }).strict(),
    term: z
      .object({ start: calendarDate, end: calendarDate })
      .strict()
      .refine((t) => t.start <= t.end, { message: 'the term ends before it starts', path: ['end'] }),
    course: line(200).optional(),
  })
  .strict();

export const placementHoursInput = z.object({ date: calendarDate, hours: quarterHours, activity: line(300) }).strict();

/** A mentor's or mentee's evaluation at the end of the term (evaluation `data`). */
export const evaluationData = z
  .object({ rating: z.number().int().min(1).max(5), comments: text(5000).optional() })
  .strict();
