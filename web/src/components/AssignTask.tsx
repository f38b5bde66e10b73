/**
 * Handing a task to someone (supervising roles: HR officers, case supervisors, review
 * leads, admins), e.g. while its assignee is away: the picker offers only the people the
 * rules let act on this task (`/tasks/:id/candidates`), so a wrong choice cannot be made.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ok, type Task } from '../api/client';
import { ProblemAlert } from './ProblemAlert';
import { useNames } from '../i18n/names';
import { useT } from '../i18n/useT';

export function AssignTask({ task, caseId }: { task: Task; caseId: string }) {
  const t = useT();
  const name = useNames();
  const [open, setOpen] = useState(false);
  const [assignee, setAssignee] = useState('');
  const queryClient = useQueryClient();
  const candidates = useQuery({
    queryKey: ['candidates', task.id],
    queryFn: () => ok(api.GET('/api/v1/tasks/{taskId}/candidates', { params: { path: { taskId: task.id } } })),
    enabled: open,
  });
  const assign = useMutation({
    mutationFn: () =>
      ok(
        api.POST('/api/v1/tasks/{taskId}/assign', {
          params: { path: { taskId: task.id } },
          body: { assigneeId: assignee },
        }),
      ),
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['case', caseId] });
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    assign.mutate();
  };
  if (!open)
    return (
      <button type="button" className="usa-button usa-button--outline usa-button--small" onClick={() => setOpen(true)}>
        {t('assign.open')}
      </button>
    );
  const id = `assign-${task.id}`;
  return (
    <form className="usa-form" onSubmit={submit} aria-label={t('assign.label', { title: task.title })}>
      <label className="usa-label" htmlFor={id}>
        {t('assign.to')}
      </label>
      <select className="usa-select" id={id} required value={assignee} onChange={(e) => setAssignee(e.target.value)}>
        <option value="">{candidates.isPending ? t('assign.loading') : t('assign.select')}</option>
        {candidates.data?.items.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name ?? p.id} ({p.roles.map((r) => name('role', r)).join(', ')})
          </option>
        ))}
      </select>
      <ProblemAlert error={candidates.error ?? assign.error} heading={t('assign.refused')} />
      <ul className="usa-button-group margin-top-2">
        <li className="usa-button-group__item">
          <button type="submit" className="usa-button usa-button--small" disabled={assign.isPending}>
            {t('assign.assign')}
          </button>
        </li>
        <li className="usa-button-group__item">
          <button type="button" className="usa-button usa-button--unstyled" onClick={() => setOpen(false)}>
            {t('assign.cancel')}
          </button>
        </li>
      </ul>
    </form>
  );
}
