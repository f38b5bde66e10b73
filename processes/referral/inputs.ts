/**
 * The shapes of what people send to the online mentor referral (docs/processes/mentor-referral.md),
 * as zod schemas shared by the API (400 with `errors`) and the workflow's validators.
 */
import { z } from 'zod';
import { EMAIL_LANGUAGES } from '../../platform/emails/messages';
import { email, identifier, line, words } from '../../platform/workflow/input';

export const AGE_BANDS = ['18-24', '25-34', '35-54', '55+'] as const;
export const FORMATS = ['in_person', 'virtual', 'either'] as const;
export const REFERRAL_OUTCOMES = ['enrolled', 'not_a_fit', 'withdrew', 'no_response'] as const;

/** Youth ages a volunteer prefers or a program serves (mentoring programs serve 5 to 24). */
export const youthAges = z
  .object({ min: z.number().int().min(5).max(24), max: z.number().int().min(5).max(24) })
  .strict()
  .refine((r) => r.min <= r.max, { message: 'min must not be above max', path: ['max'] });

/** A campaign code as printed on a flyer: letters, digits, - and _. */
export const campaignCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,50}$/, 'letters, digits, - and _ only (at most 50)');

export const volunteerInput = z
  .object({
    name: line(200),
    email,
    phone: line(40).pipe(z.string().min(5, 'at least 5 characters')),
    zip: z
      .string()
      .regex(/^\d{5}$/, 'a 5-digit ZIP code')
      .optional(),
    county: line(100),
    ageBand: z.enum(AGE_BANDS),
    languages: words,
    interests: words,
    youthAges,
    hoursPerMonth: z.number().min(1).max(200),
    format: z.enum(FORMATS),
  })
  .strict();
export type Volunteer = z.infer<typeof volunteerInput>;

/** The public form. Consent is checked by the route (422 `no_consent`), not the shape. */
export const referralFormInput = z
  .object({
    volunteer: volunteerInput,
    campaign: campaignCode.optional(),
    consentToContact: z.boolean().optional(),
    /** The language the volunteer's e-mails are in (absent: the request's Accept-Language, else English). */
    language: z.enum(EMAIL_LANGUAGES).optional(),
  })
  .strict();

export const referralSettingsInput = z
  .object({
    accepting: z.boolean(),
    counties: z.array(line(100)).max(58),
    virtual: z.boolean(),
    languages: words,
    youthAges,
  })
  .strict();

/** The coordinator's hand-picked programs (place_referral `data`). */
export const placeReferralData = z.object({ programIds: z.array(identifier).min(1).max(3).optional() }).strict();
