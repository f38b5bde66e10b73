/**
 * The foster processes' e-mails (mentor and caller screening) and the variables each is rendered from; the
 * wording is in processes/foster/emails/<message-id>.en.txt (docs/emails.md).
 */
import { emailsOf } from '../../platform/emails/messages';

export const fosterEmail = emailsOf('foster', {
  'approved-mentor': [],
  'approved-caller': [],
  'not-approved': ['applicantRole'],
  'screening-past-target': ['caseId', 'dueAt'],
  // Sent by the references activity with a one-time link ({{link}}), outside workflow code.
  'reference-request-mentor': ['referenceName', 'applicantName', 'applicantFirstName', 'until'],
  'reference-reminder-mentor': ['referenceName', 'applicantName', 'applicantFirstName', 'until'],
  'reference-request-caller': ['referenceName', 'applicantName', 'applicantFirstName', 'until'],
  'reference-reminder-caller': ['referenceName', 'applicantName', 'applicantFirstName', 'until'],
  // A match's relationship survey, with its one-time link: to the mentor, and to the youth's caregiver.
  'survey-request-mentor': ['until'],
  'survey-reminder-mentor': ['until'],
  'survey-request-youth': ['until'],
  'survey-reminder-youth': ['until'],
});
