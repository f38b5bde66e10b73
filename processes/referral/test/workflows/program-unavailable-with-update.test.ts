/**
 * A volunteer referral told that a program stopped taking referrals (a signal: its offer ends
 * and passes on, which reads the next programs and writes) in the same workflow task as the
 * volunteer's withdrawal (an Update), on a worker that keeps no workflow in its cache. Whatever
 * order core hands the two over in, the commands must be the same on the replay.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import { caseRecordedUpdate, openTasksQuery } from '../../../../platform/workflow/messages';
import { env, inOneTask, policy, within } from '../../../../test/workflows/harness';
import { mentorReferralWorkflowId } from '../../ids';
import { confirmReferralAddressUpdate, programUnavailableSignal, withdrawReferralUpdate } from '../../messages';
import { mentorReferralWorkflow } from '../../workflow';
import { program, referralInput } from './referral-fixtures';

test.each([
  ['signal first', ['signal', 'update']],
  ['Update first', ['update', 'signal']],
] as const)(
  'a program unavailable and the withdrawal in one task (%s): both taken, and it replays',
  async (_l, order) => {
    const taskQueue = `unavail-upd-${randomUUID()}`;
    const programs = [program(1), program(2)];
    const activities = {
      sendReferralConfirmation: async () => ({ sent: true }),
      findReferralPrograms: async ({ exclude }: { exclude: string[] }) =>
        programs.filter((p) => !exclude.includes(p.programId)).slice(0, 1),
      findPlaceablePrograms: async () => [],
    };
    const caseId = randomUUID();
    const h = await env.client.workflow.start(mentorReferralWorkflow, {
      taskQueue,
      workflowId: mentorReferralWorkflowId(caseId),
      args: [referralInput(caseId, policy)],
    });
    let accepted: Promise<{ result(): Promise<unknown> }> | undefined;
    await inOneTask(
      taskQueue,
      h,
      {
        ready: async () => {
          await within(h.executeUpdate(caseRecordedUpdate), 30_000, 'recorded');
          await within(h.executeUpdate(confirmReferralAddressUpdate), 30_000, 'confirmed');
          const offer = (await h.query(openTasksQuery)).find((t) => t.type === 'contact_volunteer');
          expect(offer?.ref).toBe(programs[0].programId);
        },
        // With no worker polling, the signal and the withdrawal wait for one workflow task.
        send: async () => {
          for (const kind of order) {
            if (kind === 'signal')
              await h.signal(programUnavailableSignal, { programId: programs[0].programId, reason: 'paused' });
            else {
              accepted = h.startUpdate(withdrawReferralUpdate, {
                args: [{ actor: { id: 'volunteer' } }],
                waitForStage: WorkflowUpdateStage.ACCEPTED,
              });
              await new Promise((r) => setTimeout(r, 500));
            }
          }
        },
        then: async () => {
          const update = await within(accepted!, 30_000, 'the withdrawal is accepted');
          await within(update.result(), 30_000, 'the withdrawal is answered');
          // The signal's work runs in turn after the task's Update.
          await new Promise((r) => setTimeout(r, 1_000));
        },
      },
      activities,
    );
  },
  120_000,
);
