/**
 * The wellness check-in part of the policy (docs/processes/wellness-check-ins.md): its section's shape, defaults and
 * check, and the default times of its tasks. An administrator overrides them with the
 * MENTORFLOW_POLICY file (lib/policy.ts); a case keeps the policy it started under.
 */
import type { ZodTypeAny } from 'zod';
import { z } from 'zod';
import { longerThanZero, type PolicyDuration } from '../../platform/workflow/calendar';
import type { PolicySection, TaskPolicy } from '../../platform/workflow/process-descriptor';

export interface WellnessPolicy {
  /** Callers' shorter screening: one reference, 2 training hours. */
  callerMinimumReferences: number;
  callerTrainingHours: number;
  /** 3 calls, one a week, extendable to at most 5. */
  plannedCalls: number;
  maxCalls: number;
  callEvery: PolicyDuration;
  /** A call is logged within 2 days of its date, else the coordinator is alerted. */
  logWithin: PolicyDuration;
  /** Unreached calls in a row before the referrer confirms the contact details. */
  unreachedBeforeConfirm: number;
}

const businessDays = (n: number) => ({ businessDays: n });

export const WELLNESS_TASK_POLICY_DEFAULTS = {
  // Wellness check-ins: youth data, so lateness goes to the partnership's coordinators.
  assign_caller: { due: businessDays(2), reminderBefore: businessDays(1), escalateTo: 'partnership_coordinator' },
  // Its due time is the call's date plus policy wellness.logWithin (set per call).
  wellness_call: { due: 'P2D', reminderBefore: 'P2D', escalateTo: 'partnership_coordinator' },
  confirm_contact: { due: businessDays(2), reminderBefore: businessDays(1), escalateTo: 'partnership_coordinator' },
  resource_referral: { due: businessDays(2), reminderBefore: businessDays(1), escalateTo: 'partnership_coordinator' },
  extend_or_close: { due: 'P3D', reminderBefore: 'P1D', escalateTo: 'partnership_coordinator' },
} satisfies Record<string, TaskPolicy>;

export const WELLNESS_POLICY_DEFAULTS: WellnessPolicy = {
  callerMinimumReferences: 1,
  callerTrainingHours: 2,
  plannedCalls: 3,
  maxCalls: 5,
  callEvery: 'P7D',
  logWithin: 'P2D',
  unreachedBeforeConfirm: 2,
};

export const wellnessPolicySection: PolicySection<'wellness', WellnessPolicy> = {
  key: 'wellness',
  defaults: WELLNESS_POLICY_DEFAULTS,
  schema: (duration: ZodTypeAny) =>
    z
      .object({
        callerMinimumReferences: z.number().int().min(0),
        callerTrainingHours: z.number().min(0),
        plannedCalls: z.number().int().min(1),
        maxCalls: z.number().int().min(1),
        callEvery: duration.refine(longerThanZero, 'a cadence longer than zero (a zero one repeats at once, for ever)'),
        logWithin: duration,
        unreachedBeforeConfirm: z.number().int().min(1),
      })
      .strict()
      .refine((w) => w.maxCalls >= w.plannedCalls, {
        message: 'maxCalls must be at least plannedCalls',
        path: ['maxCalls'],
      }),
};
