/**
 * The early-childhood mentor application the workflow tests start (a mentor teacher at one
 * college, applied for by its coordinator) and the committee's three approving votes.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { completeTaskUpdate, openTasksQuery } from '../../../../platform/workflow/messages';
import type { Policy } from '../../../../platform/workflow/policy';
import type { ActingUser } from '../../../../platform/workflow/records';
import { person } from '../../../../test/workflows/harness';
import type { EceCertificationInput } from '../../types';

/** A mentor teacher's application at college c1, as its coordinator sends it. */
export const eceApplication = (
  caseId: string,
  mentor: { id: string; name: string; email: string },
  appliedBy: ActingUser,
  policy: Policy,
): EceCertificationInput => ({
  caseId,
  collegeId: 'c1',
  person: mentor,
  role: 'mentor_teacher',
  site: 'Sunrise',
  yearsExperience: 9,
  permitLevel: 'Master Teacher',
  evidence: 'QRIS tier 4',
  policy,
  appliedBy,
});

/** The selection committee's three approving votes (members `<prefix>-1` to `-3`): the mentor is certified. */
export async function certifiedByCommittee(h: WorkflowHandle, prefix: string): Promise<void> {
  for (const n of [1, 2, 3]) {
    const vote = (await h.query(openTasksQuery)).find((t) => t.type === 'committee_vote')!;
    await h.executeUpdate(completeTaskUpdate, {
      args: [
        {
          taskId: vote.id,
          outcome: 'approve',
          actor: person(`${prefix}-${n}`, ['selection_committee'], { collegeId: 'c1' }),
        },
      ],
    });
  }
}
