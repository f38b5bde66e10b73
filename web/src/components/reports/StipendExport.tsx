/**
 * The stipend export for a college's coordinators: the placements completed with a term
 * ending in the chosen range, as the CSV payment takes (mentor, mentee, term, hours
 * confirmed, stipend).
 */
import { useState } from 'react';
import { ProblemAlert } from '../ProblemAlert';
import { downloadCsv } from './download';
import { useT } from '../../i18n/useT';

export function StipendExport() {
  const t = useT();
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [error, setError] = useState<unknown>();
  return (
    <section aria-labelledby="stipends-heading" className="margin-top-4">
      <h2 id="stipends-heading">{t('stipends.title')}</h2>
      <p>{t('stipends.lead')}</p>
      <form
        className="usa-form mf-filters"
        aria-label={t('stipends.form')}
        onSubmit={(e) => {
          e.preventDefault();
          downloadCsv('/api/v1/ece/placements/export', { query: { from, to } }, `stipends-${from}-${to}.csv`).catch(
            setError,
          );
        }}
      >
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="stipends-from">
            {t('stipends.from')}
          </label>
          <input
            className="usa-input"
            id="stipends-from"
            type="date"
            required
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="stipends-to">
            {t('stipends.to')}
          </label>
          <input
            className="usa-input"
            id="stipends-to"
            type="date"
            required
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
        <button type="submit" className="usa-button usa-button--outline margin-top-2">
          {t('stipends.download')}
        </button>
      </form>
      <ProblemAlert error={error} />
    </section>
  );
}
