/**
 * A program record that gets an admin's level change (an Update) and certification cases'
 * level changes (signals) in one workflow task, on a worker that keeps no workflow in its
 * cache. Core hands signals and Updates of one task over in an order a replay does not
 * repeat: the first execution may run a signal, the Update, then the other signal, and the
 * replay both signals before the Update. When a handler writes at once, the write's command
 * and the Update's acceptance then change places and the record fails every workflow task
 * for ever (the simulation found it: an admin's change never answered). The record now
 * queues the changes and writes them from its main loop, signals first, so the commands are
 * the same in any order. A history recorded before (test/fixtures/histories) stays stuck.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import type { TransitionInput } from '../../../../platform/workflow/records';
import { env, inOneTask, person, policy, within } from '../../../../test/workflows/harness';
import type { ProgramRow } from '../../projection';
import { affiliateRow } from './program-fixtures';
import {
  programLevelSignal,
  programRecordWorkflow,
  programWorkflowId,
  setProgramLevelUpdate,
  type ProgramRecordInput,
} from '../../workflow';

const admin = person('admin-one-task', ['admin']);
const reviewer = person('reviewer-one-task', ['quality_reviewer']);

const row = (id: string): ProgramRow => affiliateRow(id, admin.id);

const waitFor = async (what: () => Promise<boolean>, label: string) =>
  within(
    (async () => {
      while (!(await what())) await new Promise((r) => setTimeout(r, 100));
    })(),
    30_000,
    label,
  );

test.each([
  ['signal, Update, signal', ['signal', 'update', 'signal']],
  ['Update, signal, signal', ['update', 'signal', 'signal']],
  ['signal, signal, Update', ['signal', 'signal', 'update']],
] as const)(
  'two level signals and an admin Update in one task (%s) are all written, answered and replayed',
  async (_label, order) => {
    const taskQueue = `prog-one-task-${randomUUID()}`;
    const id = `prog-${randomUUID()}`;
    const input: ProgramRecordInput = { program: row(id), policy, createdBy: admin };
    const written: string[] = [];
    const recording = {
      recordTransition: async (t: TransitionInput) => {
        written.push(...(t.events ?? []).map((e) => `${e.event}:${String(e.detail.note ?? '')}`));
        return { emailsSent: 0 };
      },
    };
    const h = await env.client.workflow.start(programRecordWorkflow, {
      taskQueue,
      workflowId: programWorkflowId(id),
      args: [input],
    });
    let accepted: Promise<unknown> | undefined;
    await inOneTask(
      taskQueue,
      h,
      {
        ready: () => waitFor(async () => written.length === 1, 'the program is registered'),
        // With no worker polling, the three changes wait for one workflow task.
        send: async () => {
          let signals = 0;
          for (const kind of order) {
            if (kind === 'update') {
              accepted = h.startUpdate(setProgramLevelUpdate, {
                args: [{ level: 'partner', certifiedUntil: '2031-06-30', note: 'admin', actor: admin }],
                waitForStage: WorkflowUpdateStage.ACCEPTED,
              });
              await new Promise((r) => setTimeout(r, 500));
            } else {
              signals++;
              await h.signal(programLevelSignal, {
                level: signals === 1 ? 'partner' : 'affiliate',
                certifiedUntil: signals === 1 ? '2030-06-30' : null,
                note: `case-${signals}`,
                actor: reviewer,
              });
            }
          }
        },
        then: async () => {
          const update = (await within(accepted!, 30_000, 'the admin change is accepted')) as {
            result(): Promise<ProgramRow>;
          };
          const answer = await within(update.result(), 30_000, 'the admin change is answered');
          // The task's signals are written before its Update, so the admin's level is the one that stays.
          if (written.indexOf('level_changed:admin') === 3) expect(answer).toMatchObject({ level: 'partner' });
          await waitFor(async () => written.length === 4, 'all three changes are written');
          // When they share a task, signals are written first; the server may also hand the Update over alone.
          expect([...written].sort()).toEqual(
            ['program_registered:', 'level_changed:case-1', 'level_changed:case-2', 'level_changed:admin'].sort(),
          );
          expect(written.indexOf('level_changed:case-1')).toBeLessThan(written.indexOf('level_changed:case-2'));
          // A further change makes the uncached worker replay the whole history once more.
          await within(
            h.executeUpdate(setProgramLevelUpdate, {
              args: [{ level: 'affiliate', note: 'again', actor: admin }],
            }),
            30_000,
            'a later change is answered',
          );
        },
      },
      recording,
    );
  },
  120_000,
);
