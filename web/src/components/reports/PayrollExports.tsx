/**
 * Payroll export of approved mentoring leave (HR officers for their department; admins
 * name one): export a month, then download any export again as CSV. A request approved
 * after its month went out is in the next export, marked as a correction.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedMessage } from 'react-intl';
import { api, ok } from '../../api/client';
import { dateTime } from '../format';
import { ProblemAlert } from '../ProblemAlert';
import { useT } from '../../i18n/useT';
import { downloadCsv } from './download';

const thisMonth = () => new Date().toISOString().slice(0, 7);

export function PayrollExports({ admin }: { admin: boolean }) {
  const t = useT();
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
      <h2 id="payroll-heading">{t('payroll.title')}</h2>
      <p>{t('payroll.lead')}</p>
      <form
        className="usa-form mf-filters"
        aria-label={t('payroll.form')}
        onSubmit={(e) => {
          e.preventDefault();
          exportMonth.mutate();
        }}
      >
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="payroll-period">
            {t('payroll.month')}
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
              {t('payroll.department')}
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
          {t('payroll.export')}
        </button>
      </form>
      <ProblemAlert error={exportMonth.error ?? list.error ?? csv.error} />
      {done ? (
        <p role="status">
          {t(done.corrections ? 'payroll.doneWithCorrections' : 'payroll.done', {
            period: done.period,
            department: done.department,
            lines: done.lines,
            hours: done.hours,
            corrections: done.corrections,
          })}
        </p>
      ) : null}
      {list.data?.items.length ? (
        <table className="usa-table usa-table--borderless">
          <caption>{t('payroll.caption', { department: list.data.items[0]?.department })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('payroll.month')}</th>
              <th scope="col">{t('payroll.exported')}</th>
              <th scope="col">{t('payroll.requests')}</th>
              <th scope="col">{t('payroll.hours')}</th>
              <th scope="col">{t('payroll.corrections')}</th>
              <th scope="col">
                <span className="usa-sr-only">{t('payroll.download')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((e) => (
              <tr key={e.id}>
                <th scope="row">{e.period}</th>
                <td>{t('payroll.exportedBy', { at: dateTime(e.exportedAt), by: e.exportedBy })}</td>
                <td>{e.lines}</td>
                <td>{e.hours}</td>
                <td>{e.corrections}</td>
                <td>
                  <button type="button" className="usa-button usa-button--unstyled" onClick={() => csv.mutate(e)}>
                    <FormattedMessage
                      id="payroll.csvOf"
                      values={{
                        period: e.period,
                        at: dateTime(e.exportedAt),
                        sr: (chunks) => <span className="usa-sr-only">{chunks}</span>,
                      }}
                    />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : list.data ? (
        <p>{t('payroll.none')}</p>
      ) : null}
    </section>
  );
}
