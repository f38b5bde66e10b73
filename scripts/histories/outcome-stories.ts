/**
 * The recorded lives that end the other way: a partnership application not approved, a
 * leave enrollment denied, a leave request denied by the supervisor after a claim given
 * back, an early-childhood application the committee declines, a youth referral closed
 * without a match, a first meeting recorded with its date, and a proposal that finds its
 * mentor's record ended (withdrawn while reserved). Without them no history executes those
 * branches, and `npm run replay-coverage` cannot tell whether a change there breaks running
 * cases. `npm run record-histories -- --only outcomes --suffix NAME` records these alone.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { certificationWorkflow } from '../../processes/certification/workflow';
import { eceCertificationWorkflow, eceCertificationWorkflowId } from '../../processes/ece/certification';
import { matchWorkflow, matchWorkflowId } from '../../processes/foster/match';
import {
  closeYouthReferralUpdate,
  reserveForMatchUpdate,
  withdrawApplicationUpdate,
} from '../../processes/foster/messages';
import { logPersonalTimeUpdate, requestLeaveUpdate } from '../../processes/mentoring-leave/messages';
import { mentoringLeaveWorkflow } from '../../processes/mentoring-leave/workflow';
import { laDate, laYear } from '../../platform/workflow/calendar';
import {
  caseRecordedUpdate,
  claimTaskUpdate,
  completeTaskUpdate,
  openTasksQuery,
  releaseTaskUpdate,
} from '../../platform/workflow/messages';
import type { Policy } from '../../platform/workflow/policy';
import { completed, cw1, leaveEnrollment, person, type Save } from './shared';
import { complete, fosterParties, proposal, referredYouth } from './foster-parties';

/** An enrollment denied; a request whose supervisor claims it, gives it back, then denies it. */
async function leaveStories(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const now = Number(await env.currentTimeMs());
  const year = laYear(now);
  const hr = person('hr-1', ['hr_officer'], { department: 'CDT' });
  const sup = person('sup-1', ['supervisor'], { department: 'CDT' });
  const start = async (n: number) => {
    const employee = person(`emp-history-${n}`, ['employee'], { department: 'CDT' });
    const h = await env.client.workflow.start(mentoringLeaveWorkflow, {
      taskQueue,
      workflowId: `mentoring-leave-${year}-emp-history-${n}`,
      args: [
        {
          caseId: `case-history-leave-${n}`,
          policy,
          enrolledBy: employee,
          enrollment: leaveEnrollment(year, { id: employee.id, name: `Employee ${n}`, email: `emp${n}@example.gov` }),
        },
      ],
    });
    await h.executeUpdate(caseRecordedUpdate);
    return { h, employee };
  };
  const denied = await start(4);
  await complete(denied.h, 'eligibility_review', 'deny', hr, { comment: 'No mentoring program on file' });
  await completed(denied.h);
  await save('mentoring-leave-enrollment-denied', denied.h);

  const request = await start(5);
  await complete(request.h, 'eligibility_review', 'approve', hr);
  const today = laDate(now);
  await request.h.executeUpdate(logPersonalTimeUpdate, {
    args: [{ date: today, hours: 4, kind: 'off_duty', description: 'mentoring', actor: request.employee }],
  });
  const coordinator = person('coord-1', ['org_coordinator'], { programId: 'prog-1' });
  await complete(request.h, 'verify_personal_hours', 'verify', coordinator);
  await request.h.executeUpdate(requestLeaveUpdate, {
    args: [{ date: today, hours: 2, attestNoTravel: true, actor: request.employee }],
  });
  const approval = (await request.h.query(openTasksQuery)).find((t) => t.type === 'supervisor_approval')!;
  await request.h.executeUpdate(claimTaskUpdate, { args: [{ taskId: approval.id, actor: sup }] });
  await request.h.executeUpdate(releaseTaskUpdate, { args: [{ taskId: approval.id, actor: sup }] });
  await complete(request.h, 'supervisor_approval', 'deny', sup, { comment: 'Staffing that day' });
  await request.h.terminate('history recorded');
  await save('mentoring-leave-request-denied', request.h);
}

/** A partnership application the reviewer does not approve; an ECE application declined 1 to 2. */
async function declinedApplications(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const cert = await env.client.workflow.start(certificationWorkflow, {
    taskQueue,
    workflowId: 'certification-prog-history-2-1',
    args: [
      {
        caseId: 'case-history-cert-denied',
        levelSought: 'partner',
        policy,
        appliedBy: person('staff', ['program_staff'], { programId: 'prog-history-2' }),
        program: {
          id: 'prog-history-2',
          name: 'Q',
          contactEmail: 'q@example.org',
          levelAtApplication: 'none',
          certifiedUntilAtApplication: null,
        },
      },
    ],
  });
  await cert.executeUpdate(caseRecordedUpdate);
  const reviewer = person('rev-1', ['quality_reviewer']);
  await complete(cert, 'application_review', 'deny', reviewer, { comment: 'No closure procedure' });
  await completed(cert);
  await save('certification-denied', cert);

  const college = 'college-history';
  const ece = await env.client.workflow.start(eceCertificationWorkflow, {
    taskQueue,
    workflowId: eceCertificationWorkflowId('ece-history-3'),
    args: [
      {
        caseId: 'ece-history-3',
        collegeId: college,
        person: { id: 'ece-mentor-3', name: 'N', email: 'n@example.org' },
        role: 'mentor_teacher',
        site: 'S',
        yearsExperience: 3,
        permitLevel: 'Teacher',
        evidence: 'E',
        policy,
        appliedBy: person('cc-1', ['college_coordinator'], { collegeId: college }),
      },
    ],
  });
  await ece.executeUpdate(caseRecordedUpdate);
  for (const [i, vote] of (['decline', 'approve', 'decline'] as const).entries()) {
    const member = person(`sc-${i + 1}`, ['selection_committee'], { collegeId: college });
    const task = (await ece.query(openTasksQuery)).find(
      (t) =>
        t.type === 'committee_vote' &&
        (t.candidates.includes(`user:${member.id}`) || !t.candidates.some((c) => c.startsWith('user:'))),
    )!;
    await ece.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, outcome: vote, actor: member }] });
  }
  await completed(ece);
  await save('ece-certification-declined', ece);
}

/** A referral closed unmatched; a first meeting held on a given date; a proposal whose mentor withdrew. */
async function fosterStories(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const unmatched = await referredYouth(env, taskQueue, policy, 20);
  const closing = { reason: 'The family moved out of state', actor: cw1 };
  await unmatched.executeUpdate(closeYouthReferralUpdate, { args: [closing] });
  await completed(unmatched);
  await save('youth-referral-closed', unmatched);

  const dated = await fosterParties(env, taskQueue, policy, 21);
  const match = await proposal(env, taskQueue, policy, dated, 21, 'match-history-dated');
  await match.executeUpdate(caseRecordedUpdate);
  await complete(match, 'consent', 'accept', cw1, { data: { how: 'phone' } });
  const meetingDate = laDate(Number(await env.currentTimeMs()));
  await complete(match, 'first_meeting', 'done', cw1, { data: { meetingDate } });
  await match.terminate('history recorded');
  await save('match-met-on-date', match);

  const gone = await fosterParties(env, taskQueue, policy, 22);
  for (const h of [gone.mentor, gone.youth]) {
    await h.executeUpdate(reserveForMatchUpdate, { args: [{ matchId: 'match-history-gone' }] });
  }
  await gone.mentor.executeUpdate(withdrawApplicationUpdate, { args: [{ reason: 'Moved away', actor: cw1 }] });
  await completed(gone.mentor);
  const cancelled = await env.client.workflow.start(matchWorkflow, {
    taskQueue,
    workflowId: matchWorkflowId('match-history-gone'),
    args: [
      {
        caseId: 'match-history-gone',
        mentorCaseId: 'mentor-history-22',
        youthCaseId: 'youth-history-22',
        mentorWorkflowId: gone.mentor.workflowId,
        youthWorkflowId: gone.youth.workflowId,
        caseWorkerId: cw1.id,
        socialWorker: { id: 'sw-1', email: 's@example.org' },
        caregiverName: 'C',
        rationale: 'r',
        policy,
        proposedBy: cw1,
      },
    ],
  });
  await completed(cancelled);
  await save('match-cancelled-at-start', cancelled);
  for (const h of [dated.mentor, dated.youth, gone.youth]) await h.terminate('history recorded');
}

/**
 * A first meeting recorded two days after it was held (the day the match was accepted):
 * the schedule counts from noon of that day, not from when it was recorded.
 * `npm run record-histories -- --only late-meeting` records it alone.
 */
export async function lateMeetingStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const parties = await fosterParties(env, taskQueue, policy, 23);
  const match = await proposal(env, taskQueue, policy, parties, 23, 'match-history-met-late');
  await match.executeUpdate(caseRecordedUpdate);
  await complete(match, 'consent', 'accept', cw1, { data: { how: 'phone' } });
  const accepted = laDate(Number(await env.currentTimeMs()));
  await env.sleep(2 * 86_400_000);
  await complete(match, 'first_meeting', 'done', cw1, { data: { meetingDate: accepted } });
  await match.terminate('history recorded');
  await save('match-met-late', match);
  for (const h of [parties.mentor, parties.youth]) await h.terminate('history recorded');
}

export async function outcomeStories(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  await leaveStories(env, taskQueue, policy, save);
  await declinedApplications(env, taskQueue, policy, save);
  await fosterStories(env, taskQueue, policy, save);
  await lateMeetingStory(env, taskQueue, policy, save);
}
