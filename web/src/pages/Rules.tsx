/**
 * The rules for administrators (docs/administration.md, "Rules"): the newest version of the
 * policy as a form generated from its schema (the `Policy` component of /openapi.json), the
 * difference against the current version before saving, a reason required, each field's
 * problem shown at the field when the API refuses, and every version with who saved it,
 * when and why (and what changed in it).
 */
import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, problemOf } from '../api/client';
import type { components } from '../api/generated/schema';
import { dateTime } from '../components/format';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { SchemaField, type Errors, type Schema } from '../components/SchemaForm';
import { useNames } from '../i18n/names';
import { useT } from '../i18n/useT';

type Change = components['schemas']['PolicyChange'];

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** What changed, path by path (objects key by key, lists and values whole), as the API's diff does. */
function diff(before: unknown, after: unknown, at: string[] = []): Change[] {
  if (isObj(before) && isObj(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diff(before[k], after[k], [...at, k]));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: at.join('.'), before, after }];
}

const shown = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

function ChangesTable({ changes, caption }: { changes: Change[]; caption: string }) {
  const t = useT();
  const name = useNames();
  if (!changes.length) return <p>{t('rules.noChange')}</p>;
  return (
    <table className="usa-table usa-table--borderless usa-table--stacked width-full">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('rules.rule')}</th>
          <th scope="col">{t('rules.before')}</th>
          <th scope="col">{t('rules.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.path}>
            <th scope="row" data-label={t('rules.rule')}>
              {c.path
                .split('.')
                .map((k) => name('rule', k))
                .join(' › ')}{' '}
              <code className="font-mono-3xs">{c.path}</code>
            </th>
            <td data-label={t('rules.before')}>
              <code>{shown(c.before)}</code>
            </td>
            <td data-label={t('rules.after')}>
              <code>{shown(c.after)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The API's problems keyed by the policy's own paths (`body.policy.a.b` → `a.b`), and the reason's. */
function errorsOf(error: unknown): { fields: Errors; reason?: string } {
  const fields: Errors = {};
  let reason: string | undefined;
  for (const e of problemOf(error)?.errors ?? []) {
    if (e.path === 'body.reason') reason = e.message;
    else if (e.path.startsWith('body.policy.')) fields[e.path.slice('body.policy.'.length)] ??= e.message;
  }
  return { fields, reason };
}

export function Rules() {
  const t = useT();
  const name = useNames();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ['policy'], queryFn: () => ok(api.GET('/api/v1/policy')) });
  const schema = useQuery({
    queryKey: ['openapi-components'],
    queryFn: async () =>
      ((await (await fetch('/openapi.json')).json()) as { components: { schemas: Record<string, Schema> } }).components
        .schemas,
    staleTime: Infinity,
  });
  const versions = useQuery({
    queryKey: ['policy-versions'],
    queryFn: () => ok(api.GET('/api/v1/policy/versions', { params: { query: { limit: 50 } } })),
  });
  const [draft, setDraft] = useState<Record<string, unknown>>();
  const [reviewing, setReviewing] = useState(false);
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState('');
  const [opened, setOpened] = useState<number>();
  useEffect(() => {
    if (current.data && !draft) setDraft(structuredClone(current.data.policy) as Record<string, unknown>);
  }, [current.data, draft]);
  const save = useMutation({
    mutationFn: () =>
      ok(
        api.PUT('/api/v1/policy', {
          body: { policy: draft as never, reason, baseVersion: current.data!.version },
        }),
      ),
    onSuccess: (v) => {
      setNotice(t('rules.saved', { version: String(v.version) }));
      setReviewing(false);
      setReason('');
      setDraft(undefined);
      void queryClient.invalidateQueries({ queryKey: ['policy'] });
      void queryClient.invalidateQueries({ queryKey: ['policy-versions'] });
    },
  });
  const changes = useMemo(() => (current.data && draft ? diff(current.data.policy, draft) : []), [current.data, draft]);
  const versionChanges = useQuery({
    queryKey: ['policy-diff', opened],
    enabled: opened !== undefined && opened > 1,
    queryFn: () => ok(api.GET('/api/v1/policy/diff', { params: { query: { from: opened! - 1, to: opened! } } })),
  });
  const { fields, reason: reasonError } = errorsOf(save.error);
  const components = schema.data;
  const resolve = (s: Schema): Schema =>
    s.$ref && components ? resolve(components[s.$ref.split('/').pop()!] ?? {}) : s;
  const root = components?.Policy;

  return (
    <Page title={t('rules.title')} lead={t('rules.lead')}>
      <div role="status">
        {notice ? (
          <div className="usa-alert usa-alert--success usa-alert--slim margin-y-2">
            <div className="usa-alert__body">
              <p className="usa-alert__text">{notice}</p>
            </div>
          </div>
        ) : null}
      </div>
      <ProblemAlert error={current.error ?? schema.error} />
      {current.data ? (
        <p>
          {t('rules.current', {
            version: String(current.data.version),
            at: dateTime(current.data.createdAt),
            by: current.data.createdBy.name ?? current.data.createdBy.id,
            reason: current.data.reason,
          })}
        </p>
      ) : null}
      {root && draft ? (
        <form
          className="usa-form usa-form--large mf-rules"
          aria-label={t('rules.form')}
          // The API checks the rules (the one schema); its message for each field shows at the field.
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (reviewing) save.mutate();
            else setReviewing(true);
          }}
        >
          {Object.entries(root.properties ?? {}).map(([k, s]) => (
            <details key={k} className="margin-y-1" open={Object.keys(fields).some((p) => p.split('.')[0] === k)}>
              <summary className="text-bold">{name('rule', k)}</summary>
              <SchemaField
                path={[k]}
                label={name('rule', k)}
                schema={s}
                value={draft[k]}
                errors={fields}
                resolve={resolve}
                onChange={(v) => {
                  setDraft({ ...draft, [k]: v });
                  setReviewing(false);
                  setNotice('');
                  // The API's messages were about the rules as they were sent.
                  save.reset();
                }}
              />
            </details>
          ))}
          {reviewing ? (
            <section aria-labelledby="review-heading">
              <h2 id="review-heading">{t('rules.against', { version: String(current.data?.version ?? '') })}</h2>
              <ChangesTable changes={changes} caption={t('rules.newChanges')} />
              <div className={`usa-form-group${reasonError ? ' usa-form-group--error' : ''}`}>
                <label className="usa-label" htmlFor="rules-reason">
                  {t('rules.reason')}
                </label>
                {reasonError ? (
                  <span className="usa-error-message" id="rules-reason-error">
                    {reasonError}
                  </span>
                ) : null}
                <textarea
                  className="usa-textarea"
                  id="rules-reason"
                  required
                  rows={2}
                  aria-describedby={reasonError ? 'rules-reason-error' : undefined}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              </div>
              <ProblemAlert error={save.error} heading={t('rules.refused')} />
              <button type="submit" className="usa-button margin-top-2" disabled={save.isPending || !changes.length}>
                {t('rules.saveAs', { version: String((current.data?.version ?? 0) + 1) })}
              </button>
              <button
                type="button"
                className="usa-button usa-button--outline margin-top-2"
                onClick={() => setReviewing(false)}
              >
                {t('rules.back')}
              </button>
            </section>
          ) : (
            <button type="submit" className="usa-button margin-top-2">
              {t('rules.review')}
            </button>
          )}
        </form>
      ) : null}
      <h2>{t('rules.versions')}</h2>
      <ProblemAlert error={versions.error} />
      <table className="usa-table usa-table--borderless usa-table--stacked width-full">
        <caption className="usa-sr-only">{t('rules.versionsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('rules.version')}</th>
            <th scope="col">{t('rules.savedAt')}</th>
            <th scope="col">{t('rules.by')}</th>
            <th scope="col">{t('rules.why')}</th>
            <th scope="col">
              <span className="usa-sr-only">{t('rules.changes')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(versions.data?.items ?? []).map((v) => (
            <tr key={v.version}>
              <th scope="row" data-label={t('rules.version')}>
                {v.version}
              </th>
              <td data-label={t('rules.savedAt')}>{dateTime(v.createdAt)}</td>
              <td data-label={t('rules.by')}>{v.createdBy.name ?? v.createdBy.id}</td>
              <td data-label={t('rules.why')}>{v.reason}</td>
              <td data-label={t('rules.changes')}>
                {v.version > 1 ? (
                  <button
                    type="button"
                    className="usa-button usa-button--unstyled"
                    onClick={() => setOpened(opened === v.version ? undefined : v.version)}
                  >
                    {t('rules.whatChanged', { version: String(v.version) })}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {opened && versionChanges.data ? (
        <ChangesTable
          changes={versionChanges.data.changes}
          caption={t('rules.whatChanged', { version: String(opened) })}
        />
      ) : null}
    </Page>
  );
}
