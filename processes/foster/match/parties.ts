/**
 * A match's word with its two parties' own workflows (the mentor's screening record and the
 * youth's referral): told when the match ends, the proposal cancelled at start when a
 * party's record has ended, and cancelled later when a party turns out to be taken by
 * another match (the signal those workflows send).
 */
import { getExternalWorkflowHandle, patched, setHandler } from '@temporalio/workflow';
import { workInTurn } from '../../../platform/workflow/in-turn';
import { receiverGoneTolerated } from '../../../platform/workflow/signal-case';
import { mergeChanges } from '../../../platform/workflow/case-runtime';
import { SYSTEM } from '../../../platform/workflow/records';
import { matchEndedSignal, partyTakenSignal } from '../messages';
import type { MatchCase } from './match-case';

/** Tells the mentor's and the youth's workflows that the match ended (a party gone is no matter). */
export async function tellParties(m: MatchCase, outcome: 'cancelled' | 'closed'): Promise<void> {
  const { state } = m;
  for (const id of [state.mentorWorkflowId, state.youthWorkflowId]) {
    try {
      await getExternalWorkflowHandle(id).signal(matchEndedSignal, { matchId: state.caseId, outcome });
    } catch (err) {
      if (!receiverGoneTolerated(err)) throw err;
    }
  }
}

/** A party's record ended while only reserved (a mentor withdrew): the proposal ends at once. */
export async function cancelAtStart(m: MatchCase, party: string): Promise<void> {
  const { input, state, rt } = m;
  rt.setStage('cancelled', 'closed');
  await tellParties(m, 'cancelled');
  await rt.commit({
    events: [
      rt.event(input.proposedBy, 'proposed', { mentorCaseId: state.mentorCaseId, youthCaseId: state.youthCaseId }),
      rt.event(SYSTEM, 'proposal_cancelled', { party, reason: `The ${party}'s record has ended` }),
    ],
  });
  state.recorded = true;
}

/** A party confirmed too late is in another match: the proposal is cancelled with the reason. */
export function registerPartyTaken(m: MatchCase): void {
  const { state, rt, closeOpen } = m;
  async function partyTaken({ party, reason }: { party: 'mentor' | 'youth'; reason: string }): Promise<void> {
    if (state.stage !== 'proposed' && state.stage !== 'awaiting_first_meeting') return;
    rt.setStage('cancelled', 'closed');
    await tellParties(m, 'cancelled');
    await rt.commit(
      mergeChanges(closeOpen('cancelled', SYSTEM, `${party} taken`), {
        events: [rt.event(SYSTEM, 'proposal_cancelled', { party, reason })],
      }),
    );
  }
  // It signals the parties and writes: in turn, after the Updates of its workflow task (in-turn.ts).
  const inTurn = patched('party-taken-in-turn') ? workInTurn() : undefined;
  setHandler(partyTakenSignal, (s) => (inTurn ? inTurn(() => partyTaken(s)) : partyTaken(s)));
}
