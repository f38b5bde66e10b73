/**
 * One active match per mentor and per youth, under concurrent proposals. A proposal
 * reserves each party with an Update: the validator refuses a party that is not free, and
 * the handler takes the reservation before its first await, so of two proposals racing
 * for the same mentor exactly one gets it. The reservation is a lock held by the party's
 * workflow until the match that took it confirms it (it becomes the active match) or ends;
 * it never lapses while that match lives. Only a proposal whose match case never started
 * (its request died in between) is let go, once the hold has passed and the read model
 * shows no such case. A match that confirms a party taken meanwhile is told so and cancels.
 */
import { condition, getExternalWorkflowHandle, patched, setHandler } from '@temporalio/workflow';
import { workInTurn } from '../../platform/workflow/in-turn';
import { receiverGoneTolerated } from '../../platform/workflow/signal-case';
import { caseRecorded } from '../../platform/workflow/activities';
import { addDuration } from '../../platform/workflow/calendar';
import { refuse, type CaseCore, type CaseRuntime } from '../../platform/workflow/case-runtime';
import { SYSTEM } from '../../platform/workflow/records';
import { matchConfirmedSignal, matchEndedSignal, partyTakenSignal, reserveForMatchUpdate } from './messages';
import { matchWorkflowId } from './match';
import type { Availability } from './types';

/** What the start holds is the reservation the run was given, not one an early Update took. */
const CARRIED_RESERVATION_READ_FIRST = 'carried-reservation-read-first';
/** A match's signals are handled in turn after the Updates of their workflow task. */
const MATCH_SIGNALS_QUEUED = 'match-signals-queued';

/** Free: no active match and no reservation (reservations no longer lapse by the clock). */
export function isFree(state: Availability): boolean {
  return !state.activeMatchId && !state.reservation;
}

export function registerAvailability<S extends CaseCore & Availability>(
  rt: CaseRuntime<S>,
  /** Why this party cannot be matched at all right now (not approved, not ready), if so. */
  notMatchable: () => string | undefined,
  code: 'mentor_not_available' | 'youth_not_available',
): void {
  const state = rt.state;
  const party = code === 'mentor_not_available' ? 'mentor' : 'youth';
  // The reservation carried into this run (taken before a continue-as-new), read before the
  // handlers are set: setHandler runs at once an Update or signal that came with the run's
  // first activation, and a replay may deliver that Update one activation later, so what it
  // changes must not decide what the start does (it held a fresh proposal twice, and the
  // replay found no such command: the record failed its tasks and the proposal hung).
  const carried = state.reservation && !state.activeMatchId ? state.reservation.matchId : undefined;
  const carriedReadFirst = patched(CARRIED_RESERVATION_READ_FIRST);

  /** Lets go of a reservation only when its match case never started. */
  async function holdReservation(matchId: string): Promise<void> {
    const holdMs = addDuration(Date.now(), rt.policy.foster.reservationHold, rt.calendar) - Date.now();
    for (;;) {
      if (await condition(() => state.reservation?.matchId !== matchId, holdMs)) return;
      const { recorded } = await caseRecorded({ caseId: matchId });
      if (recorded || state.reservation?.matchId !== matchId) continue;
      state.reservation = undefined;
      await rt.commit({
        events: [rt.event(SYSTEM, 'reservation_released', { matchId, reason: 'the proposed match never started' })],
      });
      return;
    }
  }

  setHandler(
    reserveForMatchUpdate,
    async ({ matchId }) => {
      // A retried proposal (the API asked again after a crash or a timeout) that holds this
      // party, or has taken it already, changes nothing: no second reservation, no second event.
      if (
        (state.reservation?.matchId === matchId || state.activeMatchId === matchId) &&
        patched('retried-proposal-reserves-once')
      ) {
        return { reservedUntil: state.reservation?.until ?? rt.nowIso() };
      }
      const until = new Date(addDuration(Date.now(), rt.policy.foster.reservationHold, rt.calendar)).toISOString();
      state.reservation = { matchId, until };
      await rt.commit({ events: [rt.event(SYSTEM, 'proposed_for_match', { matchId })] });
      if (patched('reservation-is-a-lock')) void holdReservation(matchId);
      return { reservedUntil: until };
    },
    {
      validator: ({ matchId }) => {
        const why = notMatchable();
        if (why) refuse(code, why);
        // The same proposal asking again (a retried request) is not a second match.
        const again = state.reservation?.matchId === matchId || state.activeMatchId === matchId;
        if (!again && !isFree(state)) refuse(code, 'Already in an active or proposed match');
      },
    },
  );
  async function matchConfirmed({ matchId }: { matchId: string }): Promise<void> {
    // Its own reservation, or (a reservation let go) still free: the match takes the party.
    const free = isFree(state) && !notMatchable() && patched('party-taken');
    if (state.reservation?.matchId === matchId || state.activeMatchId === matchId || free) {
      state.reservation = undefined;
      state.activeMatchId = matchId;
      await rt.commit({ events: [rt.event(SYSTEM, 'match_started', { matchId })] });
      return;
    }
    // Taken by another match meanwhile: that match learns it and cancels itself.
    if (!patched('party-taken')) return;
    try {
      await getExternalWorkflowHandle(matchWorkflowId(matchId)).signal(partyTakenSignal, {
        party,
        reason: `The ${party} is already in another match`,
      });
    } catch (err) {
      if (!receiverGoneTolerated(err)) throw err;
    }
    await rt.commit({ events: [rt.event(SYSTEM, 'match_refused', { matchId, reason: 'already in another match' })] });
  }
  async function matchEnded({ matchId, outcome }: { matchId: string; outcome: string }): Promise<void> {
    if (state.reservation?.matchId !== matchId && state.activeMatchId !== matchId) return;
    state.reservation = undefined;
    state.activeMatchId = undefined;
    state.pastMatchIds.push(matchId);
    // Both parties return to the pool and may be matched again.
    await rt.commit({ events: [rt.event(SYSTEM, 'returned_to_pool', { matchId, outcome })] });
  }
  // A match's signals and a person's Update may come in one workflow task, which core may hand
  // over in another order on a replay: a signal that wrote (or signalled the match) at once then
  // swapped its commands with the Update's acceptance and the case failed every task from then
  // on. Queued, they are handled one at a time after the task's Updates, in the order they came.
  const queued = patched(MATCH_SIGNALS_QUEUED);
  const inTurn = queued ? workInTurn() : undefined;
  setHandler(matchConfirmedSignal, (s) => (inTurn ? inTurn(() => matchConfirmed(s)) : matchConfirmed(s)));
  setHandler(matchEndedSignal, (s) => (inTurn ? inTurn(() => matchEnded(s)) : matchEnded(s)));

  // A reservation carried over (continue-as-new, or taken before this version) is held the same way.
  const held = carriedReadFirst
    ? carried
    : state.reservation && !state.activeMatchId
      ? state.reservation.matchId
      : undefined;
  if (held && patched('reservation-is-a-lock')) void holdReservation(held);
}
