/**
 * A match's check-in calendar for its case worker: each check-in recorded (when it was
 * due, when it was done, whom they reached, satisfaction, any safety concern), the next
 * one due, and the monthly ones after it up to the anniversary, marked as planned.
 */
import { useNames } from '../i18n/names';
import { useT } from '../i18n/useT';

export interface CheckInRecord {
  dueOn: string;
  recordedAt: string;
  contactMentor: boolean;
  contactYouth: boolean;
  contactCaregiver: boolean;
  satisfaction: number;
  safetyConcern: boolean;
}

const day = (iso: string) => iso.slice(0, 10);

/** The monthly dates from `from` (inclusive) until before `until`. */
function monthly(from: string, until?: string): string[] {
  const out: string[] = [];
  const start = new Date(from);
  const end = until ? Date.parse(until) : start.getTime() + 365 * 86_400_000;
  for (let i = 0; i < 24; i++) {
    const d = new Date(start);
    d.setUTCMonth(start.getUTCMonth() + i);
    if (d.getTime() >= end) break;
    out.push(d.toISOString());
  }
  return out;
}

export function MatchCalendar({
  checkIns,
  nextDue,
  anniversaryAt,
}: {
  checkIns: CheckInRecord[];
  nextDue?: string;
  anniversaryAt?: string;
}) {
  const t = useT();
  const name = useNames();
  const planned = nextDue ? monthly(nextDue, anniversaryAt) : [];
  const reached = (c: CheckInRecord) =>
    (['contactMentor', 'contactYouth', 'contactCaregiver'] as const)
      .filter((k) => c[k])
      // contactMentor → contact.mentor
      .map((k) => name('contact', k.charAt(7).toLowerCase() + k.slice(8)))
      .join(', ') || t('calendar.nobody');
  if (!checkIns.length && !planned.length) return null;
  return (
    <table className="usa-table usa-table--borderless usa-table--stacked">
      <caption>{t('calendar.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('calendar.due')}</th>
          <th scope="col">{t('calendar.status')}</th>
          <th scope="col">{t('calendar.reached')}</th>
          <th scope="col">{t('calendar.satisfaction')}</th>
        </tr>
      </thead>
      <tbody>
        {checkIns.map((c) => (
          <tr key={c.dueOn}>
            <th scope="row" data-label={t('calendar.due')}>
              {day(c.dueOn)}
            </th>
            <td data-label={t('calendar.status')}>
              {t('calendar.done', { date: day(c.recordedAt) })}
              {c.safetyConcern ? ` ${t('calendar.safety')}` : ''}
            </td>
            <td data-label={t('calendar.reached')}>{reached(c)}</td>
            <td data-label={t('calendar.satisfaction')}>
              {t('calendar.satisfactionOf', { n: c.satisfaction, of: 5 })}
            </td>
          </tr>
        ))}
        {planned.map((d, i) => (
          <tr key={d}>
            <th scope="row" data-label={t('calendar.due')}>
              {day(d)}
            </th>
            <td data-label={t('calendar.status')}>
              {i === 0 ? (Date.parse(d) < Date.now() ? t('calendar.late') : t('calendar.next')) : t('calendar.planned')}
            </td>
            <td data-label={t('calendar.reached')}>–</td>
            <td data-label={t('calendar.satisfaction')}>–</td>
          </tr>
        ))}
        {anniversaryAt ? (
          <tr>
            <th scope="row" data-label={t('calendar.due')}>
              {day(anniversaryAt)}
            </th>
            <td data-label={t('calendar.status')}>{t('calendar.anniversary')}</td>
            <td data-label={t('calendar.reached')}>–</td>
            <td data-label={t('calendar.satisfaction')}>–</td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
