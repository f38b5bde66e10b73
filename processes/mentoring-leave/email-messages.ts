/**
 * The mentoring-leave process's e-mails and the variables each is rendered from; the
 * wording is in processes/mentoring-leave/emails/<message-id>.en.txt (docs/emails.md).
 */
import { emailsOf } from '../../platform/emails/messages';

export const leaveEmail = emailsOf('mentoring-leave', {
  'request-denied-by-supervisor': ['date', 'hours', 'reason'],
  'request-denied-by-hr': ['date', 'hours', 'reason'],
  'request-approved': ['date', 'hours'],
  'enrollment-approved': ['year', 'cap'],
  'enrollment-denied': ['year', 'reason'],
  'year-end-summary': ['year', 'verifiedHours', 'approvedHours', 'cap', 'lapsedHours'],
  'year-end-summary-never-enrolled': ['year', 'verifiedHours', 'approvedHours', 'cap', 'lapsedHours'],
});
