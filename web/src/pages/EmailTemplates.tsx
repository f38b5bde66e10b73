/**
 * E-mail templates for administrators (docs/emails.md, "Editing the words in the web app"):
 * every message the product sends, its languages and whether its words were changed; the
 * chosen one (kept in the URL with its language) opens in the editor.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { LANGUAGE_NAMES, TemplateEditor } from '../components/TemplateEditor';
import { useUrlParams } from '../components/useUrlParams';
import { useNames } from '../i18n/names';
import { useT } from '../i18n/useT';

export function EmailTemplates() {
  const tr = useT();
  const name = useNames();
  const [params, set] = useUrlParams();
  const chosen = params.get('id') ?? '';
  const language = (params.get('language') ?? 'en') as 'en' | 'es';
  const [notice, setNotice] = useState('');
  const list = useQuery({ queryKey: ['templates'], queryFn: () => ok(api.GET('/api/v1/templates')) });
  const detail = useQuery({
    queryKey: ['templates', chosen, language],
    enabled: !!chosen,
    queryFn: () => ok(api.GET('/api/v1/templates/{id}/{language}', { params: { path: { id: chosen, language } } })),
  });
  const open = (id: string) => {
    setNotice('');
    set('id', id);
  };
  return (
    <Page title={tr('templates.title')} lead={tr('templates.lead')}>
      <div role="status">
        {notice ? (
          <div className="usa-alert usa-alert--success usa-alert--slim margin-y-2">
            <div className="usa-alert__body">
              <p className="usa-alert__text">{notice}</p>
            </div>
          </div>
        ) : null}
      </div>
      {chosen ? (
        <section aria-labelledby="template-heading">
          <h2 id="template-heading">{chosen}</h2>
          <div className="usa-form-group">
            <label className="usa-label" htmlFor="template-language">
              {tr('templates.language')}
            </label>
            <select
              className="usa-select"
              id="template-language"
              value={language}
              onChange={(e) => set('language', e.target.value)}
            >
              {Object.entries(LANGUAGE_NAMES).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <ProblemAlert error={detail.error} />
          {detail.data ? (
            <TemplateEditor
              key={`${detail.data.id}/${detail.data.language}/${detail.data.version ?? 0}`}
              template={detail.data}
              onSaved={setNotice}
            />
          ) : null}
          <button
            type="button"
            className="usa-button usa-button--unstyled display-block margin-top-4 margin-bottom-2"
            onClick={() => set('id', '')}
          >
            {tr('templates.back')}
          </button>
        </section>
      ) : null}
      <ProblemAlert error={list.error} />
      <table className="usa-table usa-table--borderless usa-table--stacked width-full">
        <caption className="usa-sr-only">{tr('templates.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{tr('templates.message')}</th>
            <th scope="col">{tr('templates.process')}</th>
            <th scope="col">{tr('templates.languages')}</th>
            <th scope="col">{tr('templates.changed')}</th>
            <th scope="col">{tr('templates.variables')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((t) => (
            <tr key={t.id}>
              <th scope="row" data-label={tr('templates.message')}>
                <button
                  type="button"
                  className="usa-button usa-button--unstyled mf-person"
                  onClick={() => open(t.id)}
                  aria-label={tr('templates.edit', { id: t.id })}
                >
                  {t.message}
                </button>
              </th>
              <td data-label={tr('templates.process')}>{name('process', t.process)}</td>
              <td data-label={tr('templates.languages')}>{t.languages.map((l) => LANGUAGE_NAMES[l]).join(', ')}</td>
              <td data-label={tr('templates.changed')}>
                {t.overridden ? t.overriddenLanguages.map((l) => LANGUAGE_NAMES[l]).join(', ') : tr('templates.no')}
              </td>
              <td data-label={tr('templates.variables')}>{t.variables.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
