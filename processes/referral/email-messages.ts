/**
 * The mentor referral process's e-mails and the variables each is rendered from; the
 * wording is in processes/referral/emails/<message-id>.en.txt (docs/emails.md).
 */
import { emailsOf } from '../../platform/emails/messages';

export const referralEmail = emailsOf('referral', {
  closed: ['reference', 'reason'],
  'offer-expired': ['reference'],
  'offer-expired-withdrawn': ['reference'],
  // Sent by the references activity to the address the public typed: fixed wording, links, reference only.
  'volunteer-withdraw-link': ['reference', 'withdrawLink', 'withdrawUntil'],
  'volunteer-confirm-address': ['reference', 'confirmLink', 'confirmUntil', 'withdrawLink', 'withdrawUntil'],
});
