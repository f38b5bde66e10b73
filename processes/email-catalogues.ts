/**
 * Every owner's list of e-mail messages (each process's and the platform's): the template
 * test checks each message against its file, and docs/emails.md lists them. Pure data.
 */
import { platformEmail } from '../platform/emails/platform-emails';
import type { EmailCatalogue } from '../platform/emails/messages';
import { certificationEmail } from './certification/email-messages';
import { eceEmail } from './ece/email-messages';
import { fosterEmail } from './foster/email-messages';
import { leaveEmail } from './mentoring-leave/email-messages';
import { programsEmail } from './programs/email-messages';
import { referralEmail } from './referral/email-messages';
import { wellnessEmail } from './wellness/email-messages';

export const EMAIL_CATALOGUES: readonly EmailCatalogue[] = [
  platformEmail,
  leaveEmail,
  fosterEmail,
  certificationEmail,
  referralEmail,
  wellnessEmail,
  eceEmail,
  programsEmail,
];
