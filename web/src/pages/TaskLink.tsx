/**
 * Where an e-mail's task link lands (`/tasks/:taskId`): the task's case, with that task's
 * form first. A task the person may not see answers as not found, like any such record.
 */
import { useQuery } from '@tanstack/react-query';
import { Navigate, useParams } from 'react-router-dom';
import { api, ok } from '../api/client';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';
import { useT } from '../i18n/useT';

export function TaskLink() {
  const t = useT();
  const { taskId = '' } = useParams();
  const task = useQuery({
    queryKey: ['task', taskId],
    queryFn: () => ok(api.GET('/api/v1/tasks/{taskId}', { params: { path: { taskId } } })),
  });
  if (task.data) return <Navigate to={`/cases/${task.data.caseId}?task=${task.data.id}`} replace />;
  return (
    <Page title={t('task.title')}>
      {task.isPending ? <p>{t('task.opening')}</p> : null}
      <ProblemAlert error={task.error} heading={t('task.cannotShow')} />
    </Page>
  );
}
