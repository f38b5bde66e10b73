/**
 * Settings that follow the organisation, not the case: the role mailboxes, the public
 * address in e-mail links, and the calendar (time zone and holidays) business days follow.
 * A case keeps the rules it started under for life (its policy is in its input), but these three change with the
 * organisation — a mailbox moves, the site gets a new address, a holiday is added by law —
 * and a case that runs for years must follow. When they change, every running case
 * receives them by this signal (see lib/organisation-settings.ts) and uses them from then
 * on: new deadlines skip the new holidays, the next e-mail goes to the new mailbox with
 * links to the new address, and open deadlines counted in business days follow a changed
 * calendar (deadline-moves.ts).
 */
import { defineSignal } from '@temporalio/workflow';
import type { HolidayRule } from './calendar';
import type { CalendarPolicy } from './jurisdiction';
import type { Policy } from './policy';

export interface OrganisationSettings {
  /** The jurisdiction (absent in the settings told before jurisdictions existed). */
  calendar?: CalendarPolicy;
  /** The holiday rules told before jurisdictions existed; new settings carry `calendar` instead. */
  holidays?: HolidayRule[];
  mailboxes: Record<string, string>;
  publicBaseUrl: string;
}

export const organisationSettingsSignal = defineSignal<[OrganisationSettings]>('organisationSettings');

/** The organisation's part of a policy. */
export function organisationSettingsOf(policy: Policy): OrganisationSettings {
  return { calendar: policy.calendar, mailboxes: policy.mailboxes, publicBaseUrl: policy.publicBaseUrl };
}

/**
 * Puts the organisation's current settings into a case's policy, in place: the policy
 * object is the one the case carries into a continue-as-new, so the new run keeps them.
 */
export function applyOrganisationSettings(policy: Policy, s: OrganisationSettings): void {
  // Settings recorded in older histories carry holiday rules and no calendar: replayed, they
  // apply exactly as they did.
  if (s.holidays) policy.holidays = s.holidays;
  if (s.calendar) policy.calendar = s.calendar;
  policy.mailboxes = s.mailboxes;
  policy.publicBaseUrl = s.publicBaseUrl;
}
