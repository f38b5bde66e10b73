/**
 * Recorded stories that reach what the other recordings pass by without a trace (found by
 * `npm run replay-coverage`): a Partner window whose first reminder falls on its opening, a
 * case started with a policy that has no `midnightSpread` (as every case before that
 * setting), a program record whose registration is still being written when the API asks
 * whether it is recorded, a match under a check-in cadence of zero, and an early-childhood
 * certification that lapses holding no placement (its `lapsed` e-mail, not the one naming
 * open placements). `npm run record-histories -- --only coverage` records the first three
 * alone, `--only zero-cadence` the match, `--only ece-lapse` the certification.
 */
import { WorkflowUpdateStage } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { certificationWorkflow, certificationWorkflowId } from '../../processes/certification/workflow';
import { eceCertificationWorkflow, eceCertificationWorkflowId } from '../../processes/ece/certification';
import { programRecordWorkflow, programWorkflowId, setProgramLevelUpdate } from '../../processes/programs/workflow';
import { laYear } from '../../platform/workflow/calendar';
import { caseRecordedUpdate, completeTaskUpdate, openTasksQuery } from '../../platform/workflow/messages';
import type { Policy } from '../../platform/workflow/policy';
import { faults } from './more-stories';
import { fosterParties, proposal } from './foster-parties';
import { completed, cw1, person, type Save, startLeaveCase } from './shared';

const DAY = 86_400_000;
const reviewer = person('rev-1', ['quality_reviewer']);
const realSleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function coverageStories(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  // A renewal under a 30-day window with a reminder at 30 days: that reminder's moment is
  // the window's opening, so it is sent (one a moment earlier would be skipped).
  const renewal = await env.client.workflow.start(certificationWorkflow, {
    taskQueue,
    workflowId: certificationWorkflowId('prog-history-31', 1),
    args: [
      {
        caseId: 'case-history-31',
        levelSought: 'partner',
        policy: {
          ...policy,
          certification: { ...policy.certification, partnerWindow: 'P30D', windowReminders: ['P30D', 'P7D'] },
        },
        appliedBy: person('staff-31', ['program_staff'], { programId: 'prog-history-31' }),
        program: {
          id: 'prog-history-31',
          name: 'S',
          contactEmail: 's@example.org',
          levelAtApplication: 'partner',
          certifiedUntilAtApplication: '2031-06-30',
        },
      },
    ],
  });
  await renewal.executeUpdate(caseRecordedUpdate);
  const review = (await renewal.query(openTasksQuery)).find((t) => t.type === 'application_review')!;
  await renewal.executeUpdate(completeTaskUpdate, {
    args: [{ taskId: review.id, outcome: 'approve', actor: reviewer }],
  });
  await env.sleep(31 * DAY);
  await completed(renewal);
  await save('certification-window-opens-with-reminder', renewal);

  // A leave case whose policy has no `midnightSpread`, as a case started before the setting:
  // its eligibility review escalates at the close of day spread by the default window.
  const now = Number(await env.currentTimeMs());
  const year = laYear(now);
  const { midnightSpread: _dropped, ...withoutSpread } = policy;
  const leave = await startLeaveCase(env, taskQueue, withoutSpread, year, person('emp-history-30', ['employee']), 30);
  await leave.executeUpdate(caseRecordedUpdate);
  await env.sleep(14 * DAY); // past the review's deadline and its escalation
  await leave.terminate('history recorded');
  await save('mentoring-leave-no-midnight-spread', leave);

  // The read model is slow (3 s a write) when a program is registered: the API's question
  // whether it is recorded waits for the registration, and an admin's level import arrives
  // meanwhile (its write begins before the question is answered).
  faults.writeDelayMs = 3000;
  const program = await env.client.workflow.start(programRecordWorkflow, {
    taskQueue,
    workflowId: programWorkflowId('prog-history-30'),
    args: [
      {
        policy,
        createdBy: person('admin', ['admin']),
        program: {
          id: 'prog-history-30',
          name: 'T',
          organization: 'O',
          contactEmail: 't@example.org',
          county: 'Yolo',
          startedOn: '2015-01-01',
          minimumMatchMonths: 12,
          level: 'none',
          certifiedUntil: null,
          createdBy: 'admin',
          createdAt: new Date(now).toISOString(),
        },
      },
    ],
  });
  const recorded = await program.startUpdate(caseRecordedUpdate, { waitForStage: WorkflowUpdateStage.ACCEPTED });
  // Meanwhile an admin imports the program's level: its write starts before the answer.
  const partnerUntil = new Date(now + 400 * DAY).toISOString().slice(0, 10);
  await program.executeUpdate(setProgramLevelUpdate, {
    args: [{ level: 'partner', certifiedUntil: partnerUntil, note: 'import', actor: person('admin', ['admin']) }],
  });
  await recorded.result();
  faults.writeDelayMs = 0;
  await program.terminate('history recorded');
  await save('program-record-slow-registration', program);
}

export async function zeroCadenceStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  // A match under a check-in cadence of zero (the policy schema admits it): each check-in
  // is due the moment the last one opened, so from the first check-in on the match opens
  // one after another, for ever (never idle, never continuing as new: its history grew to
  // 5,247 events in a minute when let run). Recorded up to its third check-in task.
  const zero = { ...policy, foster: { ...policy.foster, checkInEvery: 'P0D' } };
  const parties = await fosterParties(env, taskQueue, policy, 30);
  const match = await proposal(env, taskQueue, zero, parties, 30, 'match-history-zero-cadence');
  await match.executeUpdate(caseRecordedUpdate);
  for (const [type, outcome] of [
    ['consent', 'accept'],
    ['first_meeting', 'done'],
  ]) {
    for (const task of (await match.query(openTasksQuery)).filter((t) => t.type === type)) {
      const actor = task.ref === 'social_worker' ? person('sw-1', ['social_worker']) : cw1;
      const data = type === 'consent' ? { how: 'phone' } : undefined;
      await match.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, outcome, data, actor }] });
    }
  }
  // Up to half a minute before the first check-in: time cannot skip past it (the match is
  // never idle from then on), so the rest passes in real time.
  await env.sleep(14 * DAY - 30_000);
  const checkIns = async () => (await match.query(openTasksQuery)).filter((t) => t.type === 'check_in').length;
  for (let i = 0; i < 1200 && (await checkIns()) < 3; i++) await realSleep(100);
  await match.terminate('history recorded');
  await save('match-zero-cadence', match);
  for (const h of [parties.mentor, parties.youth]) await h.terminate('history recorded');
}

export async function eceLapseStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  // Voted in 3 to 0, never reserved for a placement, no development logged: after its two
  // reminders it lapses with no placement open, so its e-mail is `lapsed` (not the one that
  // lists open placements) and the record closes at once.
  const college = { collegeId: 'college-history' };
  const h = await env.client.workflow.start(eceCertificationWorkflow, {
    taskQueue,
    workflowId: eceCertificationWorkflowId('ece-history-4'),
    args: [
      {
        caseId: 'ece-history-4',
        collegeId: college.collegeId,
        person: { id: 'ece-mentor-4', name: 'L', email: 'l@example.org' },
        role: 'mentor_teacher',
        site: 'S',
        yearsExperience: 6,
        permitLevel: 'Master Teacher',
        evidence: 'E',
        policy,
        appliedBy: person('cc-1', ['college_coordinator'], college),
      },
    ],
  });
  await h.executeUpdate(caseRecordedUpdate);
  for (const n of [1, 2, 3]) {
    const vote = (await h.query(openTasksQuery)).find((t) => t.type === 'committee_vote')!;
    const member = person(`sc-${n}`, ['selection_committee'], college);
    await h.executeUpdate(completeTaskUpdate, { args: [{ taskId: vote.id, outcome: 'approve', actor: member }] });
  }
  await env.sleep(2 * 366 * DAY + 2 * DAY);
  await completed(h);
  await save('ece-certification-lapsed-no-placements', h);
}
