/**
 * The placements a certified mentor holds (at most 2 at once), kept by the placements'
 * own workflows: a placement reserves the mentor (an Update that refuses a mentor not
 * certified, of the other kind, or at capacity), then signals when it starts and ends; a
 * reservation whose placement case never started is let go after the hold.
 */
import { patched, setHandler } from '@temporalio/workflow';
import { caseRecorded } from '../../../platform/workflow/activities';
import { addDuration } from '../../../platform/workflow/calendar';
import { refuse } from '../../../platform/workflow/case-runtime';
import { placementEndedSignal, placementStartedSignal, reservePlacementUpdate } from '../messages';
import { MENTOR_FOR, ROLE_NAME, type EceCertification } from './certification-case';
import { STARTED_ONCE } from './lifecycle';

/** Registers, in this order: the reservation Update, then the started and ended signals. */
export function registerPlacementMessages(ece: EceCertification): void {
  const { state, rules, rt } = ece;
  setHandler(
    reservePlacementUpdate,
    async ({ placementId }) => {
      if (!state.openPlacements.some((p) => p.placementId === placementId))
        state.openPlacements.push({ placementId, since: rt.nowIso() });
      void releaseIfNeverStarted(ece, placementId);
      return { openPlacements: state.openPlacements.length };
    },
    {
      validator: ({ placementId, kind }: { placementId: string; kind: keyof typeof MENTOR_FOR }) => {
        if (state.openPlacements.some((p) => p.placementId === placementId)) return;
        if (state.stage !== 'certified') refuse('mentor_not_certified', `The mentor's certification is ${state.stage}`);
        if (MENTOR_FOR[kind] !== state.role)
          refuse(
            'mentor_kind_mismatch',
            `A ${kind} is placed with a ${ROLE_NAME[MENTOR_FOR[kind]]}; this mentor is a ${ROLE_NAME[state.role]}`,
          );
        if (state.openPlacements.length >= rules.maxOpenPlacements)
          refuse('mentor_at_capacity', `A mentor holds at most ${rules.maxOpenPlacements} placements at once`);
      },
    },
  );
  setHandler(placementStartedSignal, ({ placementId }) => {
    const held = state.openPlacements.find((p) => p.placementId === placementId);
    if (held) held.started = true;
    // Let go before its row was written (an incident held it up): it runs, so it holds the mentor again.
    else state.openPlacements.push({ placementId, since: rt.nowIso(), started: true });
  });
  setHandler(placementEndedSignal, ({ placementId }) => {
    state.openPlacements = state.openPlacements.filter((p) => p.placementId !== placementId);
  });
}

/** A reservation whose placement case never started (its request died) is let go after the hold. */
export async function releaseIfNeverStarted(ece: EceCertification, placementId: string): Promise<void> {
  const { holds } = ece.running;
  // A reservation that came with a continued run's start is watched once (see lifecycle.ts).
  if (holds.includes(placementId) && patched(STARTED_ONCE)) return;
  holds.push(placementId);
  try {
    await holdUntilStarted(ece, placementId);
  } finally {
    holds.splice(holds.indexOf(placementId), 1);
  }
}

async function holdUntilStarted(ece: EceCertification, placementId: string): Promise<void> {
  const { input, state, rt } = ece;
  const held = () => state.openPlacements.some((p) => p.placementId === placementId);
  const started = () => state.openPlacements.some((p) => p.placementId === placementId && p.started);
  // The hold counts from the reservation, also when it is watched again after a continue-as-new.
  const since = state.openPlacements.find((p) => p.placementId === placementId)?.since;
  const from = since && patched('placement-hold-from-reservation') ? Date.parse(since) : Date.now();
  await rt.untilOr(() => !held() || started(), addDuration(from, input.policy.foster.reservationHold, rt.calendar));
  if (held() && !started() && !(await caseRecorded({ caseId: placementId })).recorded) {
    state.openPlacements = state.openPlacements.filter((p) => p.placementId !== placementId);
  }
}
