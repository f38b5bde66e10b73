/**
 * A match (`match-<caseId>`): proposed by a case worker, accepted by the mentor, the
 * caregiver (both recorded by the case worker) and the social worker; any decline cancels
 * it and frees both. First meeting within 14 days of the last acceptance; then check-ins
 * 2 weeks after the first meeting and monthly (7 days late: escalated to a case
 * supervisor; a safety concern: an urgent review at once); the anniversary at 12 months;
 * closure with a closure conversation. Runs for years: history stays bounded.
 */
import { continueAsNew, getExternalWorkflowHandle, patched, setHandler } from '@temporalio/workflow';
import { receiverGoneTolerated } from '../../platform/workflow/signal-case';
import { roleToken, userToken } from '../../platform/workflow/access';
import { addDuration, laDate, laStartOfDay, scaleDuration } from '../../platform/workflow/calendar';
import {
  CaseRuntime,
  taskHandlersByType,
  newCase,
  mergeChanges,
  refuse,
  type Change,
} from '../../platform/workflow/case-runtime';
import { checkInput, refuseWith } from '../../platform/workflow/refusals';
import { SYSTEM, type Actor, type TaskRecord } from '../../platform/workflow/records';
import { caseWorkerOrSupervisorOf, fosterAssignable } from '../../platform/workflow/who-may-act';
import { closeMatchInput } from './inputs';
import { closeMatchUpdate, matchConfirmedSignal, matchEndedSignal, partyTakenSignal } from './messages';
import type { CheckIn, FosterResult, MatchInput, MatchState } from './types';

type Party = 'mentor' | 'caregiver' | 'social_worker';

export { matchWorkflowId } from './ids';

function initialState(input: MatchInput): MatchState {
  return {
    ...newCase({
      caseId: input.caseId,
      type: 'match',
      stage: 'proposed',
      subject: `Match ${input.caseId.slice(0, 8)}`,
      // A match reveals the youth: the youth's own readers only.
      viewers: [userToken(input.caseWorkerId), roleToken('case_supervisor'), userToken(input.socialWorker.id)],
      ownerId: input.caseWorkerId,
    }),
    mentorCaseId: input.mentorCaseId,
    youthCaseId: input.youthCaseId,
    mentorWorkflowId: input.mentorWorkflowId,
    youthWorkflowId: input.youthWorkflowId,
    caseWorkerId: input.caseWorkerId,
    socialWorkerId: input.socialWorker.id,
    rationale: input.rationale,
    consents: { mentor: { status: 'pending' }, caregiver: { status: 'pending' }, social_worker: { status: 'pending' } },
    checkIns: [],
  };
}

export async function matchWorkflow(input: MatchInput): Promise<FosterResult> {
  const policy = input.policy;
  const rules = policy.foster;
  const state = input.state ?? initialState(input);
  const short = state.caseId.slice(0, 8);
  const rt = new CaseRuntime(state, policy, (s) => ({
    mentorCaseId: s.mentorCaseId,
    youthCaseId: s.youthCaseId,
    caseWorkerId: s.caseWorkerId,
    // A named party: the read model's rules need the social worker as much as the workflow's.
    socialWorkerId: s.socialWorkerId,
    rationale: s.rationale,
    consents: s.consents,
    ...(s.firstMeetingAt ? { firstMeetingAt: s.firstMeetingAt } : {}),
    checkIns: s.checkIns,
    ...(s.nextCheckInDue ? { nextCheckInDue: s.nextCheckInDue } : {}),
    ...(s.anniversaryAt ? { anniversaryAt: s.anniversaryAt } : {}),
    ...(s.closure ? { closure: s.closure } : {}),
  }));
  const caseWorker = {
    candidateRoles: ['case_worker'],
    candidates: [userToken(state.caseWorkerId)],
    scope: {},
    assignable: fosterAssignable(state.caseWorkerId, state.socialWorkerId),
  };
  const closeOpen = (
    status: 'cancelled' | 'expired',
    actor: Actor,
    reason: string,
    filter: (t: TaskRecord) => boolean = () => true,
  ): Change => mergeChanges(...rt.openTasks(filter).map((t) => rt.closeTask(t, status, actor, reason)));

  async function tellParties(outcome: 'cancelled' | 'closed'): Promise<void> {
    for (const id of [state.mentorWorkflowId, state.youthWorkflowId]) {
      try {
        await getExternalWorkflowHandle(id).signal(matchEndedSignal, { matchId: state.caseId, outcome });
      } catch (err) {
        if (!receiverGoneTolerated(err)) throw err;
      }
    }
  }

  function startClosing(reason: string, notes: string, actor: Actor): Change {
    state.closure = {
      reason: reason as NonNullable<MatchState['closure']>['reason'],
      notes,
      by: actor.id,
      at: rt.nowIso(),
      conversations: [],
    };
    state.nextCheckInDue = undefined;
    rt.setStage('closing');
    const cancelled = closeOpen('cancelled', actor, 'match closing', (t) => t.type !== 'safety_review');
    const interview = rt.openTask({
      ...caseWorker,
      type: 'closure_interview',
      title: `Closure conversations for match ${short}`,
      outcomes: ['done'],
    });
    return mergeChanges(cancelled, { events: [rt.event(actor, 'closing', { reason })] }, interview);
  }

  async function finishClosure(actor: Actor): Promise<Change> {
    rt.setStage('closed', 'closed');
    await tellParties('closed');
    return { events: [rt.event(actor, 'match_closed', { reason: state.closure!.reason })] };
  }

  // ---- tasks --------------------------------------------------------------------------

  rt.registerTaskHandlers(
    taskHandlersByType<
      'consent' | 'first_meeting' | 'check_in' | 'safety_review' | 'anniversary' | 'closure_interview'
    >({
      consent: async (task, { outcome, comment, data, actor }): Promise<Change> => {
        const party = task.ref as Party;
        state.consents[party] = {
          status: outcome === 'accept' ? 'accepted' : 'declined',
          by: actor.id,
          at: rt.nowIso(),
          ...(data?.how ? { how: String(data.how) } : {}),
        };
        if (outcome === 'decline') {
          // Any decline cancels the proposal; both return to the pool.
          rt.setStage('cancelled', 'closed');
          await tellParties('cancelled');
          return mergeChanges(closeOpen('cancelled', actor, `${party} declined`), {
            events: [rt.event(actor, 'proposal_cancelled', { party, ...(comment ? { reason: comment } : {}) })],
          });
        }
        const given = { events: [rt.event(actor, 'consent_given', { party })] };
        if (Object.values(state.consents).every((c) => c.status === 'accepted')) {
          rt.setStage('awaiting_first_meeting');
          return mergeChanges(
            given,
            rt.openTask({
              ...caseWorker,
              type: 'first_meeting',
              title: `First meeting of match ${short}`,
              outcomes: ['done'],
            }),
          );
        }
        return given;
      },
      first_meeting: async (_task, { data, actor }): Promise<Change> => {
        // The schedule counts from the first meeting: its date when given, else now.
        const met =
          typeof data?.meetingDate === 'string'
            ? Math.min(Date.now(), laStartOfDay(data.meetingDate) + 12 * 3_600_000)
            : Date.now();
        state.firstMeetingAt = new Date(met).toISOString();
        state.nextCheckInDue = new Date(addDuration(met, rules.firstCheckInAfter, rt.calendar)).toISOString();
        state.anniversaryAt = new Date(addDuration(met, rules.commitment, rt.calendar)).toISOString();
        rt.setStage('active');
        void runCheckIns();
        void runAnniversary();
        return {
          events: [
            rt.event(actor, 'first_meeting_held', { at: state.firstMeetingAt, nextCheckInDue: state.nextCheckInDue }),
          ],
        };
      },
      check_in: async (task, { data, actor }): Promise<Change> => {
        const d = data!;
        const record: CheckIn = {
          dueOn: task.ref!,
          recordedAt: rt.nowIso(),
          by: actor.id,
          contactMentor: d.contactMentor as boolean,
          contactYouth: d.contactYouth as boolean,
          contactCaregiver: d.contactCaregiver as boolean,
          satisfaction: d.satisfaction as number,
          safetyConcern: d.safetyConcern as boolean,
          ...(typeof d.notes === 'string' ? { notes: d.notes } : {}),
        };
        state.checkIns.push(record);
        const logged = {
          events: [
            rt.event(actor, 'check_in_recorded', {
              dueOn: record.dueOn,
              satisfaction: record.satisfaction,
              safetyConcern: record.safetyConcern,
            }),
          ],
        };
        if (!record.safetyConcern) return logged;
        // A safety concern raises an urgent task for the case supervisors at once.
        return mergeChanges(
          logged,
          rt.openTask({
            type: 'safety_review',
            title: `URGENT: safety concern in match ${short}`,
            candidateRoles: ['case_supervisor'],
            scope: {},
            outcomes: ['done'],
          }),
        );
      },
      safety_review: async (_task, { comment, actor }): Promise<Change> => {
        const reviewed = { events: [rt.event(actor, 'safety_reviewed', comment ? { notes: comment } : {})] };
        // A closure that waited on this review completes with it.
        if (
          state.stage === 'closing' &&
          state.closure?.conversations.length &&
          !rt.openTasks((t) => t.type === 'safety_review').length
        ) {
          return mergeChanges(reviewed, await finishClosure(actor));
        }
        return reviewed;
      },
      anniversary: async (_task, { outcome, comment, actor }): Promise<Change> => {
        if (outcome === 'recommit') {
          state.anniversaryAt = new Date(
            addDuration(Date.parse(state.anniversaryAt!), rules.commitment, rt.calendar),
          ).toISOString();
          void runAnniversary();
          return { events: [rt.event(actor, 'recommitted', { nextAnniversary: state.anniversaryAt })] };
        }
        return startClosing('planned', comment ?? 'Commitment completed', actor);
      },
      closure_interview: async (_task, { comment, actor }): Promise<Change> => {
        state.closure!.conversations.push({ by: actor.id, at: rt.nowIso(), ...(comment ? { notes: comment } : {}) });
        // A safety review still open keeps the match closing until a case supervisor has done it.
        if (rt.openTasks((t) => t.type === 'safety_review').length && patched('closure-waits-on-safety-review')) {
          return { events: [rt.event(actor, 'closure_waits_on_safety_review', {})] };
        }
        return finishClosure(actor);
      },
    }),
    (task, { outcome, data }) => {
      // A first meeting is not before the match was accepted (nor, by its schema, in the future).
      if (task.type === 'first_meeting' && typeof data?.meetingDate === 'string') {
        const accepted = Object.values(state.consents)
          .map((c) => c.at)
          .filter((at): at is string => !!at)
          .sort()
          .pop();
        if (accepted && data.meetingDate < laDate(Date.parse(accepted))) {
          refuse('invalid_task_data', 'The first meeting cannot be before the match was accepted', [
            {
              path: 'data.meetingDate',
              message: `must not be before ${laDate(Date.parse(accepted))}, when the match was accepted`,
            },
          ]);
        }
      }
      if (task.type === 'consent' && task.ref !== 'social_worker' && outcome === 'accept' && !data?.how) {
        refuse('consent_method_required', 'Record how consent was given in data.how (e.g. "signed form", "phone")');
      }
    },
  );

  setHandler(
    closeMatchUpdate,
    async ({ reason, notes, actor }) => {
      await rt.commit(startClosing(reason, notes, actor));
      return { stage: state.stage };
    },
    {
      validator: ({ actor, ...closing }) => {
        refuseWith(caseWorkerOrSupervisorOf({ roles: [], ...actor }, state, state.caseWorkerId));
        checkInput(closeMatchInput, closing, 'The closure is not valid');
        if (state.stage !== 'active' && state.stage !== 'awaiting_first_meeting')
          refuse('match_not_open', `The match is ${state.stage}`);
      },
    },
  );

  // A party confirmed too late is in another match: the proposal is cancelled with the reason.
  setHandler(partyTakenSignal, async ({ party, reason }) => {
    if (state.stage !== 'proposed' && state.stage !== 'awaiting_first_meeting') return;
    rt.setStage('cancelled', 'closed');
    await tellParties('cancelled');
    await rt.commit(
      mergeChanges(closeOpen('cancelled', SYSTEM, `${party} taken`), {
        events: [rt.event(SYSTEM, 'proposal_cancelled', { party, reason })],
      }),
    );
  });

  // ---- timers -------------------------------------------------------------------------

  /** Opens each check-in on its date; the task escalates when it is 7 days late. */
  async function runCheckIns(): Promise<void> {
    while (state.stage === 'active' && state.nextCheckInDue) {
      const dueOn = state.nextCheckInDue;
      if (await rt.untilOr(() => state.stage !== 'active' || state.nextCheckInDue !== dueOn, Date.parse(dueOn))) {
        if (state.stage !== 'active') return;
        continue;
      }
      if (patched('anchored-check-ins')) {
        // Monthly, n months from the first check-in in one step: a cadence from the 31st
        // falls on the 28th in February and is back on the 31st in March.
        state.checkInAnchor ??= dueOn;
        state.monthlyCheckIns = (state.monthlyCheckIns ?? 0) + 1;
        const next = addDuration(
          Date.parse(state.checkInAnchor),
          scaleDuration(rules.checkInEvery, state.monthlyCheckIns),
          rt.calendar,
        );
        state.nextCheckInDue = new Date(next).toISOString();
      } else {
        state.nextCheckInDue = new Date(addDuration(Date.parse(dueOn), rules.checkInEvery, rt.calendar)).toISOString();
      }
      const task = rt.openTask({
        ...caseWorker,
        type: 'check_in',
        title: `Check-in for match ${short}, due ${laDate(Date.parse(dueOn))}`,
        outcomes: ['done'],
        ref: dueOn,
      });
      await rt.commit(task);
    }
  }

  /** At 12 months the case worker records whether the match recommits or closes. */
  async function runAnniversary(): Promise<void> {
    const at = state.anniversaryAt;
    if (!at || rt.openTasks((t) => t.type === 'anniversary').length) return;
    if (await rt.untilOr(() => state.stage !== 'active' || state.anniversaryAt !== at, Date.parse(at))) return;
    await rt.commit(
      rt.openTask({
        ...caseWorker,
        type: 'anniversary',
        title: `Anniversary of match ${short}: recommit or close`,
        outcomes: ['recommit', 'close'],
      }),
    );
  }

  /** A party's record ended while only reserved (a mentor withdrew): the proposal ends at once. */
  async function cancelAtStart(party: string): Promise<void> {
    rt.setStage('cancelled', 'closed');
    await tellParties('cancelled');
    await rt.commit({
      events: [
        rt.event(input.proposedBy, 'proposed', { mentorCaseId: state.mentorCaseId, youthCaseId: state.youthCaseId }),
        rt.event(SYSTEM, 'proposal_cancelled', { party, reason: `The ${party}'s record has ended` }),
      ],
    });
    state.recorded = true;
  }

  // ---- main ---------------------------------------------------------------------------

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
    if (gone.length) await cancelAtStart(gone[0]);
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
      void runCheckIns();
      void runAnniversary();
    }
  }

  await rt.runUntilClosed((s) => continueAsNew<typeof matchWorkflow>({ ...input, state: s }));
  return { caseId: state.caseId, stage: state.stage };
}
