/**
 * The referral's two messages from outside its tasks: the volunteer's withdrawal (an
 * Update: the public link's answer waits for it, and a closed case refuses it at once)
 * and a program that stopped being eligible (a signal from the API, which may concern
 * many referrals at once and needs no answer).
 */
import { setHandler } from '@temporalio/workflow';
import type { CaseRuntime, Change } from '../shared/case-runtime';
import type { Actor } from '../shared/records';
import { refuse } from '../shared/refusals';
import { programUnavailableSignal, withdrawReferralUpdate } from './messages';
import type { MentorReferralState } from './types';

export function registerReferralMessages(
  rt: CaseRuntime<MentorReferralState>,
  on: { withdraw: (actor: Actor) => Change; programUnavailable: (programId: string, reason: string) => Promise<Change> },
): void {
  const state = rt.state;
  setHandler(
    withdrawReferralUpdate,
    async ({ actor }) => {
      await rt.commit(on.withdraw(actor));
      return { stage: state.stage };
    },
    { validator: (_input) => { if (state.status === 'closed') refuse('case_closed', `The referral is ${state.stage}`); } },
  );
  setHandler(programUnavailableSignal, async ({ programId, reason }) => {
    if (state.status === 'closed') return;
    const change = await on.programUnavailable(programId, reason);
    if (change.events?.length) await rt.commit(change);
  });
}
