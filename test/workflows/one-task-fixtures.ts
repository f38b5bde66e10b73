/**
 * What the tests of messages in one workflow task share (with the harness's `inOneTask`): both
 * orders of a signal and an Update, fake writes that keep the events they carry, and the
 * organisation's settings with a holiday that moves a deadline due after the next business day.
 */
import { laDate } from '../../platform/workflow/calendar';
import { businessCalendarOf } from '../../platform/workflow/jurisdiction';
import { organisationSettingsOf, type OrganisationSettings } from '../../platform/workflow/organisation-settings';
import type { Policy } from '../../platform/workflow/policy';

/** The two orders the server may hold a signal and an Update in. */
export const BOTH_ORDERS = [
  ['signal first', ['signal', 'update']],
  ['Update first', ['update', 'signal']],
] as const;

/** A `recordTransition` fake that keeps the events of each write in `written`. */
export function recordingWrites(): {
  written: string[];
  activities: { recordTransition: (input: { events?: { event: string }[] }) => Promise<{ emailsSent: number }> };
} {
  const written: string[] = [];
  return {
    written,
    activities: {
      recordTransition: async (input) => {
        written.push(...(input.events ?? []).map((e) => e.event));
        return { emailsSent: 0 };
      },
    },
  };
}

/** The organisation's settings of `policy` with a holiday added on the business day after `nowMs`. */
export function holidayOnNextBusinessDay(policy: Policy, nowMs: number): OrganisationSettings {
  const next = businessCalendarOf(policy).addBusinessDays(laDate(nowMs), 1);
  return {
    ...organisationSettingsOf(policy),
    calendar: { ...policy.calendar!, holidays: { [next.slice(0, 4)]: [next] } },
  };
}
