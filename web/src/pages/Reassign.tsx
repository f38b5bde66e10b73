/**
 * Handing on the work of someone who is away (supervising roles): the open tasks of the
 * cases this person supervises, narrowed to one holder (kept in the URL), several chosen
 * at once, and one person to give them all to — offered only among those the rules let
 * take every chosen task. Each task is assigned on its own; the page says which went
 * through and, for any that did not, the rule that stopped it.
 */
import { useState } from 'react';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, ok, problemOf, type Task } from '../api/client';
import { dueText } from '../components/format';
import { useT } from '../i18n/useT';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useUrlParams } from '../components/useUrlParams';
import { urgency } from './Inbox';
import { useNames } from '../i18n/names';

interface Outcome {
  task: Task;
  ok: boolean;
  message?: string;
}

export function Reassign() {
  const tr = useT();
  const name = useNames();
  const [params, set] = useUrlParams();
  const holder = params.get('holder') ?? '';
  const queryClient = useQueryClient();
  const all = useQuery({
    queryKey: ['tasks', 'team'],
    queryFn: () => ok(api.GET('/api/v1/tasks', { params: { query: { view: 'team', limit: 200 } } })),
  });
  const holders = [...new Set((all.data?.items ?? []).map((t) => t.assigneeId).filter((x): x is string => !!x))].sort();
  const tasks = [...(all.data?.items ?? [])]
    .filter((t) => (holder === 'unclaimed' ? !t.assigneeId : !holder || t.assigneeId === holder))
    .sort(urgency);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const selected = tasks.filter((t) => chosen.has(t.id));
  const candidates = useQueries({
    queries: selected.map((t) => ({
      queryKey: ['candidates', t.id],
      queryFn: () => ok(api.GET('/api/v1/tasks/{taskId}/candidates', { params: { path: { taskId: t.id } } })),
    })),
  });
  // Only people every chosen task may go to.
  const lists = candidates.map((c) => c.data?.items ?? []);
  const common =
    lists[0] && candidates.every((c) => c.data)
      ? lists[0].filter((p) => lists.every((l) => l.some((q) => q.id === p.id)))
      : [];
  const [assignee, setAssignee] = useState('');
  const [results, setResults] = useState<Outcome[]>([]);
  const reassign = useMutation({
    mutationFn: async () => {
      const out: Outcome[] = [];
      for (const task of selected) {
        try {
          await ok(
            api.POST('/api/v1/tasks/{taskId}/assign', {
              params: { path: { taskId: task.id } },
              body: { assigneeId: assignee },
            }),
          );
          out.push({ task, ok: true });
        } catch (err) {
          out.push({ task, ok: false, message: problemOf(err)?.detail ?? (err as Error).message });
        }
      }
      return out;
    },
    onSuccess: (out) => {
      setResults(out);
      setChosen(new Set());
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
  const toggle = (id: string, on: boolean) =>
    setChosen((c) => {
      const n = new Set(c);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });
  const done = results.filter((r) => r.ok).length;
  return (
    <Page title={tr('reassign.title')} lead={tr('reassign.lead')}>
      <form className="usa-form mf-filters" aria-label={tr('reassign.whose')} onSubmit={(e) => e.preventDefault()}>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="holder">
            {tr('reassign.heldBy')}
          </label>
          <select
            className="usa-select"
            id="holder"
            value={holder}
            onChange={(e) => {
              set('holder', e.target.value);
              setChosen(new Set());
            }}
          >
            <option value="">{tr('reassign.anyone')}</option>
            <option value="unclaimed">{tr('reassign.nobody')}</option>
            {holders.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ProblemAlert error={all.error} />
      <div role="status">
        {results.length ? (
          <div
            className={`usa-alert usa-alert--slim margin-y-2 ${done === results.length ? 'usa-alert--success' : 'usa-alert--warning'}`}
          >
            <div className="usa-alert__body">
              <p className="usa-alert__text">{tr('reassign.done', { done, total: results.length })}</p>
              {results
                .filter((r) => !r.ok)
                .map((r) => (
                  <p key={r.task.id} className="usa-alert__text">
                    {tr('reassign.notDone', { title: r.task.title, message: r.message })}
                  </p>
                ))}
            </div>
          </div>
        ) : null}
      </div>
      {all.data && !tasks.length ? <p>{tr('reassign.none')}</p> : null}
      {tasks.length ? (
        <form
          className="usa-form usa-form--large"
          aria-label={tr('reassign.form')}
          onSubmit={(e) => {
            e.preventDefault();
            reassign.mutate();
          }}
        >
          <table className="usa-table usa-table--borderless usa-table--stacked width-full">
            <caption>{tr('reassign.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <div className="usa-checkbox">
                    <input
                      className="usa-checkbox__input"
                      id="choose-all"
                      type="checkbox"
                      checked={tasks.every((t) => chosen.has(t.id))}
                      onChange={(e) => setChosen(e.target.checked ? new Set(tasks.map((t) => t.id)) : new Set())}
                    />
                    <label className="usa-checkbox__label" htmlFor="choose-all">
                      {tr('reassign.all')}
                    </label>
                  </div>
                </th>
                <th scope="col">{tr('reassign.task')}</th>
                <th scope="col">{tr('reassign.holder')}</th>
                <th scope="col">{tr('reassign.due')}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((t) => (
                <tr key={t.id}>
                  <td data-label={tr('reassign.choose')}>
                    <div className="usa-checkbox">
                      <input
                        className="usa-checkbox__input"
                        id={`choose-${t.id}`}
                        type="checkbox"
                        checked={chosen.has(t.id)}
                        onChange={(e) => toggle(t.id, e.target.checked)}
                      />
                      <label className="usa-checkbox__label" htmlFor={`choose-${t.id}`}>
                        <span className="usa-sr-only">{tr('reassign.chooseTask', { title: t.title })}</span>
                      </label>
                    </div>
                  </td>
                  <th scope="row" data-label={tr('reassign.task')}>
                    <Link className="usa-link" to={`/cases/${t.caseId}`}>
                      {t.title}
                    </Link>
                    <div className="font-sans-3xs">{name('type', t.type)}</div>
                  </th>
                  <td data-label={tr('reassign.holder')}>{t.assigneeId ?? tr('reassign.unclaimed')}</td>
                  <td data-label={tr('reassign.due')}>
                    {dueText(t.dueAt, tr)}
                    {t.escalated ? tr('task.escalated') : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="usa-form-group">
            <label className="usa-label" htmlFor="new-assignee">
              {tr('reassign.giveTo', { count: selected.length })}
            </label>
            <select
              className="usa-select"
              id="new-assignee"
              required
              value={assignee}
              onChange={(e) => setAssignee(e.target.value)}
              disabled={!selected.length}
            >
              <option value="">
                {tr(
                  !selected.length
                    ? 'reassign.chooseFirst'
                    : candidates.some((c) => c.isPending)
                      ? 'assign.loading'
                      : common.length
                        ? 'assign.select'
                        : 'reassign.nobodyMay',
                )}
              </option>
              {common.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name ?? p.id} ({p.roles.map((r) => name('role', r)).join(', ')})
                </option>
              ))}
            </select>
          </div>
          <ProblemAlert error={reassign.error} heading={tr('reassign.refused')} />
          <button
            type="submit"
            className="usa-button margin-top-2"
            disabled={!selected.length || !assignee || reassign.isPending}
          >
            {tr('reassign.submit', { count: selected.length })}
          </button>
        </form>
      ) : null}
    </Page>
  );
}
