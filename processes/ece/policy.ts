/**
 * The early-childhood (ECE) part of the policy (docs/processes/early-childhood.md): its section's shape, defaults
 * and check, and the default times of its tasks. An administrator overrides them with the
 * MENTORFLOW_POLICY file (lib/policy.ts); a case keeps the policy it started under.
 */
import type { ZodTypeAny } from 'zod';
import { z } from 'zod';
import { longerThanZero, type PolicyDuration } from '../../platform/workflow/calendar';
import type { PolicySection, TaskPolicy } from '../../platform/workflow/process-descriptor';

export interface EcePolicy {
  /** A selection committee decides once at least 3 members have voted (a majority of the votes cast). */
  committeeMinimumVotes: number;
  /** A certification lasts 2 years; renewed with 12 hours of professional development in that time. */
  certificationValidity: PolicyDuration;
  renewalHours: number;
  /** Reminders 60 and 30 days before it lapses. */
  renewalReminders: PolicyDuration[];
  /** A mentor holds at most 2 placements at once. */
  maxOpenPlacements: number;
  /** The stipend per completed placement (dollars). */
  stipendPerPlacement: number;
}

const businessDays = (n: number) => ({ businessDays: n });

export const ECE_TASK_POLICY_DEFAULTS = {
  // Early-childhood placements: the college's coordinator hears of anything late.
  committee_vote: { due: businessDays(10), reminderBefore: businessDays(2), escalateTo: 'college_coordinator' },
  accept_placement: { due: 'P7D', reminderBefore: 'P2D', escalateTo: 'college_coordinator' },
  confirm_hours: { due: 'P7D', reminderBefore: 'P2D', escalateTo: 'college_coordinator' },
  evaluation: { due: 'P14D', reminderBefore: 'P3D', escalateTo: 'college_coordinator' },
  close_placement: { due: businessDays(5), reminderBefore: businessDays(1), escalateTo: 'admin' },
} satisfies Record<string, TaskPolicy>;

export const ECE_POLICY_DEFAULTS: EcePolicy = {
  committeeMinimumVotes: 3,
  certificationValidity: 'P2Y',
  renewalHours: 12,
  renewalReminders: ['P60D', 'P30D'],
  maxOpenPlacements: 2,
  stipendPerPlacement: 500,
};

export const ecePolicySection: PolicySection<'ece', EcePolicy> = {
  key: 'ece',
  defaults: ECE_POLICY_DEFAULTS,
  schema: (duration: ZodTypeAny) =>
    z
      .object({
        committeeMinimumVotes: z.number().int().min(1),
        certificationValidity: duration.refine(
          longerThanZero,
          'a validity longer than zero (a zero one renews at once, for ever)',
        ),
        renewalHours: z.number().min(0),
        renewalReminders: z.array(duration),
        maxOpenPlacements: z.number().int().min(1),
        stipendPerPlacement: z.number().min(0),
      })
      .strict(),
};
