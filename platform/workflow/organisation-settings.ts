/**
 * Settings that follow the organisation, not the case: the role mailboxes, the public
 * address in e-mail links, and the holidays business days skip. A case keeps the rules it
 * started under for life (its policy is in its input), but these three change with the
 * organisation — a mailbox moves, the site gets a new address, a holiday is added by law —
 * and a case that runs for years must follow. When they change, every running case
 * receives them by this signal (see lib/organisation-settings.ts) and uses them from then
 * on: new deadlines skip the new holidays, the next e-mail goes to the new mailbox with
 * links to the new address. Deadlines already given to someone do not move.
 */
import { defineSignal } from '@temporalio/workflow';
import type { HolidayRule } from './calendar';
import type { Policy } from './policy';

export interface OrganisationSettings {
  holidays: HolidayRule[];
  mailboxes: Record<string, string>;
  publicBaseUrl: string;
}

export const organisationSettingsSignal = defineSignal<[OrganisationSettings]>('organisationSettings');

/** The organisation's part of a policy. */
export function organisationSettingsOf(policy: Policy): OrganisationSettings {
  return { holidays: policy.holidays, mailboxes: policy.mailboxes, publicBaseUrl: policy.publicBaseUrl };
}

/**
 * Puts the organisation's current settings into a case's policy, in place: the policy
 * object is the one the case carries into a continue-as-new, so the new run keeps them.
 */
export function applyOrganisationSettings(policy: Policy, s: OrganisationSettings): void {
  policy.holidays = s.holidays;
  policy.mailboxes = s.mailboxes;
  policy.publicBaseUrl = s.publicBaseUrl;
}
