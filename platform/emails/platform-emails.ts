/**
 * The platform's own messages (sent by the case runtime for any process): task reminders,
 * escalations and assignments. Their templates are in platform/emails/<message-id>.en.txt.
 */
import { emailsOf } from './messages';

export const platformEmail = emailsOf('platform', {
  'task-opened': ['taskTitle', 'dueAt'],
  'task-assigned': ['assignedBy', 'taskTitle', 'dueAt'],
  'task-reminder': ['taskTitle', 'dueAt'],
  'task-escalation': ['taskTitle', 'dueAt'],
});
