/**
 * The inbox: the open tasks the signed-in person may act on, most urgent first
 * (escalated, then overdue, then by due date), with filters kept in the URL (so a
 * filtered inbox can be bookmarked or shared) and a claim button.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, ok, type Task, type TaskType } from '../api/client';
import { Page } from '../components/Page';
import { useUrlParams } from '../components/useUrlParams';
import { ProblemAlert } from '../components/ProblemAlert';
import { dueText, humanize } from '../components/format';
import { useSession } from '../session';

const TASK_TYPES: TaskType[] = ['eligibility_review', 'verify_personal_hours', 'supervisor_approval', 'hr_approval', 'background_check', 'reference_followup', 'interview', 'screening_decision', 'consent', 'intake', 'first_meeting', 'check_in', 'safety_review', 'anniversary', 'closure_interview', 'application_review', 'assessment_review', 'work_plan_verification'];

export function urgency(a: Task, b: Task): number {
  const now = Date.now();
  const rank = (t: Task) => (t.escalated ? 0 : new Date(t.dueAt).getTime() < now ? 1 : 2);
  return rank(a) - rank(b) || new Date(a.dueAt).getTime() - new Date(b.dueAt).getTime();
}

export function Inbox() {
  const session = useSession();
  const [params, set] = useUrlParams();
  const type = (params.get('type') ?? '') as TaskType | '';
  const overdue = params.get('overdue') === 'true';
  const queryClient = useQueryClient();
  const tasks = useQuery({
    queryKey: ['tasks', type, overdue],
    queryFn: () => ok(api.GET('/api/v1/tasks', { params: { query: { status: 'open', limit: 200, ...(type ? { type } : {}), ...(overdue ? { overdue: 'true' } : {}) } } })),
    refetchInterval: 15_000,
  });
  const claim = useMutation({
    mutationFn: (taskId: string) => ok(api.POST('/api/v1/tasks/{taskId}/claim', { params: { path: { taskId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tasks'] }),
  });
  const items = [...(tasks.data?.items ?? [])].sort(urgency);
  return (
    <Page title="Inbox" lead={session ? `Tasks for ${session.person.name ?? session.person.id} and the roles they hold.` : undefined}>
      <form className="usa-form mf-filters" aria-label="Filter tasks" onSubmit={(e) => e.preventDefault()}>
        <div className="usa-form-group">
          <label className="usa-label" htmlFor="filter-type">Task type</label>
          <select className="usa-select" id="filter-type" value={type} onChange={(e) => set('type', e.target.value)}>
            <option value="">All task types</option>
            {TASK_TYPES.map((t) => <option key={t} value={t}>{humanize(t)}</option>)}
          </select>
        </div>
        <div className="usa-checkbox margin-top-3">
          <input className="usa-checkbox__input" id="filter-overdue" type="checkbox" checked={overdue} onChange={(e) => set('overdue', e.target.checked ? 'true' : '')} />
          <label className="usa-checkbox__label" htmlFor="filter-overdue">Overdue only</label>
        </div>
      </form>
      <ProblemAlert error={tasks.error ?? claim.error} />
      {tasks.isPending ? <p>Loading tasks…</p> : null}
      {tasks.data && items.length === 0 ? <p>No open tasks{type || overdue ? ' match these filters' : ''}.</p> : null}
      {items.length ? (
        <table className="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption className="usa-sr-only">Open tasks, most urgent first</caption>
          <thead><tr><th scope="col">Task</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col"><span className="usa-sr-only">Actions</span></th></tr></thead>
          <tbody>
            {items.map((t) => (
              <tr key={t.id}>
                <th scope="row" data-label="Task"><Link className="usa-link" to={`/cases/${t.caseId}?task=${t.id}`}>{t.title}</Link><div className="text-base font-sans-3xs">{humanize(t.type)}</div></th>
                <td data-label="Due">{dueText(t.dueAt)}</td>
                <td data-label="Status">
                  {t.escalated ? <span className="usa-tag bg-secondary-dark">Escalated</span> : null}{' '}
                  {new Date(t.dueAt).getTime() < Date.now() ? <span className="usa-tag bg-accent-warm-darker">Overdue</span> : null}{' '}
                  {t.assigneeId ? <span>{t.assigneeId === session?.person.id ? 'Claimed by you' : `Assigned to ${t.assigneeId}`}</span> : null}
                </td>
                <td data-label="Actions">
                  {!t.assigneeId ? <button type="button" className="usa-button usa-button--outline usa-button--small" disabled={claim.isPending} onClick={() => claim.mutate(t.id)} aria-label={`Claim ${t.title}`}>Claim</button> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}
