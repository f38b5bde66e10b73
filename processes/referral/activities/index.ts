/**
 * The referral process's own activities (its descriptor lists them by worker): the
 * directory look-ups run by the case worker (programs.ts), and the volunteer's first
 * e-mail with its one-time links, run by the mail worker.
 *
 * A volunteer's address is whatever the public typed: the e-mails to it carry fixed
 * wording, the links and the case reference only, never the name or anything else typed
 * (the form must not become a way to send someone a message in the agency's name).
 */
import type { PolicyDuration } from '../../../platform/workflow/calendar';
import type { ProcessActivityDeps } from '../../../platform/activities/process-activities';
import { issueOneTimeLinks, type LinkSpec } from '../../../platform/activities/one-time-links';
import { mentorReferralWorkflowId } from '../ids';
import { referralEmail } from '../email-messages';
import type { EmailLanguage } from '../../../platform/emails/messages';
import { CONFIRM_LINK, WITHDRAW_LINK } from '../links';
import { createReferralProgramActivities } from './programs';

export interface SendReferralConfirmationInput {
  caseId: string;
  email: string;
  /** How long the withdraw link works. */
  validFor: PolicyDuration;
  /** How long the address-confirmation link works (absent: a case from before confirmation existed). */
  confirmValidFor?: PolicyDuration;
  publicBaseUrl: string;
  /** The volunteer's language (absent: English). */
  language?: EmailLanguage;
  /** Sent by cases started before the e-mail stopped naming anyone; never used. */
  name?: string;
}

export function createActivities(deps: ProcessActivityDeps) {
  return {
    ...createReferralProgramActivities(deps),

    /**
     * The volunteer's first e-mail: a one-time link to confirm the address (nothing reaches
     * a program before it is used) and one to withdraw at any time. Cases started before
     * confirmation existed send the withdraw link alone. Only fixed wording and the case
     * reference: the address is whatever the public typed.
     */
    async sendReferralConfirmation(input: SendReferralConfirmationInput): Promise<{ sent: boolean }> {
      const reference = input.caseId.slice(0, 8);
      const withdraw: LinkSpec = { referenceId: WITHDRAW_LINK, path: '/referrals/withdraw/', validFor: input.validFor };
      const common = {
        key: `${input.caseId}:confirmation`,
        caseId: input.caseId,
        workflowId: mentorReferralWorkflowId(input.caseId),
        email: input.email,
        language: input.language,
      };
      if (!input.confirmValidFor) {
        return issueOneTimeLinks(
          deps,
          {
            ...common,
            links: [withdraw],
            message: ([w]) =>
              referralEmail('volunteer-withdraw-link', { reference, withdrawLink: w.url, withdrawUntil: w.until }),
          },
          input.publicBaseUrl,
        );
      }
      return issueOneTimeLinks(
        deps,
        {
          ...common,
          links: [
            { referenceId: CONFIRM_LINK, path: '/referrals/confirm/', validFor: input.confirmValidFor },
            withdraw,
          ],
          message: ([c, w]) =>
            referralEmail('volunteer-confirm-address', {
              reference,
              confirmLink: c.url,
              confirmUntil: c.until,
              withdrawLink: w.url,
              withdrawUntil: w.until,
            }),
        },
        input.publicBaseUrl,
      );
    },
  };
}

export type ReferralActivities = ReturnType<typeof createActivities>;
