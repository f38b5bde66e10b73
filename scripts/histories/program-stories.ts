/**
 * Program-record stories: a certificate imported near its reminder and corrected by a day, and
 * a record whose history fills up in the task that takes an admin's level change.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { programRecordWorkflow, programWorkflowId, setProgramLevelUpdate } from '../../processes/programs/workflow';
import { addDays, laDate } from '../../platform/workflow/calendar';
import type { Policy } from '../../platform/workflow/policy';
import { continuedAsNew, person, type Save } from './shared';

/**
 * A Partner certificate imported a month before it ends, its date then corrected by a day:
 * its 30-day reminder moment is first just ahead (tomorrow's start), then just behind
 * (today's start), so which reminders count as already due turns on the day exactly.
 * `npm run record-histories -- --only imports` records it alone.
 */
export async function importStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const now = Number(await env.currentTimeMs());
  const admin = person('admin');
  const program = await env.client.workflow.start(programRecordWorkflow, {
    taskQueue,
    workflowId: programWorkflowId('prog-history-3'),
    args: [
      {
        policy,
        createdBy: admin,
        program: {
          id: 'prog-history-3',
          name: 'R',
          organization: 'O',
          contactEmail: 'r@example.org',
          county: 'Yolo',
          startedOn: '2016-01-01',
          minimumMatchMonths: 12,
          level: 'none',
          certifiedUntil: null,
          createdBy: admin.id,
          createdAt: new Date(now).toISOString(),
        },
      },
    ],
  });
  const today = laDate(now);
  for (const days of [30, 29]) {
    const certifiedUntil = addDays(today, days);
    const change = { level: 'partner' as const, certifiedUntil, note: 'import', actor: admin };
    await program.executeUpdate(setProgramLevelUpdate, { args: [change] });
  }
  await env.sleep(60_000);
  await program.terminate('history recorded');
  await save('program-record-imported-near-reminder', program);
}

/**
 * A program record whose history fills up in the very workflow task that takes an admin's
 * level change (its write still running): the record waits for that handler to finish, then
 * continues as new. The limit (44 events) puts the crossing on the sixth change's first task
 * (event 45), not on the task that finishes its write. `--only full-mid-update` records it alone.
 */
export async function fullMidUpdateStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const admin = person('admin', ['admin']);
  const program = await env.client.workflow.start(programRecordWorkflow, {
    taskQueue,
    workflowId: programWorkflowId('prog-history-4'),
    args: [
      {
        policy: { ...policy, maxHistoryEvents: 44 },
        createdBy: admin,
        program: {
          id: 'prog-history-4',
          name: 'S',
          organization: 'O',
          contactEmail: 's@example.org',
          county: 'Yolo',
          startedOn: '2017-01-01',
          minimumMatchMonths: 12,
          level: 'none',
          certifiedUntil: null,
          createdBy: admin.id,
          createdAt: new Date(Number(await env.currentTimeMs())).toISOString(),
        },
      },
    ],
  });
  const firstRun = program.firstExecutionRunId;
  for (let i = 0; i < 8; i++) {
    const change = { level: i % 2 ? ('affiliate' as const) : ('none' as const), note: `import ${i}`, actor: admin };
    await program.executeUpdate(setProgramLevelUpdate, { args: [change] });
  }
  await continuedAsNew(program, firstRun);
  await program.terminate('history recorded');
  await save('program-record-full-mid-update', program, firstRun);
}
