/**
 * The shapes of what people send to wellness check-ins (docs/processes/wellness-check-ins.md), as zod
 * schemas shared by the API (400 with `errors`) and the workflow's Update validators.
 */
import { z } from 'zod';
import { EMAIL_LANGUAGES } from '../../platform/emails/messages';
import { calendarDate, email, identifier, line, text, words } from '../../platform/workflow/input';

/** Who may refer a youth to wellness check-ins, and so be named as the referrer. */
export const WELLNESS_REFERRER_ROLES = ['social_worker', 'case_worker', 'school_counselor'] as const;

export const YOUTH_SOURCES = ['foster_care', 'school_disconnection', 'justice_system'] as const;
export const NEEDS = ['food', 'housing', 'health', 'school', 'safety', 'other'] as const;

export const wellnessReferralInput = z
  .object({
    youth: z
      .object({
        name: line(200),
        dateOfBirth: calendarDate,
        county: line(100),
        languages: words,
        // The language of anything the partnership writes to the youth (absent: English).
        language: z.enum(EMAIL_LANGUAGES).optional(),
      })
      .strict(),
    source: z.enum(YOUTH_SOURCES),
    contact: z
      .object({ phone: line(40).pipe(z.string().min(5, 'at least 5 characters')), preferredTimes: line(200) })
      .strict(),
    // How the guardian (or the youth, 18 or older) consented: signed form, phone, ...
    guardianConsent: z.object({ how: line(200) }).strict(),
  })
  .strict();

/** A call as the caller logs it (wellness_call `data`). */
export const wellnessCallData = z
  .object({
    reached: z.boolean(),
    minutes: z.number().int().min(0).max(240),
    mood: z.number().int().min(1).max(5).optional(),
    needs: z.array(z.enum(NEEDS)).max(NEEDS.length).default([]),
    notes: text(5000).optional(),
  })
  .strict()
  .refine((c) => !c.reached || c.mood !== undefined, {
    message: 'a call that reached the youth records their mood (1-5)',
    path: ['mood'],
  });

/** The caller a coordinator assigns (assign_caller `data`). */
export const assignCallerData = z.object({ callerCaseId: identifier }).strict();

/** The referrer's confirmed contact details (confirm_contact `data`). */
export const confirmContactData = z
  .object({ phone: line(40).optional(), preferredTimes: line(200).optional(), email: email.optional() })
  .strict();
