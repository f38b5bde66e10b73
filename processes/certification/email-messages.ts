/**
 * The certification process's e-mails and the variables each is rendered from; the
 * wording is in processes/certification/emails/<message-id>.en.txt (docs/emails.md).
 */
import { emailsOf } from '../../platform/emails/messages';

export const certificationEmail = emailsOf('certification', {
  partner: ['programName', 'until'],
  'application-not-approved': ['programName', 'levelSought', 'reason'],
  affiliate: ['programName'],
  'self-assessment-open': ['programName', 'deadline'],
  'work-plan': ['programName', 'itemCount', 'items'],
  'work-plan-item-rejected': ['programName', 'itemDescription', 'reason'],
  'partner-deadline': ['programName', 'deadlineDate', 'deadline'],
  'renewal-window-ended': ['programName', 'deadline', 'certifiedUntil'],
  'returned-to-affiliate': ['programName', 'deadline'],
});
