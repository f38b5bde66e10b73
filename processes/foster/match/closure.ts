/**
 * A match's closing: started by the case worker's Update (or an anniversary that does not
 * recommit), it cancels the open tasks but a safety review. A structured closure (matches since
 * match support) records planned or not, who started it, the closure meeting and the youth's
 * rematch decision, and closes once both are recorded and no safety review is open; a case
 * supervisor may reopen it within the policy's window, for which the workflow stays. Older
 * matches hold their closure conversations as before.
 */
import { addDuration } from '../../../platform/workflow/calendar';
import { getExternalWorkflowHandle, setHandler } from '@temporalio/workflow';
import { mergeChanges, refuse, type Change } from '../../../platform/workflow/case-runtime';
import type { CompleteTaskInput } from '../../../platform/workflow/messages';
import type { Actor, TaskRecord } from '../../../platform/workflow/records';
import { checkInput, refuseWith } from '../../../platform/workflow/refusals';
import { receiverGoneTolerated } from '../../../platform/workflow/signal-case';
import { caseWorkerOrSupervisorOf } from '../rules';
import { closeMatchInput, reopenMatchInput } from '../inputs';
import { closeMatchUpdate, matchConfirmedSignal, reopenMatchUpdate } from '../messages';
import { supportRules } from '../policy';
import type { ClosureReason } from '../types';
import { contactSlot, openContact, runContacts } from './contacts';
import type { MatchCase } from './match-case';
import { tellParties } from './parties';
import { runAnniversary } from './schedule';
import { supportOn } from './support';
import { resumeSurveys, sendExitSurveys } from './surveys';
import type { ClosureInitiator, ClosureKind, ContactParty, RematchDecision } from './support-types';

export interface ClosureStart {
  reason: ClosureReason;
  notes: string;
  kind?: ClosureKind;
  initiatedBy?: ClosureInitiator;
}

/** Moves the match to closing: open tasks cancelled (a safety review stays), the closure's tasks opened. */
export function startClosing(m: MatchCase, { reason, notes, kind, initiatedBy }: ClosureStart, actor: Actor): Change {
  const { state, short, rt, caseWorker, closeOpen } = m;
  state.closure = { reason, notes, by: actor.id, at: rt.nowIso(), conversations: [] };
  state.nextCheckInDue = undefined;
  rt.setStage('closing');
  const cancelled = closeOpen('cancelled', actor, 'match closing', (t) => t.type !== 'safety_review');
  if (!supportOn()) {
    const interview = rt.openTask({
      ...caseWorker,
      type: 'closure_interview',
      title: `Closure conversations for match ${short}`,
      outcomes: ['done'],
    });
    return mergeChanges(cancelled, { events: [rt.event(actor, 'closing', { reason })] }, interview);
  }
  state.closure.kind = kind ?? (reason === 'planned' ? 'planned' : 'unplanned');
  state.closure.initiatedBy = initiatedBy ?? 'program';
  state.nextContactDue = undefined;
  const detail = { reason, kind: state.closure.kind, initiatedBy: state.closure.initiatedBy };
  // Exit surveys for mentor and youth go out beside the closing (their own commit).
  void sendExitSurveys(m);
  const closing = { events: [rt.event(actor, 'closing', detail)] };
  const meeting = rt.openTask({
    ...caseWorker,
    type: 'closure_meeting',
    title: `Closure meeting for match ${short}`,
    outcomes: ['done'],
  });
  const rematch = rt.openTask({
    ...caseWorker,
    type: 'rematch_decision',
    title: `Rematch decision for the youth of match ${short}`,
    outcomes: ['done'],
  });
  return mergeChanges(cancelled, closing, meeting, rematch);
}

/** The match is closed; both parties are told. */
export async function finishClosure(m: MatchCase, actor: Actor): Promise<Change> {
  const { state, rt } = m;
  rt.setStage('closed', 'closed');
  if (state.closure?.kind) state.closure.closedAt = rt.nowIso();
  await tellParties(m, 'closed');
  return { events: [rt.event(actor, 'match_closed', { reason: state.closure!.reason })] };
}

/** Whether a structured closure has all it waits for: the meeting, the rematch decision, no safety review. */
export function closureComplete(m: MatchCase): boolean {
  const { state, rt } = m;
  if (state.stage !== 'closing' || rt.openTasks((t) => t.type === 'safety_review').length) return false;
  return state.closure?.kind
    ? !!state.closure.meeting && !!state.closure.rematch
    : !!state.closure?.conversations.length;
}

/** The closure meeting recorded: held or not, with whom. */
export async function closureMeeting(m: MatchCase, _task: TaskRecord, done: CompleteTaskInput): Promise<Change> {
  const { state, rt } = m;
  const d = done.data!;
  state.closure!.meeting = {
    held: d.held as boolean,
    with: d.with as ContactParty[],
    ...(typeof d.notes === 'string' ? { notes: d.notes } : {}),
    by: done.actor.id,
    at: rt.nowIso(),
  };
  const recorded = { events: [rt.event(done.actor, 'closure_meeting_recorded', { held: d.held, with: d.with })] };
  return closureComplete(m) ? mergeChanges(recorded, await finishClosure(m, done.actor)) : recorded;
}

/** The youth's rematch decision: back to the pool for a new match, not now, or declined. */
export async function rematchDecision(m: MatchCase, _task: TaskRecord, done: CompleteTaskInput): Promise<Change> {
  const { state, rt } = m;
  const decision = done.data!.decision as RematchDecision;
  state.closure!.rematch = { decision, by: done.actor.id, at: rt.nowIso() };
  const recorded = { events: [rt.event(done.actor, 'rematch_decided', { decision })] };
  return closureComplete(m) ? mergeChanges(recorded, await finishClosure(m, done.actor)) : recorded;
}

/** The case worker (or a case supervisor) closes an active or not yet met match. */
export function registerCloseMatch(m: MatchCase): void {
  const { state, rt } = m;
  setHandler(
    closeMatchUpdate,
    async ({ actor, ...closing }) => {
      await rt.commit(startClosing(m, closing, actor));
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
  setHandler(reopenMatchUpdate, async ({ notes, actor }) => reopen(m, actor, notes), {
    validator: ({ actor, ...reopening }) => {
      if (!actor.roles.includes('case_supervisor'))
        refuse('not_permitted', 'Only a case supervisor may reopen a match');
      checkInput(reopenMatchInput, reopening, 'The reopening is not valid');
      if (state.stage !== 'closed' || !state.closure?.closedAt)
        refuse('match_not_closed', `The match is ${state.stage}, not closed with a structured closure`);
      if (Date.now() > reopenDeadline(m)) refuse('reopen_window_passed', 'The match was closed too long ago to reopen');
    },
  });
}

/** The instant after which a closed match can no longer be reopened. */
export function reopenDeadline(m: MatchCase): number {
  return addDuration(Date.parse(m.state.closure!.closedAt!), supportRules(m.rules).reopenWindow, m.rt.calendar);
}

/** Back to where it was: active (its contacts from the next one due) or awaiting its first meeting. */
async function reopen(m: MatchCase, actor: Actor, notes?: string): Promise<{ stage: string }> {
  const { state, rt, short, caseWorker } = m;
  const undone = state.closure!;
  state.pastClosures = [...(state.pastClosures ?? []), undone];
  state.closure = undefined;
  for (const id of [state.mentorWorkflowId, state.youthWorkflowId]) {
    try {
      await getExternalWorkflowHandle(id).signal(matchConfirmedSignal, { matchId: state.caseId });
    } catch (err) {
      if (!receiverGoneTolerated(err)) throw err;
    }
  }
  const reopened = { events: [rt.event(actor, 'match_reopened', notes ? { notes } : {})] };
  if (!state.firstMeetingAt) {
    rt.setStage('awaiting_first_meeting', 'open');
    const first = rt.openTask({
      ...caseWorker,
      type: 'first_meeting',
      title: `First meeting of match ${short}`,
      outcomes: ['done'],
    });
    await m.commitSupport(mergeChanges(reopened, first));
    return { stage: state.stage };
  }
  rt.setStage('active', 'open');
  let k = 1;
  while (contactSlot(m, k).dueAt <= Date.now()) k++;
  state.contactsScheduled = k - 1;
  const next = openContact(m, contactSlot(m, k));
  void runContacts(m);
  void runAnniversary(m);
  resumeSurveys(m);
  await m.commitSupport(mergeChanges(reopened, next));
  return { stage: state.stage };
}

/** After a structured closure: waits out the reopen window; true when a case supervisor reopened it. */
export async function awaitReopening(m: MatchCase): Promise<boolean> {
  const { state, rt } = m;
  if (state.stage !== 'closed' || !state.closure?.closedAt) return false;
  return rt.untilOr(() => state.status === 'open', reopenDeadline(m));
}
