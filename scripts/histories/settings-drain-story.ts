/**
 * The history recorder's story of a case that must not move to a new run while the
 * organisation's settings are still being applied: two settings told in one workflow task
 * (a holiday, then that holiday and the next business day) in the very task that fills the
 * leave case's history. The case continues as new only once both settings' moves are
 * written: each signal's handler waits for its work in turn (platform/workflow/in-turn.ts),
 * and the case waits for its handlers. `npm run record-histories -- --only settings-drain`.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { mentoringLeaveWorkflow } from '../../processes/mentoring-leave/workflow';
import { laDate } from '../../platform/workflow/calendar';
import { businessCalendarOf } from '../../platform/workflow/jurisdiction';
import { caseRecordedUpdate, openTasksQuery } from '../../platform/workflow/messages';
import { organisationSettingsOf, organisationSettingsSignal } from '../../platform/workflow/organisation-settings';
import type { Policy } from '../../platform/workflow/policy';
import { ownQueue } from './one-task-stories';
import { continuedAsNew, leaveEnrollment, person, type Save } from './shared';

const realSleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The history's length once it stops growing (no timer falls due: the test server's clock is locked). */
async function settledLength(h: WorkflowHandle): Promise<number> {
  let length = -1;
  for (let i = 0; i < 40; i++) {
    await realSleep(500);
    const now = (await h.fetchHistory()).events?.length ?? 0;
    if (now === length) return now;
    length = now;
  }
  throw new Error('the history kept growing');
}

export async function settingsDrainStory(
  env: TestWorkflowEnvironment,
  _taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const q = await ownQueue(env, 'settings-drain');
  await q.start();
  const calendar = businessCalendarOf(policy);
  const year = calendar.year(Number(await env.currentTimeMs()));
  const start = (id: string, maxHistoryEvents: number) => {
    const employee = { id, name: 'Employee Drain', email: `${id}@example.gov` };
    return env.client.workflow.start(mentoringLeaveWorkflow, {
      taskQueue: q.taskQueue,
      workflowId: `mentoring-leave-${year}-${id}`,
      args: [
        {
          caseId: `case-history-${id}`,
          policy: { ...policy, maxHistoryEvents },
          enrolledBy: person(id, ['employee']),
          enrollment: leaveEnrollment(year, employee),
        },
      ],
    });
  };
  // A first case, not kept, measures how long the history is once the enrollment is written.
  const measure = await start('emp-history-drain-measure', 10_000);
  await measure.executeUpdate(caseRecordedUpdate);
  const settled = await settledLength(measure);
  await measure.terminate('measured');
  // Two signals, a workflow task scheduled and started: the task's history length is settled + 4.
  const leave = await start('emp-history-drain', settled + 3);
  const firstRun = leave.firstExecutionRunId;
  await leave.executeUpdate(caseRecordedUpdate);
  if ((await settledLength(leave)) !== settled) throw new Error('the two cases differ in history length');
  const review = (await leave.query(openTasksQuery))[0];
  const h1 = calendar.addBusinessDays(laDate(Date.parse(review.createdAt)), 1);
  const h2 = calendar.addBusinessDays(h1, 1);
  const told = (holidays: string[]) => ({
    ...organisationSettingsOf(policy),
    calendar: { ...policy.calendar!, holidays: { [h1.slice(0, 4)]: holidays } },
  });
  await q.inOneTask(async () => {
    await leave.signal(organisationSettingsSignal, told([h1]));
    await leave.signal(organisationSettingsSignal, told([h1, h2]));
  });
  await continuedAsNew(leave, firstRun);
  if ((await leave.describe()).runId === firstRun) throw new Error('the case did not continue as new');
  await leave.terminate('history recorded');
  await q.close();
  await save('mentoring-leave-settings-drained', leave, firstRun);
}
