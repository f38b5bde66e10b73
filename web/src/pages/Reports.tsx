/**
 * Reports for HR officers: mentoring leave used by department in a year — a bar chart of
 * approved leave against verified personal hours, the same figures as a table, and the
 * CSV the payroll and budget people ask for.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { api, ok } from '../api/client';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';

export function Reports() {
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? new Date().getFullYear());
  const usage = useQuery({ queryKey: ['usage', year], queryFn: () => ok(api.GET('/api/v1/mentoring-leave/reports/usage', { params: { query: { year } } })) });
  const csv = useMutation({
    mutationFn: async () => {
      const { data, error } = await api.GET('/api/v1/mentoring-leave/reports/usage', { params: { query: { year } }, headers: { Accept: 'text/csv' }, parseAs: 'blob' });
      if (error || !data) throw Object.assign(new Error('The CSV could not be made'), { problem: error });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(data);
      a.download = `mentoring-leave-usage-${year}.csv`;
      a.click();
      URL.revokeObjectURL(a.href);
    },
  });
  const rows = usage.data?.items ?? [];
  const max = Math.max(1, ...rows.map((r) => Math.max(r.approvedLeaveHours, r.verifiedPersonalHours)));
  return (
    <Page title="Mentoring leave usage" lead="Approved leave and verified personal hours by department.">
      <form className="usa-form mf-filters" aria-label="Choose the year" onSubmit={(e) => e.preventDefault()}>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="report-year">Year</label>
          <input className="usa-input usa-input--small" id="report-year" type="number" min="2000" max="2100" value={year} onChange={(e) => setParams({ year: e.target.value }, { replace: true })} />
        </div>
        <button type="button" className="usa-button usa-button--outline margin-top-3" onClick={() => csv.mutate()} disabled={csv.isPending}>Download CSV</button>
      </form>
      <ProblemAlert error={usage.error ?? csv.error} />
      {usage.data && !rows.length ? <p>No enrollments in {year}.</p> : null}
      {rows.length ? (
        <>
          <svg className="mf-chart" role="img" aria-labelledby="chart-title" viewBox={`0 0 600 ${rows.length * 48 + 10}`} width="100%">
            <title id="chart-title">Approved leave and verified personal hours by department, {year}</title>
            {rows.map((r, i) => (
              <g key={r.department} transform={`translate(0 ${i * 48 + 5})`}>
                <text x="0" y="16" fontSize="14">{r.department}</text>
                <rect x="120" y="2" height="16" width={(r.approvedLeaveHours / max) * 440} fill="#00a91c" />
                <text x={126 + (r.approvedLeaveHours / max) * 440} y="15" fontSize="12">{r.approvedLeaveHours} h approved</text>
                <rect x="120" y="22" height="16" width={(r.verifiedPersonalHours / max) * 440} fill="#005ea2" />
                <text x={126 + (r.verifiedPersonalHours / max) * 440} y="35" fontSize="12">{r.verifiedPersonalHours} h verified</text>
              </g>
            ))}
          </svg>
          <table className="usa-table usa-table--borderless">
            <caption>Mentoring leave by department, {year}</caption>
            <thead><tr><th scope="col">Department</th><th scope="col">Employees</th><th scope="col">Approved leave (h)</th><th scope="col">Verified personal hours</th></tr></thead>
            <tbody>{rows.map((r) => <tr key={r.department}><th scope="row">{r.department}</th><td>{r.employees}</td><td>{r.approvedLeaveHours}</td><td>{r.verifiedPersonalHours}</td></tr>)}</tbody>
          </table>
        </>
      ) : null}
    </Page>
  );
}
