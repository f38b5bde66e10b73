/**
 * The volunteer-referral part of the policy (docs/processes/mentor-referral.md): its section's shape, defaults
 * and check, and the default times of its tasks. An administrator overrides them with the
 * MENTORFLOW_POLICY file (lib/policy.ts); a case keeps the policy it started under.
 */
import type { ZodTypeAny } from 'zod';
import { z } from 'zod';
import type { PolicyDuration } from '../../platform/workflow/calendar';
import type { PolicySection, TaskPolicy } from '../../platform/workflow/process-descriptor';

export interface ReferralPolicy {
  /** A volunteer is referred to up to 3 programs at once. */
  programsPerReferral: number;
  /** An offer not taken passes to the next ranked program, for at most 3 rounds. */
  maxRounds: number;
  /** How long the withdraw link in the volunteer's confirmation works. */
  withdrawLinkValidity: PolicyDuration;
  /**
   * The volunteer confirms the e-mail address through a one-time link before any program
   * hears of the referral; unconfirmed after this long, the referral lapses.
   */
  confirmationValidity: PolicyDuration;
  /** One address: at most this many referrals waiting on confirmation at once ... */
  unconfirmedPerAddress: number;
  /** ... and at most this many submissions in 24 hours (the form must not mail anyone at will). */
  submissionsPerAddressPerDay: number;
}

const businessDays = (n: number) => ({ businessDays: n });

export const REFERRAL_TASK_POLICY_DEFAULTS = {
  // A referred program contacts the volunteer within 5 business days, or the offer passes on.
  contact_volunteer: { due: businessDays(5), reminderBefore: businessDays(1), escalateTo: 'partnership_coordinator' },
  // Then reports the outcome within 60 days; late, it goes to the partnership's coordinators.
  report_outcome: { due: 'P60D', reminderBefore: 'P7D', escalateTo: 'partnership_coordinator' },
  place_referral: { due: businessDays(5), reminderBefore: businessDays(1), escalateTo: 'admin' },
} satisfies Record<string, TaskPolicy>;

export const REFERRAL_POLICY_DEFAULTS: ReferralPolicy = {
  programsPerReferral: 3,
  maxRounds: 3,
  withdrawLinkValidity: 'P1Y',
  confirmationValidity: 'P7D',
  unconfirmedPerAddress: 1,
  submissionsPerAddressPerDay: 3,
};

export const referralPolicySection: PolicySection<'referral', ReferralPolicy> = {
  key: 'referral',
  defaults: REFERRAL_POLICY_DEFAULTS,
  schema: (duration: ZodTypeAny) =>
    z
      .object({
        programsPerReferral: z.number().int().min(1).max(10),
        maxRounds: z.number().int().min(1).max(10),
        withdrawLinkValidity: duration,
        confirmationValidity: duration,
        unconfirmedPerAddress: z.number().int().min(1).max(100),
        submissionsPerAddressPerDay: z.number().int().min(1).max(1000),
      })
      .strict(),
};
