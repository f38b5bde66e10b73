/** How dates, task types and stages read on screen. */
export const humanize = (s: string) =>
  s
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
    .replace(/^\w/, (c) => c.toUpperCase());

export function dueText(dueAt: string, now = Date.now()): string {
  const ms = new Date(dueAt).getTime() - now;
  const days = Math.round(Math.abs(ms) / 86_400_000);
  const when = new Date(dueAt).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'America/Los_Angeles',
  });
  if (ms < 0) return `Overdue since ${when}`;
  return days === 0 ? `Due today (${when})` : `Due ${when}`;
}

export const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Los_Angeles' });
