/**
 * The certification part of the policy (docs/processes/certification.md): its section's shape, defaults and
 * check, and the default times of its review tasks. An administrator overrides them with
 * the MENTORFLOW_POLICY file (lib/policy.ts); a case keeps the policy it started under.
 */
import type { ZodTypeAny } from 'zod';
import { z } from 'zod';
import type { PolicyDuration } from '../../platform/workflow/calendar';
import type { PolicySection, TaskPolicy } from '../../platform/workflow/process-descriptor';

export interface CertificationPolicy {
  /** A Partner program must have operated at least this long (and one match cycle). */
  minimumMonthsInOperation: number;
  /** From Associate Partner, the program has this long to become Partner. */
  partnerWindow: PolicyDuration;
  /** Reminders before the end of that window. */
  windowReminders: PolicyDuration[];
  /** How long a Partner certificate is valid. */
  certificateValidity: PolicyDuration;
  /** Renewal reminders before a certificate expires. */
  renewalReminders: PolicyDuration[];
}

const businessDays = (n: number) => ({ businessDays: n });

export const CERTIFICATION_TASK_POLICY_DEFAULTS = {
  application_review: { due: businessDays(10), reminderBefore: businessDays(2), escalateTo: 'review_lead' },
  // Reviewer target: 10 business days, then escalate to the review lead.
  assessment_review: { due: businessDays(10), reminderBefore: businessDays(2), escalateTo: 'review_lead' },
  work_plan_verification: { due: businessDays(10), reminderBefore: businessDays(2), escalateTo: 'review_lead' },
} satisfies Record<string, TaskPolicy>;

export const CERTIFICATION_POLICY_DEFAULTS: CertificationPolicy = {
  minimumMonthsInOperation: 12,
  // The 4-month clock, with reminders 30 and 7 days before the deadline.
  partnerWindow: 'P4M',
  windowReminders: ['P30D', 'P7D'],
  // A certificate is valid for 3 years; renewal reminders 90 and 30 days before expiry.
  certificateValidity: 'P3Y',
  renewalReminders: ['P90D', 'P30D'],
};

export const certificationPolicySection: PolicySection<'certification', CertificationPolicy> = {
  key: 'certification',
  defaults: CERTIFICATION_POLICY_DEFAULTS,
  schema: (duration: ZodTypeAny) =>
    z
      .object({
        minimumMonthsInOperation: z.number().int().min(0),
        partnerWindow: duration,
        windowReminders: z.array(duration),
        certificateValidity: duration,
        renewalReminders: z.array(duration),
      })
      .strict(),
};
