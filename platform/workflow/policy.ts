/**
 * Policy: every duration, cap and list the processes follow (docs/configuration.md). The platform's defaults live here, each
 * process's in its own folder (processes/<name>/policy.ts, declared by its descriptor): the
 * default policy and its type are put together from the registry. The JSON file named by
 * MENTORFLOW_POLICY overrides them for version 1 (lib/policy.ts); administrators save later
 * versions (lib/policy-versions.ts). A workflow
 * receives the policy in its input and keeps it for life, so a running case keeps the rules
 * it started under.
 */
import type { HolidayRule, PolicyDuration } from './calendar';
import { DEFAULT_CALENDAR, type CalendarPolicy } from './jurisdiction';
import type { PolicySection, TaskPolicy } from './process-descriptor';
import { PROCESSES, type RegisteredProcess } from './registry';

export type { TaskPolicy };

/** The platform's part of the policy: what every process shares. */
export interface PlatformPolicy {
  /**
   * The jurisdiction: time zone, state holiday set and the dates added or removed per year
   * (jurisdiction.ts). Absent in the policies of cases that started before it existed.
   */
  calendar?: CalendarPolicy;
  /**
   * The holiday rules of cases that started before `calendar` existed (California's); they
   * apply until the case is told a calendar. A new policy has none.
   */
  holidays?: HolidayRule[];
  /** Per task type; `default` applies to any type not listed. */
  tasks: Record<string, TaskPolicy>;
  /**
   * Mailboxes of roles: keys are `role`, `role:department` or `role:programId`; the most
   * specific key wins. A task for a role e-mails this mailbox.
   */
  mailboxes: Record<string, string>;
  /** Base of the links in e-mails. */
  publicBaseUrl: string;
  /** Continue-as-new once a workflow's history passes this many events. */
  maxHistoryEvents: number;
  /**
   * Work due at a day boundary in the jurisdiction's time zone (a business-day deadline, a year end) is done
   * at each case's own instant within this window after it, so cases do not all act at once.
   * Absent in the policies of cases that started before it existed (2 hours then).
   */
  midnightSpread?: PolicyDuration;
}

type SectionOf<P> = P extends { policySection: PolicySection<infer K, infer S> } ? { [k in K]: S } : never;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** Each registered process's section, under its key (`mentoringLeave`, `foster` …). */
export type ProcessPolicies = Intersection<SectionOf<RegisteredProcess>>;

export type Policy = PlatformPolicy & ProcessPolicies;

const businessDays = (n: number): PolicyDuration => ({ businessDays: n });

/** The platform's defaults: the default task times, the admins' mailbox, links and history limits. */
const PLATFORM_POLICY_DEFAULTS = {
  calendar: DEFAULT_CALENDAR,
  defaultTask: { due: businessDays(5), reminderBefore: businessDays(1), escalateTo: 'admin' },
  // The admins' mailbox (where lateness escalates by default); each process adds those of its roles.
  mailboxes: { admin: 'mentorflow-admin@mentorflow.local' } as Record<string, string>,
  publicBaseUrl: 'http://127.0.0.1:3000',
  maxHistoryEvents: 5000,
  midnightSpread: 'PT2H' as PolicyDuration,
};

/** The default policy: the platform's, with every registered process's task times, mailboxes and section. */
export const DEFAULT_POLICY = {
  calendar: PLATFORM_POLICY_DEFAULTS.calendar,
  tasks: {
    default: PLATFORM_POLICY_DEFAULTS.defaultTask,
    ...(Object.assign({}, ...PROCESSES.map((p) => p.taskPolicy)) as Record<string, TaskPolicy>),
  },
  mailboxes: {
    ...PLATFORM_POLICY_DEFAULTS.mailboxes,
    ...(Object.assign({}, ...PROCESSES.map((p) => p.mailboxes ?? {})) as Record<string, string>),
  },
  publicBaseUrl: PLATFORM_POLICY_DEFAULTS.publicBaseUrl,
  ...Object.fromEntries(
    PROCESSES.flatMap((p) => (p.policySection ? [[p.policySection.key, p.policySection.defaults]] : [])),
  ),
  maxHistoryEvents: PLATFORM_POLICY_DEFAULTS.maxHistoryEvents,
  midnightSpread: PLATFORM_POLICY_DEFAULTS.midnightSpread,
} as unknown as Policy;

export function taskPolicy(policy: Policy, type: string): TaskPolicy {
  return policy.tasks[type] ?? policy.tasks.default;
}
