/**
 * A party's record that gets a match's signal and a person's Update in one workflow task, on a
 * worker that keeps no workflow in its cache. Core may hand a task's signals and Updates over
 * in another order on a replay than on the first execution; a signal that wrote or signalled
 * the match from its handler at once then swapped its commands with the Update's acceptance and
 * the record failed every workflow task from then on (the simulation found it: a case worker's
 * withdrawal never answered, seed 602 scenario 47). The record now handles a match's signals in
 * turn after the task's Updates.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import { matchConfirmedSignal, reserveForMatchUpdate, withdrawApplicationUpdate } from '../../messages';
import { mentorScreeningWorkflowId } from '../../ids';
import { mentorScreeningWorkflow } from '../../mentor-screening';
import { approvedMentor } from './mentor-fixtures';
import { env, inOneTask, person, policy, within } from '../../../../test/workflows/harness';

const cw = person('cw-sig-upd', ['case_worker']);

test.each([
  ['its own match confirms', (reserved: string) => reserved],
  ['another match confirms (the party is taken: that match is told)', () => `match-other-${randomUUID()}`],
])(
  '%s while the case worker withdraws the application, in one task: both taken, and it replays',
  async (_l, confirming) => {
    const taskQueue = `sig-upd-${randomUUID()}`;
    const caseId = randomUUID();
    const now = new Date(Date.now()).toISOString();
    const state = approvedMentor(cw, caseId, now);
    const h = await env.client.workflow.start(mentorScreeningWorkflow, {
      taskQueue,
      workflowId: mentorScreeningWorkflowId(caseId),
      args: [{ policy, caseWorkerId: cw.id, caseId, applicant: state.applicant, references: [], appliedBy: cw, state }],
    });
    const reserved = `match-${caseId}`;
    let accepted: Promise<{ result(): Promise<unknown> }> | undefined;
    await inOneTask(taskQueue, h, {
      ready: () =>
        within(h.executeUpdate(reserveForMatchUpdate, { args: [{ matchId: reserved }] }), 30_000, 'reserved'),
      // With no worker polling, the match's signal and the withdrawal wait for one workflow task.
      send: async () => {
        await h.signal(matchConfirmedSignal, { matchId: confirming(reserved) });
        accepted = h.startUpdate(withdrawApplicationUpdate, {
          args: [{ reason: 'moved away', actor: cw }],
          waitForStage: WorkflowUpdateStage.ACCEPTED,
        });
        await new Promise((r) => setTimeout(r, 500));
      },
      then: async () => {
        const update = await within(accepted!, 30_000, 'the withdrawal is accepted');
        await within(update.result(), 30_000, 'the withdrawal is answered');
        await within(h.result(), 30_000, 'the record closes');
      },
    });
  },
  120_000,
);
