/**
 * The shapes of what people send to foster cases, as zod schemas shared by the API (400
 * with `errors`) and the workflows' Update validators.
 */
import { z } from 'zod';
import { CLOSURE_INITIATORS, CLOSURE_KINDS } from './match/support-types';
import { EMAIL_LANGUAGES } from '../../platform/emails/messages';
import { calendarDate, email, identifier, line, quarterHours, text, words } from '../../platform/workflow/input';

/** The checks a background check task records, one task per check. */
export const CHECK_NAMES = [
  'doj_live_scan',
  'fbi',
  'child_abuse_central_index',
  'sex_offender_registry',
  'identity',
  'registry',
] as const;
/** A reference's recommendation (by the one-time link, or a case worker's phone follow-up). */
export const RECOMMENDATIONS = ['yes', 'with_reservations', 'no'] as const;

export const referenceAnswerInput = z
  .object({ recommendation: z.enum(RECOMMENDATIONS), comments: text(5000).optional() })
  .strict();

export const trainingInput = z.object({ date: calendarDate, hours: quarterHours, module: line(200) }).strict();

export const withdrawInput = z
  .object({ reason: text(2000).refine((s) => s.trim().length > 0, 'must not be empty') })
  .strict();

export const CLOSURE_REASONS = ['planned', 'mentor_moved', 'youth_moved', 'safety', 'lost_contact', 'other'] as const;
export const closeMatchInput = z
  .object({
    reason: z.enum(CLOSURE_REASONS),
    // Structured closure: planned or not, and who started it (defaults: planned for the reason
    // `planned`, else unplanned; initiated by the program).
    kind: z.enum(CLOSURE_KINDS).optional(),
    initiatedBy: z.enum(CLOSURE_INITIATORS).optional(),
    notes: text(5000).refine((s) => s.trim().length > 0, 'must not be empty'),
  })
  .strict();

/** A case supervisor's reopening of a match closed by mistake. */
export const reopenMatchInput = z.object({ notes: text(5000).optional() }).strict();

/** What an applicant to a screening tells about themselves (a mentor's, and a wellness caller's with their user id). */
export const applicantFields = {
  name: line(200),
  email,
  phone: line(40).pipe(z.string().min(5)),
  dateOfBirth: calendarDate,
  languages: words,
  interests: words,
  formerFosterYouth: z.boolean(),
  // Where the applicant lives, for match suggestions by county (optional: older applications have none).
  county: line(100).optional(),
  // The language of the applicant's e-mails and their references' (absent: English).
  language: z.enum(EMAIL_LANGUAGES).optional(),
};

/** An applicant's references: `min` to `max` of them. */
export const referencesInput = (min: number, max: number, tooFew: string) =>
  z
    .array(z.object({ name: line(200), email, relationship: line(100) }).strict())
    .min(min, tooFew)
    .max(max);

export const mentorApplicationInput = (minimumReferences: number) =>
  z
    .object({
      applicant: z.object(applicantFields).strict(),
      // At least 2 references.
      references: referencesInput(minimumReferences, 5, `at least ${minimumReferences} references`),
    })
    .strict();

export const youthReferralInput = z
  .object({
    youth: z
      .object({
        name: line(200),
        dateOfBirth: calendarDate,
        county: line(100),
        languages: words,
        interests: words,
        needs: text(5000).default(''),
      })
      .strict(),
    socialWorker: z.object({ id: identifier, name: line(200), email }).strict(),
    // The caregiver's language, for anything the partnership sends them (absent: English).
    caregiver: z
      .object({ name: line(200), email: email.optional(), language: z.enum(EMAIL_LANGUAGES).optional() })
      .strict(),
    caseWorkerId: identifier.optional(),
    // The social worker may ask for a mentor who was in foster care themselves (match suggestions).
    mentorPreferences: z.object({ formerFosterYouth: z.boolean() }).strict().optional(),
  })
  .strict();

export const matchProposalInput = z
  .object({
    mentorCaseId: identifier,
    youthCaseId: identifier,
    rationale: text(5000).refine((s) => s.trim().length > 0, 'must not be empty'),
    // The program running the match (a program record's id), for the funders' report by program.
    programId: identifier.optional(),
  })
  .strict();
