/**
 * The ECE certification process's e-mails and the variables each is rendered from; the
 * wording is in processes/ece/emails/<message-id>.en.txt (docs/emails.md).
 */
import { emailsOf } from '../../platform/emails/messages';

export const eceEmail = emailsOf('ece', {
  certified: ['roleName', 'personName', 'certifiedUntil'],
  declined: ['roleName', 'personName'],
  'renewal-reminder': ['roleName', 'certifiedUntil', 'renewalHours', 'hoursLogged'],
  lapsed: ['roleName', 'personName', 'hoursLogged', 'renewalHours'],
  'lapsed-with-open-placements': [
    'roleName',
    'personName',
    'hoursLogged',
    'renewalHours',
    'openCount',
    'openPlacements',
  ],
});
