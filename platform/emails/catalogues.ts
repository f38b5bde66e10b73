/**
 * Every owner's list of e-mail messages (the platform's, then each registered process's from
 * its descriptor): the template test checks each message against its file, the admins'
 * template editor lists them, and docs/emails.md describes them. Pure data.
 */
import { PROCESSES } from '../workflow/registry';
import type { EmailCatalogue } from './messages';
import { platformEmail } from './platform-emails';

export const EMAIL_CATALOGUES: readonly EmailCatalogue[] = [
  platformEmail,
  ...PROCESSES.flatMap((p) => (p.emails ? [p.emails] : [])),
];
