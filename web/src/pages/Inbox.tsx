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
import { dueText, humanize } from '../components/format';
import { useSession } from '../session';

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
      title="Inbox"
      lead={session ? `Tasks for ${session.person.name ?? session.person.id} and the roles they hold.` : undefined}
    >
      <form className="usa-form mf-filters" aria-label="Filter tasks" onSubmit={(e) => e.preventDefault()}>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="filter-process">
            Process
          </label>
          <select
            className="usa-select"
            id="filter-process"
            value={process}
            onChange={(e) => set({ process: e.target.value, type: '' })}
          >
            <option value="">All processes</option>
            {PROCESSES.map((p) => (
              <option key={p} value={p}>
                {humanize(p)}
              </option>
            ))}
          </select>
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="filter-type">
            Task type
          </label>
          <select className="usa-select" id="filter-type" value={type} onChange={(e) => set('type', e.target.value)}>
            <option value="">All task types</option>
            {(process ? TYPES_OF[process] : TASK_TYPES).map((t) => (
              <option key={t} value={t}>
                {humanize(t)}
              </option>
            ))}
          </select>
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="filter-due">
            Due
          </label>
          <select
            className="usa-select"
            id="filter-due"
            value={due}
            onChange={(e) => set({ overdue: '', due: e.target.value })}
          >
            <option value="">Any time</option>
            <option value="overdue">Overdue</option>
            <option value="week">Within 7 days (or overdue)</option>
          </select>
        </div>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="filter-status">
            Status
          </label>
          <select
            className="usa-select"
            id="filter-status"
            value={status}
            onChange={(e) => set('status', e.target.value === 'open' ? '' : e.target.value)}
          >
            {(['open', 'completed', 'cancelled', 'expired'] as const).map((x) => (
              <option key={x} value={x}>
                {humanize(x)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ProblemAlert error={tasks.error ?? claim.error ?? release.error} />
      {tasks.isPending ? <p>Loading tasks…</p> : null}
      {tasks.data && items.length === 0 ? (
        <p>
          No {status} tasks{filtered ? ' match these filters' : ''}.
        </p>
      ) : null}
      {items.length ? (
        <table className="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption className="usa-sr-only">Open tasks, most urgent first</caption>
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="usa-sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((t) => (
              <tr key={t.id}>
                <th scope="row" data-label="Task">
                  <Link className="usa-link" to={`/cases/${t.caseId}?task=${t.id}`}>
                    {t.title}
                  </Link>
                  <div className="text-base font-sans-3xs">{humanize(t.type)}</div>
                </th>
                <td data-label="Due">{dueText(t.dueAt)}</td>
                <td data-label="Status">
                  {t.escalated ? <span className="usa-tag bg-secondary-dark">Escalated</span> : null}{' '}
                  {new Date(t.dueAt).getTime() < Date.now() ? (
                    <span className="usa-tag bg-accent-warm-darker">Overdue</span>
                  ) : null}{' '}
                  {t.assigneeId ? (
                    <span>
                      {t.assigneeId === session?.person.id ? 'Claimed by you' : `Assigned to ${t.assigneeId}`}
                    </span>
                  ) : null}
                </td>
                <td data-label="Actions">
                  {!t.assigneeId && t.status === 'open' ? (
                    <button
                      type="button"
                      className="usa-button usa-button--outline usa-button--small"
                      disabled={claim.isPending}
                      onClick={() => claim.mutate(t.id)}
                      aria-label={`Claim ${t.title}`}
                    >
                      Claim
                    </button>
                  ) : null}
                  {t.assigneeId && t.assigneeId === session?.person.id && t.status === 'open' ? (
                    <button
                      type="button"
                      className="usa-button usa-button--unstyled"
                      disabled={release.isPending}
                      onClick={() => release.mutate(t.id)}
                      aria-label={`Give back ${t.title}`}
                    >
                      Give back
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
