/**
 * The history recorder's story of a case that must not move to a new run while the
 * organisation's settings are still being applied: settings told two, three or four times in one
 * workflow task (a holiday, then it and the next business day, …) in the very task that fills
 * the leave case's history. The case continues as new only once every move is written: each
 * signal's handler waits for its work in turn (platform/workflow/in-turn.ts), and the case
 * waits for its handlers. Without the handlers' wait it would give the same commands all the
 * same (the work awaits only its commits, which the case's drain counts): the referral-drain
 * story is the one that tells the wait (docs/testing.md, replay coverage).
 * `npm run record-histories -- --only settings-drain` (two), `settings-drain-three` or
 * `settings-drain-four`.
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

export const settingsDrainStory = (told: 2 | 3 | 4) =>
  async function settingsDrain(
    env: TestWorkflowEnvironment,
    _taskQueue: string,
    policy: Policy,
    save: Save,
  ): Promise<void> {
    const q = await ownQueue(env, `settings-drain-${told}`);
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
    const suffix = ['', '', '', '-three', '-four'][told];
    const measure = await start(`emp-history-drain-measure${suffix}`, 10_000);
    await measure.executeUpdate(caseRecordedUpdate);
    const settled = await settledLength(measure);
    await measure.terminate('measured');
    // The signals, a workflow task scheduled and started: that task's history is longer than settled + 3.
    const leave = await start(`emp-history-drain${suffix}`, settled + 3);
    const firstRun = leave.firstExecutionRunId;
    await leave.executeUpdate(caseRecordedUpdate);
    if ((await settledLength(leave)) !== settled) throw new Error('the two cases differ in history length');
    const review = (await leave.query(openTasksQuery))[0];
    const opened = laDate(Date.parse(review.createdAt));
    const holidays = [1, 2, 3, 4].slice(0, told).map((n) => calendar.addBusinessDays(opened, n));
    const settings = (n: number) => ({
      ...organisationSettingsOf(policy),
      calendar: { ...policy.calendar!, holidays: { [holidays[0].slice(0, 4)]: holidays.slice(0, n) } },
    });
    await q.inOneTask(async () => {
      for (let n = 1; n <= told; n++) await leave.signal(organisationSettingsSignal, settings(n));
    });
    await continuedAsNew(leave, firstRun);
    if ((await leave.describe()).runId === firstRun) throw new Error('the case did not continue as new');
    await leave.terminate('history recorded');
    await q.close();
    await save(`mentoring-leave-settings-drained${suffix}`, leave, firstRun);
  };
