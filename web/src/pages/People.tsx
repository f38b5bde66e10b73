/**
 * The people directory for administrators (docs/administration.md): search by name, e-mail
 * or id and by role; add a person; change someone's roles, supervisor, language or whether
 * they are active. The search and the person being changed are kept in the URL.
 * Deactivating someone says how many of their tasks went back to their candidates; each
 * person's out-of-office page is one link away.
 */
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok } from '../api/client';
import type { components } from '../api/generated/schema';
import { Page } from '../components/Page';
import { cleanRoles, PersonForm, ROLE_NAMES, type PersonDraft } from '../components/PersonForm';
import { ProblemAlert } from '../components/ProblemAlert';
import { useUrlParams } from '../components/useUrlParams';
import { useT } from '../i18n/useT';

type Person = components['schemas']['Person'];

const rolesText = (p: Person, t: ReturnType<typeof useT>) =>
  p.roles
    .map((r) => [t(`role.${r.role}`), r.department ?? r.programId ?? r.collegeId].filter(Boolean).join(', '))
    .join('; ') || t('people.noRole');

const draftOf = (p?: Person): PersonDraft => ({
  id: p?.id ?? '',
  name: p?.name ?? '',
  email: p?.email ?? '',
  language: p?.language ?? 'en',
  roles: (p?.roles ?? [{ role: 'employee' }]) as PersonDraft['roles'],
  supervisorId: p?.supervisorId ?? '',
  active: p?.active ?? true,
  reason: '',
});

export function People() {
  const t = useT();
  const [params, set] = useUrlParams();
  const q = params.get('q') ?? '';
  const role = params.get('role') ?? '';
  const editing = params.get('edit') ?? '';
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState('');
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['people', q, role],
    queryFn: () =>
      ok(
        api.GET('/api/v1/people', {
          params: { query: { ...(q ? { q } : {}), ...(role ? { role: role as never } : {}), limit: 200 } },
        }),
      ),
  });
  const chosen = list.data?.items.find((p) => p.id === editing);
  const done = (text: string) => {
    setNotice(text);
    void queryClient.invalidateQueries({ queryKey: ['people'] });
  };
  const add = useMutation({
    mutationFn: (d: PersonDraft) =>
      ok(
        api.POST('/api/v1/people', {
          body: {
            id: d.id,
            name: d.name,
            email: d.email,
            language: d.language,
            roles: cleanRoles(d.roles),
            active: d.active,
            ...(d.supervisorId ? { supervisorId: d.supervisorId } : {}),
          },
        }),
      ),
    onSuccess: (p) => {
      setAdding(false);
      done(t('people.added', { name: p.name ?? p.id }));
    },
  });
  const change = useMutation({
    mutationFn: (d: PersonDraft) =>
      ok(
        api.PATCH('/api/v1/people/{personId}', {
          params: { path: { personId: editing } },
          body: {
            name: d.name,
            email: d.email,
            language: d.language,
            roles: cleanRoles(d.roles),
            supervisorId: d.supervisorId || null,
            active: d.active,
            ...(d.reason ? { reason: d.reason } : {}),
          },
        }),
      ),
    onSuccess: (p) => {
      set('edit', '');
      const back = p.workReturned;
      const name = p.name ?? p.id;
      done(
        back
          ? t(back.toReassign ? 'people.deactivatedToReassign' : 'people.deactivated', {
              name,
              released: back.released,
              toReassign: back.toReassign,
            })
          : t('people.saved', { name }),
      );
    },
  });
  return (
    <Page title={t('people.title')} lead={t('people.lead')}>
      <div role="status">
        {notice ? (
          <div className="usa-alert usa-alert--success usa-alert--slim margin-y-2">
            <div className="usa-alert__body">
              <p className="usa-alert__text">{notice}</p>
            </div>
          </div>
        ) : null}
      </div>
      <form className="usa-form mf-filters" aria-label={t('people.search')} onSubmit={(e) => e.preventDefault()}>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="people-q">
            {t('people.q')}
          </label>
          <input className="usa-input" id="people-q" value={q} onChange={(e) => set('q', e.target.value)} />
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="people-role">
            {t('people.role')}
          </label>
          <select className="usa-select" id="people-role" value={role} onChange={(e) => set('role', e.target.value)}>
            <option value="">{t('people.anyRole')}</option>
            {ROLE_NAMES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {adding ? (
        <section aria-labelledby="add-heading">
          <h2 id="add-heading">{t('people.add')}</h2>
          <PersonForm
            initial={draftOf()}
            isNew
            pending={add.isPending}
            error={add.error}
            onSubmit={(d) => add.mutate(d)}
            submitLabel={t('people.addSubmit')}
          />
        </section>
      ) : (
        <button type="button" className="usa-button margin-y-2" onClick={() => setAdding(true)}>
          {t('people.add')}
        </button>
      )}
      {chosen ? (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">{t('people.changeWho', { name: chosen.name ?? chosen.id })}</h2>
          <PersonForm
            key={chosen.id}
            initial={draftOf(chosen)}
            isNew={false}
            pending={change.isPending}
            error={change.error}
            onSubmit={(d) => change.mutate(d)}
            submitLabel={t('people.saveChanges')}
          />
        </section>
      ) : null}
      <ProblemAlert error={list.error} />
      <table className="usa-table usa-table--borderless usa-table--stacked width-full">
        <caption className="usa-sr-only">{t('people.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('people.name')}</th>
            <th scope="col">{t('people.roles')}</th>
            <th scope="col">{t('people.email')}</th>
            <th scope="col">{t('people.status')}</th>
            <th scope="col">
              <span className="usa-sr-only">{t('people.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.items ?? []).map((p) => (
            <tr key={p.id}>
              <th scope="row" data-label={t('people.name')}>
                {p.name ?? p.id}
                <div className="text-base font-sans-3xs">{p.id}</div>
              </th>
              <td data-label={t('people.roles')}>{rolesText(p, t)}</td>
              <td data-label={t('people.email')}>{p.email ?? '—'}</td>
              <td data-label={t('people.status')}>
                {p.active ? t('people.active') : t('people.inactive')}
                {p.inDirectory ? '' : ` ${t('people.notInDirectory')}`}
              </td>
              <td data-label={t('people.actions')}>
                <button
                  type="button"
                  className="usa-button usa-button--unstyled"
                  onClick={() => set('edit', p.id)}
                  aria-label={t('people.changeWho', { name: p.name ?? p.id })}
                >
                  {t('people.change')}
                </button>{' '}
                <Link
                  className="usa-link margin-left-1"
                  to={`/people/${encodeURIComponent(p.id)}/out-of-office`}
                  aria-label={t('away.titleFor', { name: p.name ?? p.id })}
                >
                  {t('away.title')}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data && !list.data.items.length ? <p>{t('people.none')}</p> : null}
    </Page>
  );
}
