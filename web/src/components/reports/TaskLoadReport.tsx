/**
 * Open tasks by type for the supervising roles: how many wait, how many are past due,
 * how many have escalated — where to send help first. CSV for the weekly meeting.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { dateTime, humanize } from '../format';
import { ProblemAlert } from '../ProblemAlert';
import { BarChart } from './BarChart';
import { downloadCsv } from './download';

export function TaskLoadReport() {
  const report = useQuery({ queryKey: ['report-tasks'], queryFn: () => ok(api.GET('/api/v1/reports/tasks')) });
  const csv = useMutation({ mutationFn: () => downloadCsv('/api/v1/reports/tasks', {}, 'open-tasks-by-type.csv') });
  const rows = (report.data?.items ?? []).map((r) => ({ ...r, label: humanize(r.type) }));
  return (
    <section aria-labelledby="tasks-heading" className="margin-top-4">
      <h2 id="tasks-heading">Open tasks by type</h2>
      <p>Overdue and escalated tasks first.</p>
      <button
        type="button"
        className="usa-button usa-button--outline"
        onClick={() => csv.mutate()}
        disabled={csv.isPending}
      >
        Download tasks CSV
      </button>
      <ProblemAlert error={report.error ?? csv.error} />
      {report.data && !rows.length ? <p>No open tasks.</p> : null}
      {rows.length ? (
        <>
          <BarChart
            title="Open, overdue and escalated tasks by type"
            rows={rows}
            label={(r) => r.label}
            series={[
              { key: 'open', label: 'open', colour: '#005ea2' },
              { key: 'overdue', label: 'overdue', colour: '#b50909' },
              { key: 'escalated', label: 'escalated', colour: '#e5a000' },
            ]}
          />
          <table className="usa-table usa-table--borderless">
            <caption>Open tasks by type</caption>
            <thead>
              <tr>
                <th scope="col">Task</th>
                <th scope="col">Open</th>
                <th scope="col">Overdue</th>
                <th scope="col">Escalated</th>
                <th scope="col">Oldest due</th>
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
