/**
 * The mentoring-leave part of the policy (docs/processes/mentoring-leave.md): its section's shape, defaults and
 * check, and the default times of its tasks. An administrator overrides them with the
 * MENTORFLOW_POLICY file (lib/policy.ts); a case keeps the policy it started under.
 */
import type { ZodTypeAny } from 'zod';
import { z } from 'zod';
import type { PolicySection, TaskPolicy } from '../../platform/workflow/process-descriptor';

export interface MentoringLeavePolicy {
  /** Annual cap: at most 40 hours of mentoring leave per calendar year. */
  annualCapHours: number;
  /** Bargaining units whose members may take mentoring leave (6, 8 and 18 are not). */
  eligibleBargainingUnits: number[];
  /** Employees excluded from collective bargaining are eligible. */
  excludedEmployeesEligible: boolean;
  /** Appointments with permanent civil-service status. */
  eligibleAppointments: string[];
  /** "At least one school year", taken as 9 months. */
  minimumCommitmentMonths: number;
  /** Leave is in quarter-hour increments. */
  incrementHours: number;
}

const businessDays = (n: number) => ({ businessDays: n });

export const LEAVE_TASK_POLICY_DEFAULTS = {
  eligibility_review: { due: businessDays(10), reminderBefore: businessDays(2), escalateTo: 'admin' },
  verify_personal_hours: { due: businessDays(10), reminderBefore: businessDays(2), escalateTo: 'admin' },
  // An overdue supervisor approval goes to the department's HR officers, who may hand
  // it to another supervisor.
  supervisor_approval: { due: businessDays(5), reminderBefore: businessDays(1), escalateTo: 'hr_officer' },
  hr_approval: { due: businessDays(5), reminderBefore: businessDays(1), escalateTo: 'admin' },
} satisfies Record<string, TaskPolicy>;

export const LEAVE_POLICY_DEFAULTS: MentoringLeavePolicy = {
  annualCapHours: 40,
  eligibleBargainingUnits: [1, 2, 3, 4, 5, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21],
  excludedEmployeesEligible: true,
  eligibleAppointments: ['permanent', 'probationary_after_permanent'],
  minimumCommitmentMonths: 9,
  incrementHours: 0.25,
};

export const leavePolicySection: PolicySection<'mentoringLeave', MentoringLeavePolicy> = {
  key: 'mentoringLeave',
  defaults: LEAVE_POLICY_DEFAULTS,
  schema: (_duration: ZodTypeAny) =>
    z
      .object({
        annualCapHours: z.number().positive(),
        eligibleBargainingUnits: z.array(z.number().int()),
        excludedEmployeesEligible: z.boolean(),
        eligibleAppointments: z.array(z.string()),
        minimumCommitmentMonths: z.number().int().min(0),
        incrementHours: z.number().positive(),
      })
      .strict(),
};
