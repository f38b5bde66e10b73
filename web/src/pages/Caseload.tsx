/**
 * The caseload (docs/processes/foster.md, "Match support"): a case worker's open matches,
 * the weakest health first, so the match that needs a call is at the top. The band reads in
 * words and colour, the reasons that took points away are listed, each row opens the match.
 * A supervisor reads anyone's caseload by the case worker's id (all of them when empty).
 */
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { useIntl } from 'react-intl';
import { api, ok } from '../api/client';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { dateTime } from '../components/format';
import { useSession } from '../session';
import { useT } from '../i18n/useT';

export function Caseload() {
  const t = useT();
  const intl = useIntl();
  const session = useSession();
  const supervisor = !!session?.person.roles.includes('case_supervisor');
  const [params, setParams] = useSearchParams();
  const caseWorkerId = params.get('caseWorkerId') ?? '';
  const [typed, setTyped] = useState(caseWorkerId);
  const caseload = useQuery({
    queryKey: ['caseload', caseWorkerId],
    queryFn: () =>
      ok(
        api.GET('/api/v1/foster/caseload', {
          params: { query: caseWorkerId ? { caseWorkerId } : {} },
        }),
      ),
  });
  // A reason code reads in words when the catalogue has them (`code:figure`), else as its code.
  const reason = (r: string) => {
    const [code, figure] = r.split(':');
    const id = `caseload.reason.${code}`;
    return intl.messages[id] ? t(id, { figure }) : r;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(typed.trim() ? { caseWorkerId: typed.trim() } : {});
  };
  const items = caseload.data?.items ?? [];
  return (
    <Page title={t('caseload.title')} lead={t('caseload.lead')}>
      {supervisor ? (
        <form className="usa-form mf-filters" onSubmit={submit}>
          <div className="usa-form-group">
            <label className="usa-label" htmlFor="caseload-worker">
              {t('caseload.worker')}
            </label>
            <span className="usa-hint" id="caseload-worker-hint">
              {t('caseload.workerHint')}
            </span>
            <input
              id="caseload-worker"
              className="usa-input"
              aria-describedby="caseload-worker-hint"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
            />
          </div>
          <button type="submit" className="usa-button">
            {t('caseload.show')}
          </button>
        </form>
      ) : null}
      <ProblemAlert error={caseload.error} heading={t('caseload.failed')} />
      {caseload.isPending ? <p>{t('caseload.loading')}</p> : null}
      {caseload.data && !items.length ? <p>{t('caseload.none')}</p> : null}
      {items.length ? (
        <table className="usa-table usa-table--borderless usa-table--stacked">
          <caption>{t('caseload.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('caseload.match')}</th>
              <th scope="col">{t('caseload.health')}</th>
              <th scope="col">{t('caseload.reasons')}</th>
              <th scope="col">{t('caseload.months')}</th>
              <th scope="col">{t('caseload.nextContact')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => (
              <tr key={m.matchCaseId}>
                <th scope="row" data-label={t('caseload.match')}>
                  <Link className="usa-link" to={`/cases/${m.matchCaseId}`}>
                    {t('caseload.pair', { mentor: m.mentorName, youth: m.youthFirstName })}
                  </Link>
                </th>
                <td data-label={t('caseload.health')}>
                  {m.health ? (
                    <>
                      <span className={`mf-band mf-band--${m.health.band}`}>{t(`caseload.band.${m.health.band}`)}</span>{' '}
                      {t('caseload.score', { score: m.health.score })}
                    </>
                  ) : (
                    t('caseload.noHealth')
                  )}
                </td>
                <td data-label={t('caseload.reasons')}>
                  {m.health?.reasons.length ? (
                    <ul className="usa-list margin-0">
                      {m.health.reasons.map((r) => (
                        <li key={r}>{reason(r)}</li>
                      ))}
                    </ul>
                  ) : (
                    '–'
                  )}
                </td>
                <td data-label={t('caseload.months')}>
                  {m.monthsActive === null
                    ? t(`caseload.stage.${m.stage}`)
                    : t('caseload.monthCount', { months: m.monthsActive })}
                </td>
                <td data-label={t('caseload.nextContact')}>{m.nextContactDue ? dateTime(m.nextContactDue) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}
