/**
 * A match's closing: started by the case worker's Update (or an anniversary that does not
 * recommit), it cancels the open tasks but a safety review and opens the closure
 * conversations; the match closes once they are held and no safety review is open.
 */
import { setHandler } from '@temporalio/workflow';
import { mergeChanges, refuse, type Change } from '../../../platform/workflow/case-runtime';
import type { Actor } from '../../../platform/workflow/records';
import { checkInput, refuseWith } from '../../../platform/workflow/refusals';
import { caseWorkerOrSupervisorOf } from '../rules';
import { closeMatchInput } from '../inputs';
import { closeMatchUpdate } from '../messages';
import type { MatchState } from '../types';
import type { MatchCase } from './match-case';
import { tellParties } from './parties';

/** Moves the match to closing: open tasks cancelled (a safety review stays), closure conversations opened. */
export function startClosing(m: MatchCase, reason: string, notes: string, actor: Actor): Change {
  const { state, short, rt, caseWorker, closeOpen } = m;
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

/** The match is closed; both parties are told. */
export async function finishClosure(m: MatchCase, actor: Actor): Promise<Change> {
  const { state, rt } = m;
  rt.setStage('closed', 'closed');
  await tellParties(m, 'closed');
  return { events: [rt.event(actor, 'match_closed', { reason: state.closure!.reason })] };
}

/** The case worker (or a case supervisor) closes an active or not yet met match. */
export function registerCloseMatch(m: MatchCase): void {
  const { state, rt } = m;
  setHandler(
    closeMatchUpdate,
    async ({ reason, notes, actor }) => {
      await rt.commit(startClosing(m, reason, notes, actor));
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
}
