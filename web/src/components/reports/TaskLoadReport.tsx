/**
 * Open tasks by type for the supervising roles: how many wait, how many are past due,
 * how many have escalated — where to send help first. CSV for the weekly meeting.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { dateTime } from '../format';
import { ProblemAlert } from '../ProblemAlert';
import { useT } from '../../i18n/useT';
import { BarChart } from './BarChart';
import { downloadCsv } from './download';
import { useNames } from '../../i18n/names';

export function TaskLoadReport() {
  const t = useT();
  const name = useNames();
  const report = useQuery({ queryKey: ['report-tasks'], queryFn: () => ok(api.GET('/api/v1/reports/tasks')) });
  const csv = useMutation({ mutationFn: () => downloadCsv('/api/v1/reports/tasks', {}, 'open-tasks-by-type.csv') });
  const rows = (report.data?.items ?? []).map((r) => ({ ...r, label: name('type', r.type) }));
  return (
    <section aria-labelledby="tasks-heading" className="margin-top-4">
      <h2 id="tasks-heading">{t('taskReport.title')}</h2>
      <p>{t('taskReport.lead')}</p>
      <button
        type="button"
        className="usa-button usa-button--outline"
        onClick={() => csv.mutate()}
        disabled={csv.isPending}
      >
        {t('taskReport.download')}
      </button>
      <ProblemAlert error={report.error ?? csv.error} />
      {report.data && !rows.length ? <p>{t('taskReport.none')}</p> : null}
      {rows.length ? (
        <>
          <BarChart
            title={t('taskReport.chart')}
            rows={rows}
            label={(r) => r.label}
            series={[
              { key: 'open', label: t('taskReport.openSeries'), colour: '#005ea2' },
              { key: 'overdue', label: t('taskReport.overdueSeries'), colour: '#b50909' },
              { key: 'escalated', label: t('taskReport.escalatedSeries'), colour: '#e5a000' },
            ]}
          />
          <table className="usa-table usa-table--borderless">
            <caption>{t('taskReport.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('taskReport.task')}</th>
                <th scope="col">{t('taskReport.open')}</th>
                <th scope="col">{t('taskReport.overdue')}</th>
                <th scope="col">{t('taskReport.escalated')}</th>
                <th scope="col">{t('taskReport.oldest')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.type}>
                  <th scope="row">{r.label}</th>
                  <td>{r.open}</td>
                  <td>{r.overdue}</td>
                  <td>{r.escalated}</td>
                  <td>{r.oldestDueAt ? dateTime(r.oldestDueAt) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
