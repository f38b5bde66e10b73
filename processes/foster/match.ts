/**
 * A match (`match-<caseId>`): proposed by a case worker, accepted by the mentor, the
 * caregiver (both recorded by the case worker) and the social worker; any decline cancels
 * it and frees both. First meeting within 14 days of the last acceptance; then check-ins
 * 2 weeks after the first meeting and monthly (7 days late: escalated to a case
 * supervisor; a safety concern: an urgent review at once); the anniversary at 12 months;
 * closure with a closure conversation. Runs for years: history stays bounded.
 *
 * This file is the match's main line and its table of task handlers; the parts it wires are
 * in match/: match-case.ts (state and runtime), tasks.ts (the tasks' handlers), closure.ts
 * (closing), schedule.ts (check-ins and the anniversary) and parties.ts (the word with the
 * mentor's and the youth's workflows).
 */
import { continueAsNew, getExternalWorkflowHandle } from '@temporalio/workflow';
import { receiverGoneTolerated } from '../../platform/workflow/signal-case';
import { userToken } from '../../platform/workflow/access';
import { mergeChanges, taskHandlersByType } from '../../platform/workflow/case-runtime';
import { fosterAssignable } from './rules';
import { matchConfirmedSignal } from './messages';
import type { FosterResult, MatchInput } from './types';
import { awaitReopening, closureMeeting, registerCloseMatch, rematchDecision } from './match/closure';
import { matchContact, runContacts } from './match/contacts';
import { openMatch, type MatchCase } from './match/match-case';
import { cancelAtStart, registerPartyTaken } from './match/parties';
import { runAnniversary, runCheckIns } from './match/schedule';
import { registerSurveys, startSurveys, surveyCollection } from './match/surveys';
import {
  anniversary,
  checkCompletion,
  checkIn,
  closureInterview,
  matchSupport,
  consent,
  firstMeeting,
  safetyReview,
} from './match/tasks';

export { matchWorkflowId } from './ids';

export async function matchWorkflow(input: MatchInput): Promise<FosterResult> {
  const m = openMatch(input);
  const { state, short, rt, caseWorker } = m;
  registerTaskTable(m);
  registerCloseMatch(m);
  registerPartyTaken(m);
  registerSurveys(m);

  if (!state.recorded) {
    const gone: string[] = [];
    for (const [party, id] of [
      ['mentor', state.mentorWorkflowId],
      ['youth', state.youthWorkflowId],
    ] as const) {
      try {
        await getExternalWorkflowHandle(id).signal(matchConfirmedSignal, { matchId: state.caseId });
      } catch (err) {
        if (!receiverGoneTolerated(err)) throw err;
        gone.push(party);
      }
    }
    if (gone.length) await cancelAtStart(m, gone[0]);
  }
  if (!state.recorded) {
    const consents = mergeChanges(
      rt.openTask({
        ...caseWorker,
        type: 'consent',
        title: `Record the mentor's consent to match ${short}`,
        outcomes: ['accept', 'decline'],
        ref: 'mentor',
      }),
      rt.openTask({
        ...caseWorker,
        type: 'consent',
        title: `Record the caregiver's consent to match ${short}`,
        outcomes: ['accept', 'decline'],
        ref: 'caregiver',
      }),
      rt.openTask({
        type: 'consent',
        title: `Consent to match ${short}`,
        candidateRoles: ['social_worker'],
        candidates: [userToken(state.socialWorkerId)],
        assignable: fosterAssignable(state.caseWorkerId, state.socialWorkerId),
        notifyEmail: input.socialWorker.email,
        scope: {},
        outcomes: ['accept', 'decline'],
        ref: 'social_worker',
      }),
    );
    await rt.commit(
      mergeChanges(
        {
          events: [
            rt.event(input.proposedBy, 'proposed', {
              mentorCaseId: state.mentorCaseId,
              youthCaseId: state.youthCaseId,
            }),
          ],
        },
        consents,
      ),
    );
    state.recorded = true;
  } else {
    rt.resumeTaskTimers();
    if (state.stage === 'active') {
      // A match on the contact schedule resumes it; one still on check-ins moves at its next date.
      if (state.contactsScheduled !== undefined) void runContacts(m);
      else void runCheckIns(m);
      void runAnniversary(m);
    }
    startSurveys(m);
  }

  // A structured closure stays reopenable for the policy's window; a reopened match runs on.
  do await rt.runUntilClosed((s) => continueAsNew<typeof matchWorkflow>({ ...input, state: s }));
  while (await awaitReopening(m));
  return { caseId: state.caseId, stage: state.stage };
}

/**
 * The match's tasks, one named handler per task type (match/tasks.ts). Each entry hands back
 * its handler's own promise, adding no step: the commands come when they always did.
 */
function registerTaskTable(m: MatchCase): void {
  m.rt.registerTaskHandlers(
    taskHandlersByType<
      | 'consent'
      | 'first_meeting'
      | 'check_in'
      | 'match_contact'
      | 'match_support'
      | 'safety_review'
      | 'anniversary'
      | 'closure_interview'
      | 'closure_meeting'
      | 'rematch_decision'
      | 'survey_collection'
    >({
      consent: (task, done) => consent(m, task, done),
      first_meeting: (task, done) => firstMeeting(m, task, done),
      check_in: (task, done) => checkIn(m, task, done),
      safety_review: (task, done) => safetyReview(m, task, done),
      anniversary: (task, done) => anniversary(m, task, done),
      closure_interview: (task, done) => closureInterview(m, task, done),
      match_contact: (task, done) => matchContact(m, task, done),
      match_support: (task, done) => matchSupport(m, task, done),
      closure_meeting: (task, done) => closureMeeting(m, task, done),
      rematch_decision: (task, done) => rematchDecision(m, task, done),
      survey_collection: (task, done) => surveyCollection(m, task, done),
    }),
    (task, done) => checkCompletion(m, task, done),
  );
}
