/**
 * A mentor's placement reservations at the workflow level: a placement that has started
 * holds its mentor even while its read-model row is missing (its first write waiting on an
 * incident), so a mentor never holds more than the limit; only a reservation whose
 * placement never started is let go after the hold.
 */
import { randomUUID } from 'node:crypto';
import { eceCertificationWorkflow, eceCertificationWorkflowId } from '../../certification';
import { reservePlacementUpdate } from '../../messages';
import { ecePlacementWorkflow, ecePlacementWorkflowId } from '../../placement';
import { caseDetailsQuery, caseRecordedUpdate } from '../../../../platform/workflow/messages';
import { laDate } from '../../../../platform/workflow/calendar';
import { env, faults, person, policy, taskQueue } from '../../../../test/workflows/harness';
import { eceApplication, certifiedByCommittee } from './ece-fixtures';

const MINUTE = 60_000;
const coordinator = person('cc-wf', ['college_coordinator'], { collegeId: 'c1' });
const mentor = { id: 'mentor-wf', name: 'Maya Mentor', email: 'maya@example.org' };

async function certifiedMentor() {
  const caseId = randomUUID();
  const h = await env.client.workflow.start(eceCertificationWorkflow, {
    taskQueue,
    workflowId: eceCertificationWorkflowId(caseId),
    args: [eceApplication(caseId, mentor, coordinator, policy)],
  });
  await h.executeUpdate(caseRecordedUpdate);
  await certifiedByCommittee(h, 'member');
  return { h, caseId };
}

const held = async (h: Awaited<ReturnType<typeof certifiedMentor>>['h']) =>
  (await h.query(caseDetailsQuery)).openPlacements as string[];

test('a started placement keeps its mentor though its row is missing; one that never started is let go', async () => {
  const { h, caseId } = await certifiedMentor();
  faults.notRecorded = true; // the read model shows neither placement
  const started = randomUUID();
  const never = randomUUID();
  await h.executeUpdate(reservePlacementUpdate, { args: [{ placementId: started, kind: 'student' }] });
  await h.executeUpdate(reservePlacementUpdate, { args: [{ placementId: never, kind: 'student' }] });
  await env.client.workflow.start(ecePlacementWorkflow, {
    taskQueue,
    workflowId: ecePlacementWorkflowId(started),
    args: [
      {
        caseId: started,
        collegeId: 'c1',
        mentorCaseId: caseId,
        mentorWorkflowId: eceCertificationWorkflowId(caseId),
        mentor: { ...mentor, role: 'mentor_teacher' },
        mentee: { id: 'student-wf', name: 'Sam', email: 'sam@example.org', kind: 'student' },
        term: { start: '2027-01-10', end: '2027-05-20' },
        policy,
        placedBy: coordinator,
      },
    ],
  });
  await env.sleep(10 * MINUTE); // past the 5-minute hold
  expect(await held(h)).toEqual([started]);
});

test('a reservation carried over a continue-as-new is let go when its hold ends, counted from the reservation', async () => {
  faults.notRecorded = true;
  const now = Number(await env.currentTimeMs());
  const caseId = randomUUID();
  const never = randomUUID();
  const application = {
    collegeId: 'c1',
    person: mentor,
    role: 'mentor_teacher' as const,
    site: 'Sunrise',
    yearsExperience: 9,
    permitLevel: 'Master Teacher',
    evidence: 'QRIS tier 4',
  };
  // The run a continue-as-new starts: a certified mentor whose reservation was made 4 minutes ago.
  const at = new Date(now - 4 * MINUTE).toISOString();
  const state = {
    ...application,
    caseId,
    type: 'ece_certification' as const,
    stage: 'certified' as const,
    status: 'open' as const,
    subject: 'Mentor Teacher certification',
    viewers: [`user:${mentor.id}`],
    version: 3,
    createdAt: at,
    updatedAt: at,
    recorded: true,
    tasks: {},
    votes: [],
    development: [],
    remindersSent: 0,
    certifiedAt: at,
    certifiedUntil: '2030-06-30',
    periodStart: laDate(now),
    openPlacements: [{ placementId: never, since: at }],
  };
  const h = await env.client.workflow.start(eceCertificationWorkflow, {
    taskQueue,
    workflowId: eceCertificationWorkflowId(caseId),
    args: [{ ...application, caseId, policy, appliedBy: coordinator, state }],
  });
  expect(await held(h)).toEqual([never]);
  // Five minutes after the reservation (two after this run began), not five after it.
  await env.sleep(2 * MINUTE);
  expect(await held(h)).toEqual([]);
});
