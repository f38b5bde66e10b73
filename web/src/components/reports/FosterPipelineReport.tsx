/**
 * The foster match pipeline for case workers and their supervisors: how many mentors
 * reached each screening step, how long approval took against the 30-day target, how
 * long youth waited from referral to a match, and where the matches stand.
 */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { ProblemAlert } from '../ProblemAlert';
import { BarChart } from './BarChart';
import { useT } from '../../i18n/useT';
import { useNames } from '../../i18n/names';

export function FosterPipelineReport() {
  const t = useT();
  const name = useNames();
  const days = (d: number | null | undefined) =>
    d === null || d === undefined ? t('fosterReport.noCases') : t('fosterReport.days', { days: d });
  const report = useQuery({
    queryKey: ['report-foster'],
    queryFn: () => ok(api.GET('/api/v1/foster/reports/pipeline')),
  });
  const r = report.data;
  return (
    <section aria-labelledby="foster-heading" className="margin-top-4">
      <h2 id="foster-heading">{t('fosterReport.title')}</h2>
      <ProblemAlert error={report.error} />
      {r ? (
        <>
          <p>{t('fosterReport.since', { since: r.since })}</p>
          <dl className="mf-figures">
            <div>
              <dt>{t('fosterReport.toApproval')}</dt>
              <dd>{days(r.medianDaysToApproval)}</dd>
            </div>
            <div>
              <dt>{t('fosterReport.within', { days: r.approvedWithinTarget.targetDays })}</dt>
              <dd>{t('fosterReport.of', { within: r.approvedWithinTarget.within, of: r.approvedWithinTarget.of })}</dd>
            </div>
            <div>
              <dt>{t('fosterReport.toMatch')}</dt>
              <dd>{days(r.medianDaysReferralToMatch)}</dd>
            </div>
          </dl>
          <BarChart
            title={t('fosterReport.chart')}
            rows={r.mentorFunnel}
            label={(s) => s.label}
            series={[{ key: 'cases', label: t('fosterReport.mentorsSeries'), colour: '#005ea2' }]}
          />
          <table className="usa-table usa-table--borderless">
            <caption>{t('fosterReport.mentorFunnel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fosterReport.step')}</th>
                <th scope="col">{t('fosterReport.mentors')}</th>
              </tr>
            </thead>
            <tbody>
              {r.mentorFunnel.map((s) => (
                <tr key={s.step}>
                  <th scope="row">{s.label}</th>
                  <td>{s.cases}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="usa-table usa-table--borderless">
            <caption>{t('fosterReport.youthFunnel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fosterReport.step')}</th>
                <th scope="col">{t('fosterReport.youth')}</th>
              </tr>
            </thead>
            <tbody>
              {r.youthFunnel.map((s) => (
                <tr key={s.step}>
                  <th scope="row">{s.label}</th>
                  <td>{s.cases}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="usa-table usa-table--borderless">
            <caption>{t('fosterReport.byStage')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fosterReport.stage')}</th>
                <th scope="col">{t('fosterReport.matches')}</th>
              </tr>
            </thead>
            <tbody>
              {r.matchesByStage.length ? (
                r.matchesByStage.map((s) => (
                  <tr key={s.stage}>
                    <th scope="row">{name('stage', s.stage)}</th>
                    <td>{s.cases}</td>
                  </tr>
                ))
              ) : (
                <tr>
                  <td colSpan={2}>{t('fosterReport.noMatches')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
