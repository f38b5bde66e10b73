/**
 * What the online referral brought, for the partnership's coordinators: per campaign or per
 * county, volunteers, referred, contacted, enrolled and the median days to first contact,
 * over a date range; the same table as CSV.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { ProblemAlert } from '../ProblemAlert';
import { downloadCsv } from './download';
import { useT } from '../../i18n/useT';

export function ReferralReport() {
  const t = useT();
  const [groupBy, setGroupBy] = useState<'campaign' | 'county'>('campaign');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const query = { groupBy, ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const report = useQuery({
    queryKey: ['report-referrals', query],
    queryFn: () => ok(api.GET('/api/v1/referrals/reports', { params: { query } })),
  });
  const [csvError, setCsvError] = useState<unknown>();
  return (
    <section aria-labelledby="referrals-report-heading" className="margin-top-4">
      <h2 id="referrals-report-heading">{t('referralReport.title')}</h2>
      <form className="usa-form mf-filters" aria-label={t('referralReport.form')} onSubmit={(e) => e.preventDefault()}>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="referrals-group">
            {t('referralReport.per')}
          </label>
          <select
            className="usa-select"
            id="referrals-group"
            value={groupBy}
            onChange={(e) => setGroupBy(e.target.value as typeof groupBy)}
          >
            <option value="campaign">{t('referralReport.campaign')}</option>
            <option value="county">{t('referralReport.county')}</option>
          </select>
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="referrals-from">
            {t('referralReport.from')}
          </label>
          <input
            className="usa-input"
            id="referrals-from"
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="referrals-to">
            {t('referralReport.to')}
          </label>
          <input
            className="usa-input"
            id="referrals-to"
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
      </form>
      <ProblemAlert error={report.error ?? csvError} />
      <table className="usa-table usa-table--borderless">
        <caption>{t(groupBy === 'campaign' ? 'referralReport.perCampaign' : 'referralReport.perCounty')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(groupBy === 'campaign' ? 'referralReport.campaign' : 'referralReport.county')}</th>
            <th scope="col">{t('referralReport.volunteers')}</th>
            <th scope="col">{t('referralReport.referred')}</th>
            <th scope="col">{t('referralReport.contacted')}</th>
            <th scope="col">{t('referralReport.enrolled')}</th>
            <th scope="col">{t('referralReport.median')}</th>
          </tr>
        </thead>
        <tbody>
          {report.data?.items.length ? (
            report.data.items.map((i) => (
              <tr key={i.key}>
                <th scope="row">{i.key}</th>
                <td>{i.volunteers}</td>
                <td>{i.referred}</td>
                <td>{i.contacted}</td>
                <td>{i.enrolled}</td>
                <td>{i.medianDaysToContact ?? '—'}</td>
              </tr>
            ))
          ) : (
            <tr>
              <td colSpan={6}>{report.data ? t('referralReport.none') : t('referralReport.loading')}</td>
            </tr>
          )}
        </tbody>
      </table>
      <button
        type="button"
        className="usa-button usa-button--outline"
        onClick={() =>
          downloadCsv('/api/v1/referrals/reports', { query }, `referrals-by-${groupBy}.csv`).catch(setCsvError)
        }
      >
        {t('referralReport.download')}
      </button>
    </section>
  );
}
