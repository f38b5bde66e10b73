/**
 * A mentor's certification told a placement's end (a signal that only changes the state: no
 * command from its handler) in the same workflow task as another placement's reservation (an
 * Update that starts its hold timer at once), on a worker that keeps no workflow in its cache.
 * Whatever order core hands the two over in, the case fails no workflow task and replays.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateStage } from '@temporalio/client';
import { eceCertificationWorkflow, eceCertificationWorkflowId } from '../../certification';
import { placementEndedSignal, reservePlacementUpdate } from '../../messages';
import { caseDetailsQuery, caseRecordedUpdate } from '../../../../platform/workflow/messages';
import { env, inOneTask, person, policy, within } from '../../../../test/workflows/harness';
import { eceApplication, certifiedByCommittee } from './ece-fixtures';

const coordinator = person('cc-sig', ['college_coordinator'], { collegeId: 'c1' });

test.each([
  ['signal first', ['signal', 'update']],
  ['Update first', ['update', 'signal']],
] as const)(
  "a placement's end and another's reservation in one task (%s): both taken, and it replays",
  async (_l, order) => {
    const queue = `ece-sig-${randomUUID()}`;
    const caseId = randomUUID();
    const h = env.client.workflow.getHandle(eceCertificationWorkflowId(caseId));
    const ended = randomUUID();
    const next = randomUUID();
    let accepted: Promise<{ result(): Promise<unknown> }> | undefined;
    await inOneTask(queue, h, {
      ready: async () => {
        await env.client.workflow.start(eceCertificationWorkflow, {
          taskQueue: queue,
          workflowId: eceCertificationWorkflowId(caseId),
          args: [
            eceApplication(
              caseId,
              { id: 'mentor-sig', name: 'Maya Mentor', email: 'maya@example.org' },
              coordinator,
              policy,
            ),
          ],
        });
        await h.executeUpdate(caseRecordedUpdate);
        await certifiedByCommittee(h, 'member-sig');
        await h.executeUpdate(reservePlacementUpdate, { args: [{ placementId: ended, kind: 'student' }] });
      },
      send: async () => {
        for (const kind of order) {
          if (kind === 'signal') await h.signal(placementEndedSignal, { placementId: ended });
          else {
            accepted = h.startUpdate(reservePlacementUpdate, {
              args: [{ placementId: next, kind: 'student' }],
              waitForStage: WorkflowUpdateStage.ACCEPTED,
            });
            await new Promise((r) => setTimeout(r, 500));
          }
        }
      },
      then: async () => {
        const update = await within(accepted!, 30_000, 'the reservation is accepted');
        await within(update.result(), 30_000, 'the reservation is answered');
        expect((await h.query(caseDetailsQuery)).openPlacements).toEqual([next]);
        await new Promise((r) => setTimeout(r, 1_000));
      },
    });
    await h.terminate('done');
  },
  120_000,
);
