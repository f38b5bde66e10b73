/**
 * `npm run record-histories`: runs each workflow through a representative life on the
 * time-skipping test server and saves its event history under test/histories/. The suite
 * replays these against the current workflow code, so a change that would break running
 * cases fails the tests. Re-record only when a change is meant to be incompatible (and
 * then version it with patched() so that running cases keep working).
 * Activities are faked at the activity boundary: a history depends only on workflow code.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { faults, leaveIncidentStory, sweeperStory } from './histories/more-stories';
import { certificationTimerStories, fosterTimerStories } from './histories/timer-stories';
import type { Save } from './histories/shared';
import { referralConfirmationStories, referralFakes, referralStories } from './histories/referral-stories';
import { matchSupportStory, matchSurveysByPhoneStory, surveyFakes } from './histories/match-support-stories';
import { matchMovedToContactsStory, matchReopenStory } from './histories/match-reopen-stories';
import {
  meetingDatedBackStory,
  movedHalfADayBeforeContactStory,
  reopenedAtSurveyEdgesStory,
} from './histories/edge-stories';
import { wellnessLateCallStory, wellnessStories } from './histories/wellness-stories';
import { eceStories } from './histories/ece-stories';
import { coverageStories, eceLapseStory, zeroCadenceStory } from './histories/coverage-stories';
import { lateMeetingStory, outcomeStories } from './histories/outcome-stories';
import { fullMidUpdateStory, importStory } from './histories/program-stories';
import { leaveYearStory, programCertificationStory } from './histories/first-stories';
import { fosterPipelineStory } from './histories/foster-pipeline-story';
import { calendarBeforeReminderStory, calendarStory } from './histories/calendar-stories';
import { leaveSupervisorChangeStory } from './histories/leave-supervisor-story';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { TransitionResult } from '../platform/workflow/records';
import type { Policy } from '../platform/workflow/policy';
import { buildPolicy } from '../lib/policy';
import { resolveTestServer } from './provision/tools';
import { mailQueueOf } from '../platform/workflow/task-queues';
import { questionBankStory } from './histories/question-bank-story';
import { oneTaskStories, programChangesAtStartStory } from './histories/one-task-stories';
import { olderRunStory } from './histories/older-run-story';
import { relayOlderRunStory } from './histories/relay-older-run-story';
import { settingsDrainStory } from './histories/settings-drain-story';
import { referralDrainStory } from './histories/referral-drain-story';

/**
 * Histories are kept by generation: v1 was recorded before the who-may-act and incident paths were versioned, v2 with those
 * (patched) paths. An older generation stands for cases started under
 * older code and is never re-recorded; a new one is added when workflow code gains paths.
 */
const GENERATION = process.env.HISTORY_GENERATION ?? 'v2';
const OUT = path.resolve(__dirname, '../test/histories', GENERATION);

const History = temporal.api.history.v1.History;

/** Plain JSON (int64 as strings, bytes as base64); test/support/histories.ts reads it back. */
function historyJson(history: unknown): string {
  const message = History.fromObject(history as Record<string, unknown>);
  return JSON.stringify(History.toObject(message, { longs: String, bytes: String, enums: String }), null, 1);
}

/**
 * Recorded histories are add-only: a committed file is never rewritten (CI checks it against
 * git). A recording whose file exists is refused; record it under a new name with `--suffix`.
 */
function writeNewHistory(file: string, json: string): void {
  if (existsSync(file))
    throw new Error(`${path.relative(process.cwd(), file)} exists: histories are add-only (record with --suffix NAME)`);
  writeFileSync(file, json);
}

type Story = (env: TestWorkflowEnvironment, taskQueue: string, policy: Policy, save: Save) => Promise<void>;

/** The later stories, in recording order; each can be recorded alone with `--only NAME`. */
const LATER_STORIES: Record<string, Story> = {
  referral: referralStories,
  'referral-confirmation': referralConfirmationStories,
  wellness: wellnessStories,
  ece: eceStories,
  outcomes: outcomeStories,
  imports: importStory,
  'wellness-late-call': wellnessLateCallStory,
  'full-mid-update': fullMidUpdateStory,
  coverage: coverageStories,
  'zero-cadence': zeroCadenceStory,
  'ece-lapse': eceLapseStory,
  'question-bank': questionBankStory,
  calendar: calendarStory,
  'leave-supervisor-change': leaveSupervisorChangeStory,
  'one-task': oneTaskStories,
  'calendar-before-reminder': calendarBeforeReminderStory,
  'changes-at-start': programChangesAtStartStory,
  'older-run': olderRunStory,
  'settings-drain': settingsDrainStory(2),
  'settings-drain-three': settingsDrainStory(3),
  'settings-drain-four': settingsDrainStory(4),
  'referral-drain': referralDrainStory,
  'match-support': matchSupportStory,
  'match-moved-to-contacts': matchMovedToContactsStory,
  'match-reopen': matchReopenStory,
  'match-surveys-by-phone': matchSurveysByPhoneStory,
  // Recorded as part of 'outcomes' too, so a full run leaves it out.
  'late-meeting': lateMeetingStory,
  // Stories of the full run, recordable alone too (as new files beside the recorded ones).
  'leave-incident': leaveIncidentStory,
  'certification-timers': certificationTimerStories,
  'foster-timers': fosterTimerStories,
  'relay-older-run': relayOlderRunStory,
  'meeting-dated-back': meetingDatedBackStory,
  'reopened-at-survey-edges': reopenedAtSurveyEdgesStory,
  'moved-before-contact': movedHalfADayBeforeContactStory,
};
const PART_OF_ANOTHER = new Set(['late-meeting']);

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: resolveTestServer() } },
  });
  await env.connection.testService!.lockTimeSkipping({});
  const taskQueue = 'record-histories';
  // The fakes serve the cases' task queue and the mail queue beside it.
  const activities = {
    recordTransition: async (): Promise<TransitionResult> => {
      if (faults.writeDelayMs) await new Promise((r) => setTimeout(r, faults.writeDelayMs));
      if (faults.failNextRecord) {
        faults.failNextRecord = false;
        throw ApplicationFailure.nonRetryable('the read model refused the change (22001)', 'bad_data');
      }
      return { emailsSent: 0 };
    },
    recordIncident: async () => undefined,
    caseRecorded: async ({ caseId }: { caseId: string }) => ({ recorded: !faults.matchesNeverStarted.has(caseId) }),
    deliverEmails: async () => ({ sent: 0 }),
    sweepOutbox: async () => ({ sent: 0, pending: 0 }),
    issueReferenceLink: async () => ({ sent: true }),
    ...referralFakes,
    ...surveyFakes,
  };
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../processes/workflows'),
    activities,
  });
  const mailWorker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: mailQueueOf(taskQueue),
    activities,
  });
  const mailRunning = mailWorker.run();
  const policy = buildPolicy({}, 'http://127.0.0.1:3000');
  mkdirSync(OUT, { recursive: true });
  // `--suffix S`: new files `<name>-S.json` beside the recorded ones (histories are add-only).
  const suffix = process.argv.includes('--suffix') ? `-${process.argv[process.argv.indexOf('--suffix') + 1]}` : '';
  const save = async (name: string, handle: WorkflowHandle, runId?: string) =>
    writeNewHistory(
      path.join(OUT, `${name}${suffix}.json`),
      historyJson(await env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory()),
    );

  // `--only NAME`: one of the later stories alone, as new files (the others stay as recorded).
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  if (only && !(only in LATER_STORIES)) throw new Error(`--only: one of ${Object.keys(LATER_STORIES).join(', ')}`);
  await worker.runUntil(async () => {
    if (only) return LATER_STORIES[only](env, taskQueue, policy, save);
    const startedAt = await leaveYearStory(env, taskQueue, policy, save);
    await programCertificationStory(env, taskQueue, policy, save, startedAt);
    await fosterPipelineStory(env, taskQueue, policy, save);
    await leaveIncidentStory(env, taskQueue, policy, save);
    await certificationTimerStories(env, taskQueue, policy, save);
    await fosterTimerStories(env, taskQueue, policy, save);
    await sweeperStory(env, taskQueue, save);
    for (const [name, story] of Object.entries(LATER_STORIES))
      if (!PART_OF_ANOTHER.has(name)) await story(env, taskQueue, policy, save);
  });
  mailWorker.shutdown();
  await mailRunning;
  await env.teardown();
  console.log(`histories written to ${OUT}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
