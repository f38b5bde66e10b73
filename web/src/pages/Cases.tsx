/**
 * The Cases page, for staff who look for a case rather than wait for its task: words of the
 * subject, process, stage, status, who works it ("mine", or a person's id for supervising
 * roles) and lateness, all kept in the URL — Back and Forward step through earlier searches
 * and a shared link opens the same one. Each result opens the case page; pages follow the
 * API's cursor (Back returns to the page before).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { api, ok, type Case } from '../api/client';
import { CASE_TYPES } from '../api/generated/processes';
import { dateTime } from '../components/format';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { supervises } from '../roles';
import { useSession } from '../session';
import { useT } from '../i18n/useT';
import { useNames } from '../i18n/names';

type CaseType = Case['type'];
const PROCESSES = CASE_TYPES as readonly CaseType[];
/** The filters the URL keeps, under the API's own names. */
const FILTERS = ['q', 'type', 'stage', 'status', 'assigneeId', 'overdue'] as const;
type Filter = (typeof FILTERS)[number];

const overdue = (c: Case) => c.openTasks.some((t) => new Date(t.dueAt).getTime() < Date.now());

export function Cases() {
  const t = useT();
  const name = useNames();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const value = (k: Filter) => params.get(k) ?? '';
  const cursor = params.get('cursor') ?? '';
  const mayNameOthers = !!session && supervises(session.person.roles);
  // Each change is a step in the history (Back restores the search before), and starts at page one.
  const change = (changes: Partial<Record<Filter, string>>) => {
    const next = new URLSearchParams(params);
    next.delete('cursor');
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const [words, setWords] = useState(value('q'));
  // The box follows the URL when Back or a link changes it.
  useEffect(() => setWords(params.get('q') ?? ''), [params]);
  const assignee = value('assigneeId');
  const [other, setOther] = useState(assignee && assignee !== 'me' ? assignee : '');
  // "Another person…" chosen: their id is asked for before the URL changes.
  const [naming, setNaming] = useState(!!assignee && assignee !== 'me');
  useEffect(() => setNaming(!!assignee && assignee !== 'me'), [assignee]);
  const query = Object.fromEntries(FILTERS.filter((k) => value(k)).map((k) => [k, value(k)]));
  const list = useQuery({
    queryKey: ['cases', query, cursor],
    queryFn: () =>
      ok(
        api.GET('/api/v1/cases', {
          params: { query: { ...query, ...(cursor ? { cursor } : {}), limit: 25 } as never },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  const filtered = FILTERS.some((k) => value(k));
  const stagesSeen = [...new Set(items.map((c) => c.stage))].sort();
  const search = (e: FormEvent) => {
    e.preventDefault();
    change({ q: words.trim() });
  };
  return (
    <Page title={t('cases.title')} lead={t('cases.lead')}>
      <form className="usa-search usa-search--small margin-bottom-2" role="search" onSubmit={search}>
        <label className="usa-sr-only" htmlFor="cases-q">
          {t('cases.searchLabel')}
        </label>
        <input
          className="usa-input"
          id="cases-q"
          type="search"
          name="q"
          value={words}
          onChange={(e) => setWords(e.target.value)}
        />
        <button className="usa-button" type="submit">
          <span className="usa-search__submit-text">{t('cases.search')}</span>
        </button>
      </form>
      <form className="usa-form mf-filters" aria-label={t('cases.filter')} onSubmit={(e) => e.preventDefault()}>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="cases-type">
            {t('inbox.process')}
          </label>
          <select
            className="usa-select"
            id="cases-type"
            value={value('type')}
            onChange={(e) => change({ type: e.target.value, stage: '' })}
          >
            <option value="">{t('inbox.allProcesses')}</option>
            {PROCESSES.map((p) => (
              <option key={p} value={p}>
                {name('caseType', p)}
              </option>
            ))}
          </select>
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="cases-stage">
            {t('cases.stage')}
          </label>
          <input
            className="usa-input"
            id="cases-stage"
            list="cases-stages"
            defaultValue={value('stage')}
            key={value('stage')}
            onBlur={(e) => e.target.value.trim() !== value('stage') && change({ stage: e.target.value.trim() })}
            onKeyDown={(e) => e.key === 'Enter' && change({ stage: e.currentTarget.value.trim() })}
          />
          <datalist id="cases-stages">
            {stagesSeen.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="cases-status">
            {t('inbox.status')}
          </label>
          <select
            className="usa-select"
            id="cases-status"
            value={value('status')}
            onChange={(e) => change({ status: e.target.value })}
          >
            <option value="">{t('cases.openOrClosed')}</option>
            <option value="open">{t('cases.open')}</option>
            <option value="closed">{t('cases.closed')}</option>
          </select>
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="cases-assignee">
            {t('cases.workedBy')}
          </label>
          <select
            className="usa-select"
            id="cases-assignee"
            value={naming ? 'other' : assignee}
            onChange={(e) => {
              setNaming(e.target.value === 'other');
              if (e.target.value !== 'other') return change({ assigneeId: e.target.value });
              if (other.trim()) change({ assigneeId: other.trim() });
            }}
          >
            <option value="">{t('cases.anyone')}</option>
            <option value="me">{t('cases.me')}</option>
            {mayNameOthers ? <option value="other">{t('cases.other')}</option> : null}
          </select>
        </div>
        {mayNameOthers && naming ? (
          <div className="usa-form-group">
            <label className="usa-label" htmlFor="cases-person">
              {t('cases.personId')}
            </label>
            <input
              className="usa-input"
              id="cases-person"
              value={other}
              onChange={(e) => setOther(e.target.value)}
              onBlur={() => other.trim() && other.trim() !== assignee && change({ assigneeId: other.trim() })}
              onKeyDown={(e) => e.key === 'Enter' && other.trim() && change({ assigneeId: other.trim() })}
            />
          </div>
        ) : null}
        <div className="usa-form-group">
          <div className="usa-checkbox margin-top-4">
            <input
              className="usa-checkbox__input"
              id="cases-overdue"
              type="checkbox"
              checked={value('overdue') === 'true'}
              onChange={(e) => change({ overdue: e.target.checked ? 'true' : '' })}
            />
            <label className="usa-checkbox__label" htmlFor="cases-overdue">
              {t('cases.onlyOverdue')}
            </label>
          </div>
        </div>
      </form>
      {filtered ? (
        <p>
          <Link className="usa-link" to="/cases">
            {t('cases.clear')}
          </Link>
        </p>
      ) : null}
      <ProblemAlert error={list.error} heading={t('cases.notListed')} />
      <div aria-live="polite" className="margin-y-2">
        {list.isPending ? <p>{t('cases.loading')}</p> : null}
        {list.data && !items.length ? <p>{filtered ? t('cases.noneMatch') : t('cases.none')}</p> : null}
        {items.length ? <p className="usa-sr-only">{t('cases.count', { count: items.length })}</p> : null}
      </div>
      {items.length ? <Results items={items} /> : null}
      <nav aria-label={t('cases.pages')} className="margin-y-2">
        {cursor ? (
          <Link className="usa-button usa-button--outline" to={`/cases?${withoutCursor(params)}`}>
            {t('cases.first')}
          </Link>
        ) : null}
        {list.data?.nextCursor ? (
          <Link
            className="usa-button"
            to={`/cases?${withCursor(params, list.data.nextCursor)}`}
            aria-label={t('cases.nextLabel')}
          >
            {t('cases.next')}
          </Link>
        ) : null}
      </nav>
    </Page>
  );
}

function withoutCursor(params: URLSearchParams): string {
  const next = new URLSearchParams(params);
  next.delete('cursor');
  return next.toString();
}

function withCursor(params: URLSearchParams, cursor: string): string {
  const next = new URLSearchParams(params);
  next.set('cursor', cursor);
  return next.toString();
}

function Results({ items }: { items: Case[] }) {
  const t = useT();
  const name = useNames();
  return (
    <table className="usa-table usa-table--borderless usa-table--stacked width-full">
      <caption className="usa-sr-only">{t('cases.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('case.title')}</th>
          <th scope="col">{t('inbox.process')}</th>
          <th scope="col">{t('cases.stage')}</th>
          <th scope="col">{t('cases.openTasks')}</th>
          <th scope="col">{t('cases.lastChange')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((c) => (
          <tr key={c.id}>
            <th scope="row" data-label={t('case.title')}>
              <Link className="usa-link" to={`/cases/${c.id}`}>
                {c.subject}
              </Link>
            </th>
            <td data-label={t('inbox.process')}>{name('caseType', c.type)}</td>
            <td data-label={t('cases.stage')}>
              {name('stage', c.stage)}
              {c.status !== 'open' ? <span className="text-base"> ({name('status', c.status)})</span> : null}
            </td>
            <td data-label={t('cases.openTasks')}>
              {c.openTasks.length}{' '}
              {overdue(c) ? <span className="usa-tag bg-accent-warm-darker">{t('inbox.overdue')}</span> : null}
            </td>
            <td data-label={t('cases.lastChange')}>{dateTime(c.updatedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
