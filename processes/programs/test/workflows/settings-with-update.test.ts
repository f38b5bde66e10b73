/**
 * A program record told the organisation's settings (its own handler: the policy and calendar
 * changed in place, no command) in the same workflow task as an admin's level change (an
 * Update), on a worker that keeps no workflow in its cache: in either order the change is
 * written and answered, no workflow task fails and the history replays.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import type { TransitionInput } from '../../../../platform/workflow/records';
import {
  organisationSettingsOf,
  organisationSettingsSignal,
} from '../../../../platform/workflow/organisation-settings';
import { env, inOneTask, person, policy, within } from '../../../../test/workflows/harness';
import type { ProgramRow } from '../../projection';
import { affiliateRow } from './program-fixtures';
import { programRecordWorkflow, programWorkflowId, setProgramLevelUpdate } from '../../workflow';

const admin = person('admin-settings', ['admin']);

test.each([
  ['signal first', ['signal', 'update']],
  ['Update first', ['update', 'signal']],
] as const)(
  "the organisation's settings and an admin's level change in one task (%s): written, answered, replayed",
  async (_l, order) => {
    const taskQueue = `prog-settings-${randomUUID()}`;
    const id = `prog-${randomUUID()}`;
    const written: string[] = [];
    const recording = {
      recordTransition: async (t: TransitionInput) => {
        written.push(...(t.events ?? []).map((e) => e.event));
        return { emailsSent: 0 };
      },
    };
    const h = await env.client.workflow.start(programRecordWorkflow, {
      taskQueue,
      workflowId: programWorkflowId(id),
      args: [{ program: affiliateRow(id, admin.id), policy, createdBy: admin }],
    });
    const holiday = '2030-06-28';
    const calendar = { ...policy.calendar!, holidays: { '2030': [holiday] } };
    let accepted: Promise<{ result(): Promise<ProgramRow> }> | undefined;
    await inOneTask(
      taskQueue,
      h,
      {
        ready: () =>
          within(
            (async () => {
              while (written.length < 1) await new Promise((r) => setTimeout(r, 100));
            })(),
            30_000,
            'the program is registered',
          ),
        send: async () => {
          for (const kind of order) {
            if (kind === 'signal')
              await h.signal(organisationSettingsSignal, { ...organisationSettingsOf(policy), calendar });
            else {
              accepted = h.startUpdate(setProgramLevelUpdate, {
                args: [{ level: 'partner', certifiedUntil: '2030-06-30', note: 'admin', actor: admin }],
                waitForStage: WorkflowUpdateStage.ACCEPTED,
              });
              await new Promise((r) => setTimeout(r, 500));
            }
          }
        },
        then: async () => {
          const update = await within(accepted!, 30_000, 'the change is accepted');
          expect(await within(update.result(), 30_000, 'the change is answered')).toMatchObject({ level: 'partner' });
          // A further change makes the uncached worker replay the whole history once more.
          await within(
            h.executeUpdate(setProgramLevelUpdate, { args: [{ level: 'affiliate', note: 'again', actor: admin }] }),
            30_000,
            'a later change is answered',
          );
          expect(written.filter((e) => e === 'level_changed')).toHaveLength(2);
        },
      },
      recording,
    );
    await h.terminate('done');
  },
  120_000,
);
