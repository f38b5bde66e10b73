/**
 * Recorded lives of early-childhood mentoring (docs/processes/early-childhood.md): a certification voted in
 * (2 to 1), holding a placement, renewed with 12 development hours; one that lapses with a
 * placement open and closes when that placement ends; a placement through acceptance,
 * hours, evaluations and close; one never accepted, cancelled at the end of its term.
 * `npm run record-histories -- --only ece` records these alone.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { eceCertificationWorkflow, eceCertificationWorkflowId } from '../../processes/ece/certification';
import {
  logDevelopmentUpdate,
  logPlacementHoursUpdate,
  placementEndedSignal,
  reservePlacementUpdate,
} from '../../processes/ece/messages';
import { ecePlacementWorkflow, ecePlacementWorkflowId } from '../../processes/ece/placement';
import { laDate } from '../../platform/workflow/calendar';
import {
  caseDetailsQuery,
  caseRecordedUpdate,
  completeTaskUpdate,
  openTasksQuery,
} from '../../platform/workflow/messages';
import type { Policy } from '../../platform/workflow/policy';
import type { ActingUser } from '../../platform/workflow/records';
import { completed, person, until, type Save } from './shared';

const DAY = 86_400_000;
const COLLEGE = 'college-history';
const coordinator = person('cc-1', ['college_coordinator'], { collegeId: COLLEGE });
const member = (n: number) => person(`sc-${n}`, ['selection_committee'], { collegeId: COLLEGE });

async function complete(
  h: WorkflowHandle,
  type: string,
  outcome: string,
  actor: ActingUser,
  extra: { comment?: string; data?: Record<string, unknown> } = {},
) {
  const task = (await h.query(openTasksQuery)).find(
    (t) =>
      t.type === type &&
      (t.candidates.includes(`user:${actor.id}`) || !t.candidates.some((c) => c.startsWith('user:'))),
  )!;
  await h.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, outcome, ...extra, actor }] });
}

export async function eceStories(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const now = () => env.currentTimeMs().then(Number);
  const certify = async (id: string, votes: ('approve' | 'decline')[]) => {
    const mentor = person(`ece-mentor-${id}`, ['ece_mentor']);
    const h = await env.client.workflow.start(eceCertificationWorkflow, {
      taskQueue,
      workflowId: eceCertificationWorkflowId(id),
      args: [
        {
          caseId: id,
          collegeId: COLLEGE,
          person: { id: mentor.id, name: 'M', email: 'm@example.org' },
          role: 'mentor_teacher',
          site: 'S',
          yearsExperience: 8,
          permitLevel: 'Master Teacher',
          evidence: 'E',
          policy,
          appliedBy: coordinator,
        },
      ],
    });
    await h.executeUpdate(caseRecordedUpdate);
    for (const [i, v] of votes.entries()) await complete(h, 'committee_vote', v, member(i + 1));
    return { h, mentor };
  };

  // Voted in 2 to 1, holds a placement that ends, renewed with 12 development hours.
  const renewed = await certify('ece-history-1', ['approve', 'decline', 'approve']);
  await renewed.h.executeUpdate(reservePlacementUpdate, {
    args: [{ placementId: 'placement-history-0', kind: 'student' }],
  });
  await renewed.h.signal(placementEndedSignal, { placementId: 'placement-history-0' });
  await renewed.h.executeUpdate(logDevelopmentUpdate, {
    args: [{ date: laDate(await now()), hours: 12, topic: 'Reflective supervision', actor: renewed.mentor }],
  });
  const firstUntil = (await renewed.h.query(caseDetailsQuery)).certifiedUntil;
  await env.sleep(2 * 366 * DAY + 2 * DAY);
  await until(async () => (await renewed.h.query(caseDetailsQuery)).certifiedUntil !== firstUntil);
  await renewed.h.terminate('history recorded');
  await save('ece-certification-renewed', renewed.h);

  // Lapses with a placement open; the record closes once that placement ends.
  const lapsed = await certify('ece-history-2', ['approve', 'approve', 'approve']);
  await lapsed.h.executeUpdate(reservePlacementUpdate, {
    args: [{ placementId: 'placement-history-9', kind: 'student' }],
  });
  await env.sleep(2 * 366 * DAY + 2 * DAY);
  await lapsed.h.signal(placementEndedSignal, { placementId: 'placement-history-9' });
  await completed(lapsed.h);
  await save('ece-certification-lapsed', lapsed.h);

  // A placement from acceptance to close.
  const start = await now();
  const place = async (id: string) => {
    const mentee = person(`ece-mentee-${id}`, ['ece_student']);
    const h = await env.client.workflow.start(ecePlacementWorkflow, {
      taskQueue,
      workflowId: ecePlacementWorkflowId(id),
      args: [
        {
          caseId: id,
          collegeId: COLLEGE,
          mentorCaseId: 'ece-history-1',
          mentorWorkflowId: renewed.h.workflowId,
          mentor: { id: renewed.mentor.id, name: 'M', email: 'm@example.org', role: 'mentor_teacher' },
          mentee: { id: mentee.id, name: 'S', email: 's@example.org', kind: 'student' },
          term: { start: laDate(start), end: laDate(start + 30 * DAY) },
          policy,
          placedBy: coordinator,
        },
      ],
    });
    await h.executeUpdate(caseRecordedUpdate);
    return { h, mentee };
  };
  const closed = await place('placement-history-1');
  await complete(closed.h, 'accept_placement', 'accept', renewed.mentor);
  await closed.h.executeUpdate(logPlacementHoursUpdate, {
    args: [{ date: laDate(start), hours: 3, activity: 'Observation', actor: closed.mentee }],
  });
  await complete(closed.h, 'confirm_hours', 'confirm', renewed.mentor);
  const cancelled = await place('placement-history-2');
  await env.sleep(32 * DAY);
  await complete(closed.h, 'evaluation', 'done', renewed.mentor, { data: { rating: 5 } });
  await complete(closed.h, 'evaluation', 'done', closed.mentee, { data: { rating: 4 } });
  await complete(closed.h, 'close_placement', 'closed', coordinator);
  await completed(closed.h);
  await completed(cancelled.h);
  await save('ece-placement-closed', closed.h);
  await save('ece-placement-cancelled', cancelled.h);
}
