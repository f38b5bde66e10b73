/**
 * The inbox: the tasks the signed-in person may act on, most urgent first (escalated,
 * then overdue, then by due date), with filters — process, task type, due, status — kept
 * in the URL (so a filtered inbox can be bookmarked or shared) and a claim button.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, ok, type Task, type TaskType } from '../api/client';
import type { paths } from '../api/generated/schema';
import { CASE_TYPES, TASK_TYPES as ALL_TASK_TYPES, TASK_TYPES_OF } from '../api/generated/processes';
import { Page } from '../components/Page';
import { useUrlParams } from '../components/useUrlParams';
import { ProblemAlert } from '../components/ProblemAlert';
import { dueText } from '../components/format';
import { useSession } from '../session';
import { useT } from '../i18n/useT';
import { useNames } from '../i18n/names';

type Process = NonNullable<NonNullable<paths['/api/v1/tasks']['get']['parameters']['query']>['process']>;
type Status = 'open' | 'completed' | 'cancelled' | 'expired';
/** The registered processes' case types (generated from the registry at build time). */
const PROCESSES = CASE_TYPES as readonly Process[];
/** The task types of each process (the type filter offers those of the chosen process). */
const TYPES_OF = TASK_TYPES_OF as Record<Process, TaskType[]>;
const DAY = 86_400_000;

const TASK_TYPES = ALL_TASK_TYPES as readonly TaskType[];

export function urgency(a: Task, b: Task): number {
  const now = Date.now();
  const rank = (t: Task) => (t.escalated ? 0 : new Date(t.dueAt).getTime() < now ? 1 : 2);
  return rank(a) - rank(b) || new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime();
}

export function Inbox() {
  const t = useT();
  const name = useNames();
  const session = useSession();
  const [params, set] = useUrlParams();
  const type = (params.get('type') ?? '') as TaskType | '';
  const process = (params.get('process') ?? '') as Process | '';
  const due = params.get('due') ?? (params.get('overdue') === 'true' ? 'overdue' : '');
  const status = (params.get('status') ?? 'open') as Status;
  const queryClient = useQueryClient();
  const tasks = useQuery({
    queryKey: ['tasks', type, process, due, status],
    queryFn: () =>
      ok(
        api.GET('/api/v1/tasks', {
          params: {
            query: {
              status,
              limit: 200,
              ...(type ? { type } : {}),
              ...(process ? { process } : {}),
              ...(due === 'overdue' ? { overdue: 'true' } : {}),
            },
          },
        }),
      ),
    refetchInterval: 15_000,
  });
  const claim = useMutation({
    mutationFn: (taskId: string) => ok(api.POST('/api/v1/tasks/{taskId}/claim', { params: { path: { taskId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tasks'] }),
  });
  // A claimed task given back goes to its candidates again (away, or no longer the right person).
  const release = useMutation({
    mutationFn: (taskId: string) => ok(api.POST('/api/v1/tasks/{taskId}/release', { params: { path: { taskId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tasks'] }),
  });
  const soon = Date.now() + 7 * DAY;
  const items = [...(tasks.data?.items ?? [])]
    .filter((t) => due !== 'week' || new Date(t.dueAt).getTime() <= soon)
    .sort(urgency);
  const filtered = !!(type || process || due || status !== 'open');
  return (
    <Page
      title={t('inbox.title')}
      lead={session ? t('inbox.lead', { name: session.person.name ?? session.person.id }) : undefined}
    >
      <form className="usa-form mf-filters" aria-label={t('inbox.filter')} onSubmit={(e) => e.preventDefault()}>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="filter-process">
            {t('inbox.process')}
          </label>
          <select
            className="usa-select"
            id="filter-process"
            value={process}
            onChange={(e) => set({ process: e.target.value, type: '' })}
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
          <label className="usa-label" htmlFor="filter-type">
            {t('inbox.taskType')}
          </label>
          <select className="usa-select" id="filter-type" value={type} onChange={(e) => set('type', e.target.value)}>
            <option value="">{t('inbox.allTypes')}</option>
            {(process ? TYPES_OF[process] : TASK_TYPES).map((x) => (
              <option key={x} value={x}>
                {name('type', x)}
              </option>
            ))}
          </select>
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="filter-due">
            {t('inbox.due')}
          </label>
          <select
            className="usa-select"
            id="filter-due"
            value={due}
            onChange={(e) => set({ overdue: '', due: e.target.value })}
          >
            <option value="">{t('inbox.anyTime')}</option>
            <option value="overdue">{t('inbox.overdue')}</option>
            <option value="week">{t('inbox.week', { days: 7 })}</option>
          </select>
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="filter-status">
            {t('inbox.status')}
          </label>
          <select
            className="usa-select"
            id="filter-status"
            value={status}
            onChange={(e) => set('status', e.target.value === 'open' ? '' : e.target.value)}
          >
            {(['open', 'completed', 'cancelled', 'expired'] as const).map((x) => (
              <option key={x} value={x}>
                {t(`inbox.status.${x}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ProblemAlert error={tasks.error ?? claim.error ?? release.error} />
      {tasks.isPending ? <p>{t('inbox.loading')}</p> : null}
      {tasks.data && items.length === 0 ? <p>{t(filtered ? 'inbox.noneMatch' : 'inbox.none', { status })}</p> : null}
      {items.length ? (
        <table className="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption className="usa-sr-only">{t('inbox.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('inbox.task')}</th>
              <th scope="col">{t('inbox.due')}</th>
              <th scope="col">{t('inbox.status')}</th>
              <th scope="col">
                <span className="usa-sr-only">{t('inbox.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((task) => (
              <tr key={task.id}>
                <th scope="row" data-label={t('inbox.task')}>
                  <Link className="usa-link" to={`/cases/${task.caseId}?task=${task.id}`}>
                    {task.title}
                  </Link>
                  <div className="text-base font-sans-3xs">{name('type', task.type)}</div>
                </th>
                <td data-label={t('inbox.due')}>{dueText(task.dueAt, t)}</td>
                <td data-label={t('inbox.status')}>
                  {task.escalated ? <span className="usa-tag bg-secondary-dark">{t('inbox.escalated')}</span> : null}{' '}
                  {new Date(task.dueAt).getTime() < Date.now() ? (
                    <span className="usa-tag bg-accent-warm-darker">{t('inbox.overdue')}</span>
                  ) : null}{' '}
                  {task.assigneeId ? (
                    <span>
                      {task.assigneeId === session?.person.id
                        ? t('inbox.claimedByYou')
                        : t('inbox.assignedTo', { id: task.assigneeId })}
                    </span>
                  ) : null}
                </td>
                <td data-label={t('inbox.actions')}>
                  {!task.assigneeId && task.status === 'open' ? (
                    <button
                      type="button"
                      className="usa-button usa-button--outline usa-button--small"
                      disabled={claim.isPending}
                      onClick={() => claim.mutate(task.id)}
                      aria-label={t('inbox.claimTask', { title: task.title })}
                    >
                      {t('inbox.claim')}
                    </button>
                  ) : null}
                  {task.assigneeId && task.assigneeId === session?.person.id && task.status === 'open' ? (
                    <button
                      type="button"
                      className="usa-button usa-button--unstyled"
                      disabled={release.isPending}
                      onClick={() => release.mutate(task.id)}
                      aria-label={t('inbox.giveBackTask', { title: task.title })}
                    >
                      {t('inbox.giveBack')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}
