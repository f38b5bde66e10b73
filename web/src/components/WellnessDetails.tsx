/**
 * Wellness check-ins as the referrer, coordinators and the caller see them: the youth and
 * how to reach them, the caller, and the call log (reached, minutes, mood, needs, notes).
 */
import { useNames } from '../i18n/names';
import { useT } from '../i18n/useT';

interface Call {
  n: number;
  loggedAt: string;
  reached: boolean;
  minutes: number;
  mood?: number;
  needs: string[];
  notes?: string;
}

export function WellnessDetails({ details }: { details: Record<string, unknown> }) {
  const t = useT();
  const name = useNames();
  // A coordinator choosing a caller sees the county and languages only (no name, birth date or contact).
  const youth = details.youth as
    | { name?: string; dateOfBirth?: string; county: string; languages: string[] }
    | undefined;
  const contact = details.contact as { phone: string; preferredTimes: string } | undefined;
  const caller = details.caller as { name: string } | undefined;
  const calls = (details.calls ?? []) as Call[];
  return (
    <section aria-labelledby="wellness-heading" className="margin-y-3">
      <h2 id="wellness-heading">{t('nav.checkInCalls')}</h2>
      <ul className="usa-list usa-list--unstyled mf-facts">
        {youth ? (
          <li>
            <strong>{t('wellnessDetails.youth')}</strong> {youth.name ? `${youth.name}, ` : ''}
            {youth.dateOfBirth ? `${t('wellnessDetails.born', { date: youth.dateOfBirth })}, ` : ''}
            {t('refDetails.county', { county: youth.county })} ·{' '}
            {t('wellnessDetails.speaks', { languages: youth.languages.join(', ') || '—' })}
          </li>
        ) : null}
        {contact ? (
          <li>
            <strong>{t('wellnessDetails.contact')}</strong> {contact.phone} · {contact.preferredTimes}
          </li>
        ) : null}
        <li>
          <strong>{t('wellnessDetails.source')}</strong>{' '}
          {details.source ? t(`wellness.source.${String(details.source)}`) : ''}
        </li>
        <li>
          <strong>{t('wellnessDetails.caller')}</strong> {caller ? caller.name : t('wellnessDetails.noCaller')}
        </li>
        <li>
          <strong>{t('wellnessDetails.calls')}</strong>{' '}
          {t('wellnessDetails.callsOf', { count: calls.length, planned: Number(details.plannedCalls ?? 3) })}
          {details.nextCallAt
            ? ` · ${t('wellnessDetails.next', { date: String(details.nextCallAt).slice(0, 10) })}`
            : ''}
        </li>
      </ul>
      {calls.length ? (
        <table className="usa-table usa-table--borderless usa-table--stacked">
          <caption>{t('wellnessDetails.log')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('wellnessDetails.call')}</th>
              <th scope="col">{t('wellnessDetails.logged')}</th>
              <th scope="col">{t('calendar.reached')}</th>
              <th scope="col">{t('wellnessDetails.minutes')}</th>
              <th scope="col">{t('wellnessDetails.mood')}</th>
              <th scope="col">{t('wellnessDetails.needs')}</th>
              <th scope="col">{t('wellnessDetails.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((c) => (
              <tr key={c.n}>
                <th scope="row" data-label={t('wellnessDetails.call')}>
                  {c.n}
                </th>
                <td data-label={t('wellnessDetails.logged')}>{c.loggedAt.slice(0, 10)}</td>
                <td data-label={t('calendar.reached')}>{c.reached ? t('standards.yes') : t('standards.no')}</td>
                <td data-label={t('wellnessDetails.minutes')}>{c.minutes}</td>
                <td data-label={t('wellnessDetails.mood')}>{c.mood ?? '—'}</td>
                <td data-label={t('wellnessDetails.needs')}>
                  {c.needs.map((n) => name('choice', n)).join(', ') || '—'}
                </td>
                <td data-label={t('wellnessDetails.notes')}>{c.notes ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
