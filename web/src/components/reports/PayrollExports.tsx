/**
 * Payroll export of approved mentoring leave (HR officers for their department; admins
 * name one): export a month, then download any export again as CSV. A request approved
 * after its month went out is in the next export, marked as a correction.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { ProblemAlert } from '../ProblemAlert';
import { downloadCsv } from './download';

const thisMonth = () => new Date().toISOString().slice(0, 7);

export function PayrollExports({ admin }: { admin: boolean }) {
  const [period, setPeriod] = useState(thisMonth());
  const [department, setDepartment] = useState('');
  const dept = admin ? department.trim() || undefined : undefined;
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['payroll-exports', dept],
    enabled: !admin || !!dept,
    queryFn: () => ok(api.GET('/api/v1/mentoring-leave/payroll-exports', { params: { query: { department: dept } } })),
  });
  const exportMonth = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/mentoring-leave/payroll-exports', {
          body: { period, ...(dept ? { department: dept } : {}) },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['payroll-exports'] }),
  });
  const csv = useMutation({
    mutationFn: (e: { id: string; department: string; period: string }) =>
      downloadCsv(
        '/api/v1/mentoring-leave/payroll-exports/{exportId}',
        { path: { exportId: e.id } },
        `payroll-${e.department}-${e.period}-${e.id.slice(0, 8)}.csv`,
      ),
  });
  const done = exportMonth.data;
  return (
    <section aria-labelledby="payroll-heading" className="margin-top-4">
      <h2 id="payroll-heading">Payroll export</h2>
      <p>
        Approved mentoring leave of a month, with both approvers, for payroll. Each request goes out once; one approved
        after its month was exported goes out in the next export as a correction.
      </p>
      <form
        className="usa-form mf-filters"
        aria-label="Export a month"
        onSubmit={(e) => {
          e.preventDefault();
          exportMonth.mutate();
        }}
      >
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="payroll-period">
            Month
          </label>
          <input
            className="usa-input usa-input--small"
            id="payroll-period"
            type="month"
            required
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
          />
        </div>
        {admin ? (
          <div className="usa-form-group">
            <label className="usa-label" htmlFor="payroll-department">
              Department
            </label>
            <input
              className="usa-input usa-input--small"
              id="payroll-department"
              required
              value={department}
              onChange={(e) => setDepartment(e.target.value)}
            />
          </div>
        ) : null}
        <button type="submit" className="usa-button margin-top-3" disabled={exportMonth.isPending}>
          Export
        </button>
      </form>
      <ProblemAlert error={exportMonth.error ?? list.error ?? csv.error} />
      {done ? (
        <p role="status">
          Exported {done.period} for {done.department}: {done.lines} {done.lines === 1 ? 'request' : 'requests'},{' '}
          {done.hours} h{done.corrections ? `, ${done.corrections} corrections` : ''}.
        </p>
      ) : null}
      {list.data?.items.length ? (
        <table className="usa-table usa-table--borderless">
          <caption>Exports of {list.data.items[0]?.department}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Exported</th>
              <th scope="col">Requests</th>
              <th scope="col">Hours</th>
              <th scope="col">Corrections</th>
              <th scope="col">
                <span className="usa-sr-only">Download</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((e) => (
              <tr key={e.id}>
                <th scope="row">{e.period}</th>
                <td>
                  {new Date(e.exportedAt).toLocaleString()} by {e.exportedBy}
                </td>
                <td>{e.lines}</td>
                <td>{e.hours}</td>
                <td>{e.corrections}</td>
                <td>
                  <button type="button" className="usa-button usa-button--unstyled" onClick={() => csv.mutate(e)}>
                    CSV
                    <span className="usa-sr-only">
                      {' '}
                      of the {e.period} export of {new Date(e.exportedAt).toLocaleString()}
                    </span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : list.data ? (
        <p>No exports yet.</p>
      ) : null}
    </section>
  );
}
