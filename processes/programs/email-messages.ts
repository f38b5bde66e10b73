/**
 * The program record's e-mails (Partner certificate renewal and expiry) and the variables each is rendered from; the
 * wording is in processes/programs/emails/<message-id>.en.txt (docs/emails.md).
 */
import { emailsOf } from '../../platform/emails/messages';

export const programsEmail = emailsOf('programs', {
  'renewal-reminder': ['programName', 'certifiedUntil', 'programId'],
  'certificate-expired': ['programName', 'certifiedUntil'],
});
