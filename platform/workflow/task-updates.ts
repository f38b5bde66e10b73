/**
 * The Updates every case answers about its tasks — complete, claim, assign — and the
 * case's queries. Their validators refuse synchronously, so a refusal changes nothing:
 * who may act is decided by who-may-act.ts, a completion's `data` by its task type's
 * schema (task-data.ts), then the process's own checks run.
 */
import { condition, setHandler, uuid4 } from '@temporalio/workflow';
import type { CaseCore, CaseRuntime, TaskCompletionHook, TaskValidator } from './case-runtime';
import {
  assignTaskUpdate,
  caseDetailsQuery,
  caseRecordedUpdate,
  claimTaskUpdate,
  completeTaskUpdate,
  incidentWaitingQuery,
  openTasksQuery,
  releaseTaskUpdate,
  retryIncidentUpdate,
  stageQuery,
} from './messages';
import type { ActingUser, Actor, TaskRecord } from './records';
import { refuse, refuseWith } from './refusals';
import { taskDataProblems } from './task-data';
import { mayAssign, mayClaim, mayComplete } from './who-may-act';
import { platformEmail } from '../emails/platform-emails';

function openTaskOrRefuse(state: CaseCore, taskId: string): TaskRecord {
  const task = state.tasks[taskId];
  if (!task) refuse('task_not_found', 'No such task in this case');
  if (task.status !== 'open') refuse('task_not_open', `The task is ${task.status}`);
  return task;
}

/** The acting user as the rules need it (inputs recorded before roles were sent have none). */
const acting = (actor: Actor | ActingUser): ActingUser => ({ roles: [], ...actor });

export function registerTaskUpdates<S extends CaseCore>(
  rt: CaseRuntime<S>,
  onComplete: TaskCompletionHook,
  validate: TaskValidator,
): void {
  const state = rt.state;

  setHandler(
    completeTaskUpdate,
    async (input) => {
      const task = state.tasks[input.taskId];
      task.status = 'completed';
      task.outcome = input.outcome;
      task.comment = input.comment;
      task.data = input.data;
      task.completedBy = input.actor.id;
      task.completedAt = rt.nowIso();
      const completed = rt.event(input.actor, 'task_completed', {
        taskId: task.id,
        type: task.type,
        outcome: input.outcome,
        ...(input.comment ? { comment: input.comment } : {}),
      });
      const next = await onComplete(task, input);
      await rt.commit({ ...next, tasks: [task, ...(next.tasks ?? [])], events: [completed, ...(next.events ?? [])] });
      return { task };
    },
    {
      validator: (input) => {
        const task = openTaskOrRefuse(state, input.taskId);
        refuseWith(mayComplete(acting(input.actor), task, state));
        if (!task.outcomes.includes(input.outcome))
          refuse('invalid_outcome', `Outcome must be one of: ${task.outcomes.join(', ')}`);
        const problems = taskDataProblems(task.type, input.data, { today: rt.calendar.date(Date.now()) });
        if (problems.length) refuse('invalid_task_data', `The data of a ${task.type} task is not valid`, problems);
        validate(task, input);
      },
    },
  );

  setHandler(
    claimTaskUpdate,
    async ({ taskId, actor }) => {
      const task = state.tasks[taskId];
      task.assigneeId = actor.id;
      await rt.commit({ tasks: [task], events: [rt.event(actor, 'task_claimed', { taskId, type: task.type })] });
      return { task };
    },
    { validator: ({ taskId, actor }) => refuseWith(mayClaim(acting(actor), openTaskOrRefuse(state, taskId), state)) },
  );

  setHandler(
    assignTaskUpdate,
    async ({ taskId, assigneeId, assignee, actor }) => {
      const task = state.tasks[taskId];
      const to = assignee?.id ?? assigneeId;
      const from = task.assigneeId;
      task.assigneeId = to;
      // The new assignee hears of it (assignments recorded before this carried no e-mail).
      const emails = assignee?.email
        ? [
            rt.email(
              `${task.id}:assigned:${uuid4()}`,
              [assignee.email],
              platformEmail('task-assigned', {
                assignedBy: actor.name ?? actor.id,
                taskTitle: task.title,
                dueAt: task.dueAt,
              }),
              rt.taskLink(task.id),
            ),
          ]
        : [];
      await rt.commit({
        tasks: [task],
        events: [
          rt.event(actor, 'task_assigned', { taskId, type: task.type, assigneeId: to, ...(from ? { from } : {}) }),
        ],
        emails,
      });
      return { task };
    },
    {
      validator: ({ taskId, assigneeId, assignee, actor }) =>
        refuseWith(
          mayAssign(acting(actor), acting(assignee ?? { id: assigneeId }), openTaskOrRefuse(state, taskId), state),
        ),
    },
  );

  setHandler(
    releaseTaskUpdate,
    async ({ taskId, actor, heldBy }) => {
      const task = state.tasks[taskId];
      task.assigneeId = undefined;
      // Given back for a deactivated holder: the event names them (releases before this had no heldBy).
      const detail = { taskId, type: task.type, ...(heldBy ? { from: heldBy, reason: 'holder_deactivated' } : {}) };
      await rt.commit({ tasks: [task], events: [rt.event(actor, 'task_released', detail)] });
      return { task };
    },
    {
      validator: ({ taskId, actor, heldBy }) => {
        const holder = openTaskOrRefuse(state, taskId).assigneeId;
        if (heldBy !== undefined) {
          // An admin gives back the work of a person the directory deactivated (docs/administration.md).
          if (!acting(actor).roles.includes('admin'))
            refuse('not_permitted', "Only an admin gives back a deactivated person's task");
          if (holder !== heldBy) refuse('not_permitted', `The task is not held by ${heldBy}`);
          return;
        }
        if (holder !== actor.id) refuse('not_permitted', 'Only the person holding a task gives it back');
      },
    },
  );

  setHandler(
    retryIncidentUpdate,
    async (_input) => {
      rt.retryIncident();
      return { retrying: true as const };
    },
    {
      validator: (_input) => {
        if (!state.incident) refuse('no_incident', 'The case has no incident');
      },
    },
  );

  setHandler(caseRecordedUpdate, async () => {
    await condition(() => state.recorded);
    return { caseId: state.caseId };
  });
  setHandler(stageQuery, () => state.stage);
  setHandler(openTasksQuery, () => rt.openTasks());
  setHandler(caseDetailsQuery, () => rt.detailsView());
  setHandler(incidentWaitingQuery, () => rt.incidentWaiting());
}
