/**
 * The history recorder's story of a case started under older workflow code and woken under
 * today's: a program record started before its level changes were queued
 * (processes/programs/level-changes.ts), which, the first time today's code wakes it, writes
 * the change that woke it as it always did, waits for its handlers and moves to a new run
 * that queues (`program-changes-queued-next-run`). Unlike scripts/histories/older-code.ts,
 * whose stories run wholly on an older commit, this one needs both codes in one history: the
 * older commit's workflows are bundled from a `git archive` of it, and the story's own case
 * worker runs them first, then today's. `npm run record-histories -- --only older-run`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import { programWorkflowId, setProgramLevelUpdate } from '../../processes/programs/workflow';
import { addDays, laDate } from '../../platform/workflow/calendar';
import { caseRecordedUpdate } from '../../platform/workflow/messages';
import type { Policy } from '../../platform/workflow/policy';
import { ownQueue, todaysBundle } from './one-task-stories';
import { continuedAsNew, person, type Save } from './shared';

/** The commit before the program record queued its level changes. */
const BEFORE_QUEUE = 'cf11d2a';

/** The workflow code of `commit`, bundled from a temporary extract of it. */
export async function bundleOf(commit: string) {
  const root = path.resolve(__dirname, '../..');
  const tree = mkdtempSync(path.join(os.tmpdir(), `mentorflow-${commit}-`));
  try {
    const archive = spawnSync('sh', ['-c', `git archive ${commit} | tar -x -C '${tree}'`], {
      cwd: root,
      stdio: 'inherit',
    });
    if (archive.status !== 0) throw new Error(`git archive ${commit} failed`);
    symlinkSync(realpathSync(path.join(root, 'node_modules')), path.join(tree, 'node_modules'));
    return await bundleWorkflowCode({ workflowsPath: path.join(tree, 'processes/workflows.ts') });
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
}

export async function olderRunStory(
  env: TestWorkflowEnvironment,
  _taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const q = await ownQueue(env, 'older-run', await bundleOf(BEFORE_QUEUE));
  await q.start();
  const now = Number(await env.currentTimeMs());
  const admin = person('admin', ['admin']);
  const program = await env.client.workflow.start('programRecordWorkflow', {
    taskQueue: q.taskQueue,
    workflowId: programWorkflowId('prog-history-older-run'),
    args: [
      {
        policy,
        createdBy: admin,
        program: {
          id: 'prog-history-older-run',
          name: 'V',
          organization: 'O',
          contactEmail: 'v@example.org',
          county: 'Yolo',
          startedOn: '2020-01-01',
          minimumMatchMonths: 12,
          level: 'affiliate',
          certifiedUntil: null,
          createdBy: admin.id,
          createdAt: new Date(now).toISOString(),
        },
      },
    ],
  });
  const firstRun = program.firstExecutionRunId;
  await program.executeUpdate(caseRecordedUpdate);
  const partner = {
    level: 'partner' as const,
    certifiedUntil: addDays(laDate(now), 365),
    note: 'import',
    actor: admin,
  };
  await program.executeUpdate(setProgramLevelUpdate, { args: [partner] });
  // The worker goes away with the older code and comes back with today's.
  await q.stop();
  q.useBundle(await todaysBundle());
  await q.start();
  const corrected = { ...partner, note: 'corrected', certifiedUntil: addDays(laDate(now), 366) };
  await program.executeUpdate(setProgramLevelUpdate, { args: [corrected] });
  await continuedAsNew(program, firstRun);
  if ((await program.describe()).runId === firstRun) throw new Error('the older run did not move to a new run');
  await program.terminate('history recorded');
  await q.close();
  await save('program-record-older-run-moved-on', program, firstRun);
}
