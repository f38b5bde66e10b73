/**
 * What a mentor referral's read-model `details` hold (the workflow's view), as the zod schema
 * its descriptor declares: the referral report reads details through it, and a unit test
 * parses every recorded transition with it, so the workflow's shape and its readers cannot
 * drift apart unnoticed. Pure data, loaded by workflow code with the descriptor.
 */
import { z } from 'zod';
import { EMAIL_LANGUAGES } from '../../platform/emails/messages';

export const referralDetails = z.object({
  volunteer: z.object({ name: z.string(), email: z.string(), county: z.string() }).passthrough(),
  county: z.string(),
  campaign: z.string().optional(),
  /** The language the volunteer chose for their e-mails. */
  language: z.enum(EMAIL_LANGUAGES).optional(),
  offers: z.array(
    z
      .object({ programId: z.string(), status: z.string(), round: z.number(), outcome: z.string().optional() })
      .passthrough(),
  ),
  confirmedAt: z.string().optional(),
  firstContactedAt: z.string().optional(),
  outcome: z.string().optional(),
  placeable: z.array(z.object({ programId: z.string(), name: z.string() })).optional(),
});
