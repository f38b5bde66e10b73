/**
 * The wellness check-in process's e-mails and the variables each is rendered from; the
 * wording is in processes/wellness/emails/<message-id>.en.txt (docs/emails.md).
 */
import { emailsOf } from '../../platform/emails/messages';

export const wellnessEmail = emailsOf('wellness', {
  summary: ['reference', 'outcome', 'callCount', 'reachedCount'],
  'summary-with-needs': ['reference', 'outcome', 'callCount', 'reachedCount', 'needKinds'],
  'urgent-safety-concern': ['reference'],
});
