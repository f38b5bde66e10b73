/**
 * A mentor referral as coordinators and referred programs see it: the volunteer (when the
 * API shows them to this person), each program offered with its round, status, due date
 * and why it was chosen, and the outcome. Statuses are written out.
 */
import { useT } from '../i18n/useT';
import { useNames } from '../i18n/names';

interface Offer {
  programId: string;
  programName: string;
  round: number;
  status: string;
  outcome?: string;
  dueAt: string;
  reasons: string[];
  manual?: boolean;
  endedReason?: string;
}
interface Volunteer {
  name: string;
  email: string;
  phone: string;
  county: string;
  ageBand: string;
  languages: string[];
  interests: string[];
  youthAges: { min: number; max: number };
  hoursPerMonth: number;
  format: string;
}

export function ReferralDetails({ details }: { details: Record<string, unknown> }) {
  const t = useT();
  const name = useNames();
  const v = details.volunteer as Volunteer | undefined;
  const offers = (details.offers ?? []) as Offer[];
  return (
    <section aria-labelledby="referral-heading" className="margin-y-3">
      <h2 id="referral-heading">{t('details.referral')}</h2>
      {v ? (
        <ul className="usa-list usa-list--unstyled mf-facts">
          <li>
            <strong>{t('refDetails.volunteer')}</strong> {v.name} · {v.email} · {v.phone}
          </li>
          <li>
            <strong>{t('refDetails.where')}</strong> {t('refDetails.county', { county: v.county })} ·{' '}
            {t(`volunteer.format.${v.format}`)}
          </li>
          <li>
            <strong>{t('refDetails.mentor')}</strong>{' '}
            {t('refDetails.mentorText', {
              min: v.youthAges.min,
              max: v.youthAges.max,
              hours: v.hoursPerMonth,
              age: v.ageBand,
            })}
          </li>
          <li>
            <strong>{t('details.languages')}</strong> {v.languages.join(', ') || '—'}
            {v.interests.length ? ` · ${t('refDetails.interests', { interests: v.interests.join(', ') })}` : ''}
          </li>
        </ul>
      ) : (
        <p>{t('refDetails.hidden')}</p>
      )}
      {details.campaign ? <p>{t('volunteer.campaign', { campaign: String(details.campaign) })}</p> : null}
      <table className="usa-table usa-table--borderless usa-table--stacked">
        <caption>{t('refDetails.offered')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('refDetails.program')}</th>
            <th scope="col">{t('refDetails.round')}</th>
            <th scope="col">{t('inbox.status')}</th>
            <th scope="col">{t('refDetails.contactDue')}</th>
            <th scope="col">{t('refDetails.why')}</th>
          </tr>
        </thead>
        <tbody>
          {offers.map((o) => (
            <tr key={`${o.programId}-${o.round}`}>
              <th scope="row" data-label={t('refDetails.program')}>
                {o.programName}
              </th>
              <td data-label={t('refDetails.round')}>
                {o.round}
                {o.manual ? ` ${t('refDetails.byHand')}` : ''}
              </td>
              <td data-label={t('inbox.status')}>
                {name('status', o.status)}
                {o.outcome ? ` — ${name('outcome', o.outcome).toLowerCase()}` : ''}
                {o.endedReason ? ` (${o.endedReason})` : ''}
              </td>
              <td data-label={t('refDetails.contactDue')}>{o.dueAt.slice(0, 10)}</td>
              <td data-label={t('refDetails.why')}>{o.reasons.join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {details.outcome ? (
        <p>
          <strong>{t('refDetails.outcome')}</strong> {name('outcome', String(details.outcome))}
        </p>
      ) : null}
    </section>
  );
}
