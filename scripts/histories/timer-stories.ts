/**
 * Recorded stories that reach the timers and endings the main stories do not: an
 * Affiliate application, a Partner window that runs out (reminders, back to Affiliate), a
 * renewal whose window runs out (the certificate stays), a
 * program record continuing as new, a mentor application left pending (reference
 * reminder, phone follow-up, 30-day target) and then withdrawn, a screening that continues
 * as new half-way and is declined in its second run, and a match that reaches
 * its anniversary and closes only once its safety review is done.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { certificationWorkflow, certificationWorkflowId } from '../../processes/certification/workflow';
import {
  closeMatchUpdate,
  logTrainingUpdate,
  referenceAnswerUpdate,
  withdrawApplicationUpdate,
} from '../../processes/foster/messages';
import { mentorScreeningWorkflow, mentorScreeningWorkflowId } from '../../processes/foster/mentor-screening';
import { programRecordWorkflow, programWorkflowId, setProgramLevelUpdate } from '../../processes/programs/workflow';
import {
  caseDetailsQuery,
  caseRecordedUpdate,
  completeTaskUpdate,
  openTasksQuery,
} from '../../platform/workflow/messages';
import type { Policy } from '../../platform/workflow/policy';
import type { ActingUser } from '../../platform/workflow/records';
import { completed, continuedAsNew, cw1, person, startMatch, type Save } from './shared';

const DAY = 86_400_000;
const reviewer = person('rev-1', ['quality_reviewer']);
const caseSup = person('csup-1', ['case_supervisor']);

async function completeAll(
  h: WorkflowHandle,
  type: string,
  outcome: string,
  actor: ActingUser,
  extra: { comment?: string; data?: Record<string, unknown> } = {},
) {
  for (const t of (await h.query(openTasksQuery)).filter((x) => x.type === type)) {
    await h.executeUpdate(completeTaskUpdate, {
      args: [
        {
          taskId: t.id,
          outcome,
          ...extra,
          actor: t.type === 'consent' && t.ref === 'social_worker' ? person('sw-1', ['social_worker']) : actor,
        },
      ],
    });
  }
}

export async function certificationTimerStories(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  const id = 'prog-history-2';
  const program = await env.client.workflow.start(programRecordWorkflow, {
    taskQueue,
    workflowId: programWorkflowId(id),
    args: [
      {
        policy: { ...policy, maxHistoryEvents: 70 },
        createdBy: person('admin', ['admin']),
        program: {
          id,
          name: 'Q',
          organization: 'O',
          contactEmail: 'q@example.org',
          county: 'Yolo',
          startedOn: '2015-01-01',
          minimumMatchMonths: 12,
          level: 'none',
          certifiedUntil: null,
          createdBy: 'admin',
          createdAt: new Date(Number(await env.currentTimeMs())).toISOString(),
        },
      },
    ],
  });
  const firstRun = program.firstExecutionRunId;
  await program.executeUpdate(caseRecordedUpdate);
  const summary = (level: 'none' | 'affiliate' | 'partner', certifiedUntil: string | null = null) => ({
    id,
    name: 'Q',
    contactEmail: 'q@example.org',
    levelAtApplication: level,
    certifiedUntilAtApplication: certifiedUntil,
  });

  const affiliate = await env.client.workflow.start(certificationWorkflow, {
    taskQueue,
    workflowId: certificationWorkflowId(id, 1),
    args: [
      {
        caseId: 'case-history-4',
        levelSought: 'affiliate',
        policy,
        appliedBy: person('staff-2', ['program_staff'], { programId: id }),
        program: summary('none'),
      },
    ],
  });
  await affiliate.executeUpdate(caseRecordedUpdate);
  await completeAll(affiliate, 'application_review', 'approve', reviewer);
  await affiliate.result();
  await save('certification-affiliate', affiliate);

  // Partner sought, self-assessment never submitted: reminders, then back to Affiliate.
  const lapsed = await env.client.workflow.start(certificationWorkflow, {
    taskQueue,
    workflowId: certificationWorkflowId(id, 2),
    args: [
      {
        caseId: 'case-history-5',
        levelSought: 'partner',
        policy,
        appliedBy: person('staff-2', ['program_staff'], { programId: id }),
        program: summary('affiliate'),
      },
    ],
  });
  await lapsed.executeUpdate(caseRecordedUpdate);
  await completeAll(lapsed, 'application_review', 'approve', reviewer);
  await env.sleep(125 * DAY);
  await lapsed.result();
  await save('certification-window-expired', lapsed);

  // A Partner renewing whose window runs out: only the renewal ends, the certificate stays.
  const renewal = await env.client.workflow.start(certificationWorkflow, {
    taskQueue,
    workflowId: certificationWorkflowId(id, 3),
    args: [
      {
        caseId: 'case-history-6',
        levelSought: 'partner',
        policy,
        appliedBy: person('staff-2', ['program_staff'], { programId: id }),
        program: summary('partner', '2031-06-30'),
      },
    ],
  });
  await renewal.executeUpdate(caseRecordedUpdate);
  await completeAll(renewal, 'application_review', 'approve', reviewer);
  await env.sleep(125 * DAY);
  await renewal.result();
  await save('certification-renewal-window-expired', renewal);

  // The program record takes enough level changes to continue as new.
  for (let i = 0; i < 6; i++) {
    await program.executeUpdate(setProgramLevelUpdate, {
      args: [{ level: i % 2 ? 'affiliate' : 'none', note: `import ${i}`, actor: person('admin', ['admin']) }],
    });
  }
  await continuedAsNew(program, firstRun);
  await program.terminate('history recorded');
  await save('program-record-continued-run1', program, firstRun);
}

export async function fosterTimerStories(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  save: Save,
): Promise<void> {
  // An application left pending: reminder after 7 days, follow-up after 14, target after 30; then withdrawn.
  const pending = await env.client.workflow.start(mentorScreeningWorkflow, {
    taskQueue,
    workflowId: mentorScreeningWorkflowId('mentor-history-2'),
    args: [
      {
        caseId: 'mentor-history-2',
        caseWorkerId: 'cw-1',
        policy,
        appliedBy: cw1,
        applicant: {
          name: 'B Mentor',
          email: 'b@example.org',
          phone: '5550100',
          dateOfBirth: '1985-01-01',
          languages: [],
          interests: [],
          formerFosterYouth: false,
        },
        references: [
          { name: 'R3', email: 'r3@example.org', relationship: 'coworker' },
          { name: 'R4', email: 'r4@example.org', relationship: 'neighbor' },
        ],
      },
    ],
  });
  await pending.executeUpdate(caseRecordedUpdate);
  await env.sleep(31 * DAY);
  await pending.executeUpdate(withdrawApplicationUpdate, { args: [{ reason: 'Moved away', actor: cw1 }] });
  await pending.result();
  await save('mentor-screening-pending-withdrawn', pending);

  // A screening whose history fills up half-way: it continues as new with its open tasks
  // and answers, and the next run finishes it (declined: the case closes).
  const long = await env.client.workflow.start(mentorScreeningWorkflow, {
    taskQueue,
    workflowId: mentorScreeningWorkflowId('mentor-history-3'),
    args: [
      {
        caseId: 'mentor-history-3',
        caseWorkerId: 'cw-1',
        policy: { ...policy, maxHistoryEvents: 40 },
        appliedBy: cw1,
        applicant: {
          name: 'C Mentor',
          email: 'c@example.org',
          phone: '5550101',
          dateOfBirth: '1980-01-01',
          languages: [],
          interests: [],
          formerFosterYouth: false,
        },
        references: [
          { name: 'R5', email: 'r5@example.org', relationship: 'coworker' },
          { name: 'R6', email: 'r6@example.org', relationship: 'neighbor' },
        ],
      },
    ],
  });
  const longFirstRun = long.firstExecutionRunId;
  await long.executeUpdate(caseRecordedUpdate);
  await completeAll(long, 'background_check', 'clear', cw1);
  await continuedAsNew(long, longFirstRun);
  await save('mentor-screening-continued-run1', long, longFirstRun);
  await completeAll(long, 'interview', 'pass', cw1);
  for (const ref of (await long.query(caseDetailsQuery)).references as { id: string }[]) {
    await long.executeUpdate(referenceAnswerUpdate, { args: [{ referenceId: ref.id, recommendation: 'yes' }] });
  }
  await long.executeUpdate(logTrainingUpdate, {
    args: [{ date: '2026-01-10', hours: 6, module: 'Orientation', actor: cw1 }],
  });
  await completeAll(long, 'screening_decision', 'decline', caseSup, { comment: 'Not now' });
  await completed(long);
  await save('mentor-screening-continued-run2', long);
}

/** With an approved mentor and a ready youth (both free): the anniversary, then a closure waiting on a safety review. */
export async function matchLifeStory(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  policy: Policy,
  mentor: WorkflowHandle,
  youth: WorkflowHandle,
  save: Save,
): Promise<void> {
  const match = await startMatch(env, taskQueue, policy, mentor, youth, 'match-history-life');
  await match.executeUpdate(caseRecordedUpdate);
  await completeAll(match, 'consent', 'accept', cw1, { data: { how: 'phone' } });
  await completeAll(match, 'first_meeting', 'done', cw1);
  await env.sleep(366 * DAY);
  await completeAll(match, 'anniversary', 'recommit', cw1);
  await completeAll(match, 'check_in', 'done', cw1, {
    data: { contactMentor: true, contactYouth: true, contactCaregiver: true, satisfaction: 2, safetyConcern: true },
  });
  await match.executeUpdate(closeMatchUpdate, { args: [{ reason: 'safety', notes: 'n', actor: cw1 }] });
  await completeAll(match, 'closure_interview', 'done', cw1, { comment: 'talked' });
  await completeAll(match, 'safety_review', 'done', caseSup);
  await completed(match);
  await save('match-anniversary-closure-waits', match);
}
