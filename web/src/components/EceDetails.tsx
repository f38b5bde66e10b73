/**
 * Early-childhood cases as their people see them: a mentor's certification (votes cast,
 * period, development hours toward the 12 that renew it, placements held) with the form
 * the mentor logs development in; a placement (mentor, mentee, term, hours and whether the
 * mentor confirmed them, evaluations, stipend) with the form the mentee logs hours in.
 */
import { api, ok } from '../api/client';
import { useSession } from '../session';
import { HoursForm } from './HoursForm';
import { useT } from '../i18n/useT';
import { useNames } from '../i18n/names';

type Details = Record<string, unknown>;
interface Entry {
  id: string;
  date: string;
  hours: number;
  activity: string;
  status: string;
}

/** Development (the mentor's own record) or placement hours (the mentee), posted to the case's own route. */
function LogHours({ caseId, kind }: { caseId: string; kind: 'development' | 'hours' }) {
  const t = useT();
  return kind === 'development' ? (
    <HoursForm
      id="development"
      caseId={caseId}
      heading={t('eceDetails.logDevelopment')}
      textLabel={t('eceDetails.topic')}
      textField="topic"
      submit={t('eceDetails.log')}
      post={({ date, hours, text }) =>
        ok(
          api.POST('/api/v1/ece/mentors/{caseId}/development', {
            params: { path: { caseId } },
            body: { date, hours, topic: text },
          }),
        )
      }
    />
  ) : (
    <HoursForm
      id="hours"
      caseId={caseId}
      heading={t('eceDetails.logHours')}
      textLabel={t('eceDetails.activity')}
      textField="activity"
      submit={t('eceDetails.log')}
      post={({ date, hours, text }) =>
        ok(
          api.POST('/api/v1/ece/placements/{caseId}/hours', {
            params: { path: { caseId } },
            body: { date, hours, activity: text },
          }),
        )
      }
    />
  );
}

export function EceDetails({ type, caseId, details }: { type: string; caseId: string; details: Details }) {
  const t = useT();
  const me = useSession()?.person.id;
  const name = useNames();
  if (type === 'ece_certification') {
    const person = details.person as { id: string; name: string };
    return (
      <section aria-labelledby="ece-heading" className="margin-y-3">
        <h2 id="ece-heading">{t('eceDetails.certification')}</h2>
        <ul className="usa-list usa-list--unstyled mf-facts">
          <li>
            <strong>{t('eceDetails.mentor')}</strong> {person.name} · {name('detail', String(details.role))} ·{' '}
            {String(details.site)}
          </li>
          <li>
            <strong>{t('eceDetails.votes')}</strong> {(details.votes as unknown[]).length}
          </li>
          {details.certifiedUntil ? (
            <li>
              <strong>{t('eceDetails.certifiedUntil')}</strong> {String(details.certifiedUntil)}
            </li>
          ) : null}
          <li>
            <strong>{t('eceDetails.development')}</strong>{' '}
            {t('eceDetails.of', { count: String(details.developmentHoursInPeriod), max: 12 })}
          </li>
          <li>
            <strong>{t('eceDetails.placements')}</strong>{' '}
            {t('eceDetails.of', { count: String((details.openPlacements as unknown[]).length), max: 2 })}
          </li>
        </ul>
        {me === person.id && details.certifiedUntil ? <LogHours caseId={caseId} kind="development" /> : null}
      </section>
    );
  }
  const mentor = details.mentor as { name: string; role: string };
  const mentee = details.mentee as { id: string; name: string; kind: string };
  const term = details.term as { start: string; end: string };
  const hours = (details.hours ?? []) as Entry[];
  return (
    <section aria-labelledby="placement-heading" className="margin-y-3">
      <h2 id="placement-heading">{t('eceDetails.placement')}</h2>
      <ul className="usa-list usa-list--unstyled mf-facts">
        <li>
          <strong>{t('eceDetails.mentor')}</strong> {mentor.name} ({name('detail', mentor.role)})
        </li>
        <li>
          <strong>{t('eceDetails.mentee')}</strong> {mentee.name} ({name('detail', mentee.kind)})
        </li>
        <li>
          <strong>{t('eceDetails.term')}</strong> {t('eceDetails.termDates', { start: term.start, end: term.end })}
          {details.course ? ` · ${String(details.course)}` : ''}
        </li>
        <li>
          <strong>{t('eceDetails.confirmed')}</strong> {String(details.hoursConfirmed)}
        </li>
        {details.stipend !== undefined ? (
          <li>
            <strong>{t('eceDetails.stipend')}</strong> ${String(details.stipend)}
          </li>
        ) : null}
      </ul>
      {hours.length ? (
        <table className="usa-table usa-table--borderless">
          <caption>{t('eceDetails.logged')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('hours.date')}</th>
              <th scope="col">{t('hours.hours')}</th>
              <th scope="col">{t('eceDetails.activity')}</th>
              <th scope="col">{t('eceDetails.status')}</th>
            </tr>
          </thead>
          <tbody>
            {hours.map((h) => (
              <tr key={h.id}>
                <th scope="row">{h.date}</th>
                <td>{h.hours}</td>
                <td>{h.activity}</td>
                <td>{name('detail', h.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {me === mentee.id && ['active', 'evaluation'].includes(String(details.stage)) ? (
        <LogHours caseId={caseId} kind="hours" />
      ) : null}
    </section>
  );
}
