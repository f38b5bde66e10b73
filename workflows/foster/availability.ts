/**
 * One active match per mentor and per youth, under concurrent proposals. A proposal
 * reserves each party with an Update: the validator refuses a party that is not free, and
 * the handler takes the reservation before its first await, so of two proposals racing
 * for the same mentor exactly one gets it. The match case confirms the reservation when
 * it starts (a reservation nobody confirms lapses after the policy's hold), and frees
 * both parties when it is cancelled or closed.
 */
import { setHandler } from '@temporalio/workflow';
import { addDuration } from '../shared/calendar';
import { refuse, type CaseCore, type CaseRuntime } from '../shared/case-runtime';
import { SYSTEM } from '../shared/records';
import { matchConfirmedSignal, matchEndedSignal, reserveForMatchUpdate } from './messages';
import type { Availability } from './types';

export function isFree(state: Availability, nowMs: number): boolean {
  return !state.activeMatchId && !(state.reservation && Date.parse(state.reservation.until) > nowMs);
}

export function registerAvailability<S extends CaseCore & Availability>(
  rt: CaseRuntime<S>,
  /** Why this party cannot be matched at all right now (not approved, not ready), if so. */
  notMatchable: () => string | undefined,
  code: 'mentor_not_available' | 'youth_not_available',
): void {
  const state = rt.state;
  setHandler(
    reserveForMatchUpdate,
    async ({ matchId }) => {
      const until = new Date(addDuration(Date.now(), rt.policy.foster.reservationHold, rt.calendar)).toISOString();
      state.reservation = { matchId, until };
      await rt.commit({ events: [rt.event(SYSTEM, 'proposed_for_match', { matchId })] });
      return { reservedUntil: until };
    },
    {
      validator: ({ matchId }) => {
        const why = notMatchable();
        if (why) refuse(code, why);
        // The same proposal asking again (a retried request) is not a second match.
        const again = state.reservation?.matchId === matchId;
        if (!again && !isFree(state, Date.now())) refuse(code, 'Already in an active or proposed match');
      },
    },
  );
  setHandler(matchConfirmedSignal, async ({ matchId }) => {
    if (state.reservation?.matchId !== matchId && state.activeMatchId !== matchId) return;
    state.reservation = undefined;
    state.activeMatchId = matchId;
    await rt.commit({ events: [rt.event(SYSTEM, 'match_started', { matchId })] });
  });
  setHandler(matchEndedSignal, async ({ matchId, outcome }) => {
    if (state.reservation?.matchId !== matchId && state.activeMatchId !== matchId) return;
    state.reservation = undefined;
    state.activeMatchId = undefined;
    state.pastMatchIds.push(matchId);
    // Both parties return to the pool and may be matched again.
    await rt.commit({ events: [rt.event(SYSTEM, 'returned_to_pool', { matchId, outcome })] });
  });
}
