/**
 * Mentoring leave used by department in a year (HR officers): approved leave against
 * verified personal hours as a chart and a table, and the CSV payroll and budget ask for.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { ProblemAlert } from '../ProblemAlert';
import { useT } from '../../i18n/useT';
import { BarChart } from './BarChart';
import { downloadCsv } from './download';

export function LeaveUsageReport({ year, setYear }: { year: number; setYear: (y: string) => void }) {
  const t = useT();
  const usage = useQuery({
    queryKey: ['usage', year],
    queryFn: () => ok(api.GET('/api/v1/mentoring-leave/reports/usage', { params: { query: { year } } })),
  });
  const csv = useMutation({
    mutationFn: () =>
      downloadCsv('/api/v1/mentoring-leave/reports/usage', { query: { year } }, `mentoring-leave-usage-${year}.csv`),
  });
  const rows = usage.data?.items ?? [];
  return (
    <section aria-labelledby="usage-heading" className="margin-top-4">
      <h2 id="usage-heading">{t('usageReport.title')}</h2>
      <p>{t('usageReport.lead')}</p>
      <form
        className="usa-form mf-filters"
        aria-label={t('usageReport.chooseYear')}
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="report-year">
            {t('usageReport.year')}
          </label>
          <input
            className="usa-input usa-input--small"
            id="report-year"
            type="number"
            min="2000"
            max="2100"
            value={year}
            onChange={(e) => setYear(e.target.value)}
          />
        </div>
        <button
          type="button"
          className="usa-button usa-button--outline margin-top-3"
          onClick={() => csv.mutate()}
          disabled={csv.isPending}
        >
          {t('usageReport.download')}
        </button>
      </form>
      <ProblemAlert error={usage.error ?? csv.error} />
      {usage.data && !rows.length ? <p>{t('usageReport.none', { year: String(year) })}</p> : null}
      {rows.length ? (
        <>
          <BarChart
            title={t('usageReport.chart', { year: String(year) })}
            rows={rows}
            label={(r) => r.department}
            unit=" h"
            series={[
              { key: 'approvedLeaveHours', label: t('usageReport.approved'), colour: '#00a91c' },
              { key: 'verifiedPersonalHours', label: t('usageReport.verified'), colour: '#005ea2' },
            ]}
          />
          <table className="usa-table usa-table--borderless">
            <caption>{t('usageReport.caption', { year: String(year) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('usageReport.department')}</th>
                <th scope="col">{t('usageReport.employees')}</th>
                <th scope="col">{t('usageReport.approvedHours')}</th>
                <th scope="col">{t('usageReport.verifiedHours')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.department}>
                  <th scope="row">{r.department}</th>
                  <td>{r.employees}</td>
                  <td>{r.approvedLeaveHours}</td>
                  <td>{r.verifiedPersonalHours}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
