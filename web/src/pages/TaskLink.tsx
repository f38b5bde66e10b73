/**
 * Where an e-mail's task link lands (`/tasks/:taskId`): the task's case, with that task's
 * form first. A task the person may not see answers as not found, like any such record.
 */
import { useQuery } from '@tanstack/react-query';
import { Navigate, useParams } from 'react-router-dom';
import { api, ok } from '../api/client';
import { Page } from '../components/Page';
import { ProblemAlert } from '../components/ProblemAlert';

export function TaskLink() {
  const { taskId = '' } = useParams();
  const task = useQuery({
    queryKey: ['task', taskId],
    queryFn: () => ok(api.GET('/api/v1/tasks/{taskId}', { params: { path: { taskId } } })),
  });
  if (task.data) return <Navigate to={`/cases/${task.data.caseId}?task=${task.data.id}`} replace />;
  return (
    <Page title="Task">
      {task.isPending ? <p>Opening the task…</p> : null}
      <ProblemAlert error={task.error} heading="This task cannot be shown" />
    </Page>
  );
}
