/**
 * The audit log for administrators (docs/administration.md, "Audit"): every administrative
 * change between two dates, of one kind or all, with who made it and what changed; and the
 * same selection as a CSV file (fetched with the session's token, saved by the browser).
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import type { paths } from '../api/generated/schema';
import { dateTime } from '../components/format';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useUrlParams } from '../components/useUrlParams';
import { currentToken } from '../session';
import { useT } from '../i18n/useT';

/** Every kind the API records: the generated types make a kind added to the API fail this build until listed here. */
type AuditKind = NonNullable<NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>['kind']>;
const KIND_SET: Record<AuditKind, true> = {
  person_created: true,
  person_updated: true,
  person_deactivated: true,
  person_reactivated: true,
  person_deleted: true,
  people_imported: true,
  absence_set: true,
  absence_ended: true,
  tasks_handed_over: true,
  template_changed: true,
  template_reset: true,
  question_bank_published: true,
  survey_instrument_published: true,
  policy_changed: true,
  program_level_set: true,
  program_referral_settings_changed: true,
  incident_retried: true,
  doctor_repaired: true,
};
const KINDS = Object.keys(KIND_SET) as AuditKind[];

/** What changed between before and after, field by field. */
function changes(before: unknown, after: unknown): string {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const differ = keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
  return differ
    .map((k) => `${k}: ${b[k] === undefined ? '' : `${JSON.stringify(b[k])} → `}${JSON.stringify(a[k])}`)
    .join('; ');
}

export function Audit() {
  const t = useT();
  const [params, set] = useUrlParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const kind = params.get('kind') ?? '';
  const [exportError, setExportError] = useState<unknown>(null);
  const query: Record<string, string> = {
    ...(from ? { from: `${from}T00:00:00Z` } : {}),
    ...(to ? { to: `${to}T23:59:59.999Z` } : {}),
    ...(kind ? { kind } : {}),
  };
  const list = useQuery({
    queryKey: ['audit', from, to, kind],
    // The latest changes first: what an administrator opening the log looks for.
    queryFn: () =>
      ok(api.GET('/api/v1/audit', { params: { query: { ...query, order: 'newest', limit: 200 } as never } })),
  });
  const download = async () => {
    setExportError(null);
    const res = await fetch(`/api/v1/audit?${new URLSearchParams(query)}`, {
      headers: { accept: 'text/csv', authorization: `Bearer ${currentToken() ?? ''}` },
    });
    if (!res.ok) return setExportError(Object.assign(new Error(res.statusText), { problem: await res.json() }));
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = 'audit.csv';
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Page title={t('audit.title')} lead={t('audit.lead')}>
      <form className="usa-form mf-filters" aria-label={t('audit.which')} onSubmit={(e) => e.preventDefault()}>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="audit-from">
            {t('audit.from')}
          </label>
          <input
            className="usa-input"
            id="audit-from"
            type="date"
            value={from}
            onChange={(e) => set('from', e.target.value)}
          />
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="audit-to">
            {t('audit.to')}
          </label>
          <input
            className="usa-input"
            id="audit-to"
            type="date"
            value={to}
            onChange={(e) => set('to', e.target.value)}
          />
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="audit-kind">
            {t('audit.kind')}
          </label>
          <select className="usa-select" id="audit-kind" value={kind} onChange={(e) => set('kind', e.target.value)}>
            <option value="">{t('audit.everyKind')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`audit.kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <button type="button" className="usa-button usa-button--outline margin-y-2" onClick={() => void download()}>
        {t('audit.download')}
      </button>
      <ProblemAlert error={list.error ?? exportError} />
      <table className="usa-table usa-table--borderless usa-table--stacked width-full">
        <caption className="usa-sr-only">{t('audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.when')}</th>
            <th scope="col">{t('audit.who')}</th>
            <th scope="col">{t('audit.what')}</th>
            <th scope="col">{t('audit.changes')}</th>
            <th scope="col">{t('audit.why')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((e) => (
            <tr key={e.id}>
              <td data-label={t('audit.when')}>{dateTime(e.at)}</td>
              <td data-label={t('audit.who')}>{e.actor.name ?? e.actor.id}</td>
              <th scope="row" data-label={t('audit.what')}>
                {t(`audit.kind.${e.kind}`)}: {e.target}
              </th>
              <td data-label={t('audit.changes')}>{changes(e.before, e.after)}</td>
              <td data-label={t('audit.why')}>{e.reason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data && !list.data.items.length ? <p>{t('audit.none')}</p> : null}
    </Page>
  );
}
