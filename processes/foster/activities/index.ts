/**
 * The foster process's own activities, run by the mail worker (its descriptor lists them
 * under `activities.mail`): a mentor's or a wellness caller's reference receives a one-time
 * link to the answer form (platform/activities/one-time-links.ts mints and sends it); a
 * match's relationship surveys are sent and recorded by phone (surveys.ts).
 */
import type { PolicyDuration } from '../../../platform/workflow/calendar';
import type { ProcessActivityDeps } from '../../../platform/activities/process-activities';
import { issueOneTimeLinks } from '../../../platform/activities/one-time-links';
import { mentorScreeningWorkflowId } from '../ids';
import { fosterEmail } from '../email-messages';
import type { EmailLanguage } from '../../../platform/emails/messages';
import { createSurveyActivities } from './surveys';

export interface IssueReferenceLinkInput {
  caseId: string;
  referenceId: string;
  referenceName: string;
  email: string;
  applicantName: string;
  kind: 'request' | 'reminder';
  validFor: PolicyDuration;
  publicBaseUrl: string;
  /** A wellness caller's screening: its workflow and wording (absent: a mentor's). */
  workflowId?: string;
  role?: 'caller';
  /** The applicant's language, which the reference's e-mail is in (absent: English). */
  language?: EmailLanguage;
}

export function createActivities(deps: ProcessActivityDeps) {
  return {
    ...createSurveyActivities(deps),
    /** Mints a reference's one-time link to the answer form and e-mails it. */
    async issueReferenceLink(input: IssueReferenceLinkInput): Promise<{ sent: boolean }> {
      const role = input.role === 'caller' ? 'caller' : 'mentor';
      return issueOneTimeLinks(
        deps,
        {
          key: `${input.caseId}:${input.referenceId}:${input.kind}`,
          caseId: input.caseId,
          workflowId: input.workflowId ?? mentorScreeningWorkflowId(input.caseId),
          email: input.email,
          language: input.language,
          links: [{ referenceId: input.referenceId, path: '/references/', validFor: input.validFor }],
          message: ([{ until }]) =>
            fosterEmail(`reference-${input.kind}-${role}`, {
              referenceName: input.referenceName,
              applicantName: input.applicantName,
              applicantFirstName: input.applicantName.split(' ')[0],
              until,
            }),
        },
        input.publicBaseUrl,
      );
    },
  };
}

export type FosterActivities = ReturnType<typeof createActivities>;
