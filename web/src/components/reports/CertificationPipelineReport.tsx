/**
 * The certification pipeline for quality reviewers and the review lead: open cases by
 * stage, programs by level, and certificates that end within 90 days (renewals to chase).
 */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { ProblemAlert } from '../ProblemAlert';
import { useT } from '../../i18n/useT';
import { BarChart } from './BarChart';
import { useNames } from '../../i18n/names';

export function CertificationPipelineReport() {
  const t = useT();
  const name = useNames();
  const report = useQuery({
    queryKey: ['report-certification'],
    queryFn: () => ok(api.GET('/api/v1/certifications/reports/pipeline')),
  });
  const r = report.data;
  return (
    <section aria-labelledby="certification-heading" className="margin-top-4">
      <h2 id="certification-heading">{t('certReport.title')}</h2>
      <ProblemAlert error={report.error} />
      {r ? (
        <>
          {r.openByStage.length ? (
            <BarChart
              title={t('certReport.chart')}
              rows={r.openByStage.map((s) => ({ ...s, label: name('stage', s.stage) }))}
              label={(s) => s.label}
              series={[{ key: 'cases', label: t('certReport.casesSeries'), colour: '#005ea2' }]}
            />
          ) : (
            <p>{t('certReport.noCases')}</p>
          )}
          <table className="usa-table usa-table--borderless">
            <caption>{t('certReport.byLevel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('certReport.level')}</th>
                <th scope="col">{t('certReport.programs')}</th>
              </tr>
            </thead>
            <tbody>
              {r.programsByLevel.map((l) => (
                <tr key={l.level}>
                  <th scope="row">{t(`level.${l.level}`)}</th>
                  <td>{l.programs}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="usa-table usa-table--borderless">
            <caption>{t('certReport.ending', { days: 90 })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('certReport.program')}</th>
                <th scope="col">{t('certReport.level')}</th>
                <th scope="col">{t('certReport.until')}</th>
              </tr>
            </thead>
            <tbody>
              {r.endingSoon.length ? (
                r.endingSoon.map((p) => (
                  <tr key={p.programId}>
                    <th scope="row">{p.name}</th>
                    <td>{t(`level.${p.level}`)}</td>
                    <td>{p.certifiedUntil}</td>
                  </tr>
                ))
              ) : (
                <tr>
                  <td colSpan={3}>{t('certReport.none')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
