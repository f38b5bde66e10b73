/**
 * A party's record reserved by a match proposal right after it starts, on a worker that
 * keeps no workflow in its cache (every task replays the whole history, as after a
 * restart): the proposal's Update can arrive with the record's first activation, and
 * setHandler runs it at once. What the record does at its start (holding a reservation
 * carried over from its previous run) must not depend on that, or a replay that delivers
 * the Update later finds other commands: the record fails its tasks for ever and the
 * proposal never gets an answer. Found by the simulation (match scenarios on the uncached worker).
 */
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { reserveForMatchUpdate } from '../../messages';
import { mentorScreeningWorkflowId } from '../../ids';
import { mentorScreeningWorkflow } from '../../mentor-screening';
import { approvedMentor } from './mentor-fixtures';
import { env, person, policy, within } from '../../../../test/workflows/harness';

const cw = person('cw-res', ['case_worker']);

test('a reservation sent as an approved mentor record starts is answered, and its history replays', async () => {
  const taskQueue = `res-nocache-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! },
    maxCachedWorkflows: 0,
    activities: {
      recordTransition: async () => ({ emailsSent: 0 }),
      recordIncident: async () => undefined,
      caseRecorded: async () => ({ recorded: true }),
      deliverEmails: async () => ({ sent: 0 }),
    },
  });
  const running = worker.run();
  try {
    const caseId = randomUUID();
    const now = new Date(Date.now()).toISOString();
    const state = approvedMentor(cw, caseId, now);
    const h = await env.client.workflow.start(mentorScreeningWorkflow, {
      taskQueue,
      workflowId: mentorScreeningWorkflowId(caseId),
      args: [
        {
          policy,
          caseWorkerId: cw.id,
          caseId,
          applicant: state.applicant,
          references: [],
          appliedBy: cw,
          state,
        },
      ],
    });
    const r = await within(
      h.executeUpdate(reserveForMatchUpdate, { args: [{ matchId: `match-${caseId}` }] }),
      30_000,
      'the reservation is answered',
    );
    expect(r.reservedUntil).toBeTruthy();
    const history = await h.fetchHistory();
    const failed = (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes);
    expect(failed.map((e) => e.workflowTaskFailedEventAttributes?.failure?.message)).toEqual([]);
    await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, history);
  } finally {
    worker.shutdown();
    await running;
  }
}, 120_000);
