/** How dates, task types and stages read on screen. */
import { currentLanguage } from '../i18n/locale';
import type { Values } from '../i18n/useT';

export { humanize } from './humanize';

/** "Due Dec 7, 2026", "Due today (…)", "Overdue since …" in the app's language (`t` from useT). */
export function dueText(dueAt: string, t: (id: string, values?: Values) => string, now = Date.now()): string {
  const ms = new Date(dueAt).getTime() - now;
  const days = Math.round(Math.abs(ms) / 86_400_000);
  const date = new Date(dueAt);
  if (ms < 0) return t('due.overdue', { date });
  return days === 0 ? t('due.today', { date }) : t('due.on', { date });
}

/** A moment as people read it, in the app's language and California's time. */
export const dateTime = (iso: string) =>
  new Date(iso).toLocaleString(currentLanguage(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'America/Los_Angeles',
  });
