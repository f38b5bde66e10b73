/**
 * The referral's messages from outside its tasks: the volunteer's address confirmation (an
 * Update: the public link's answer waits until the offers are out; refused once confirmed
 * or closed), the volunteer's withdrawal (an Update:
 * the public link's answer waits for it, and a closed case refuses it at once), a
 * coordinator's programs picked by hand (an Update: refused for anyone else, a closed case,
 * a program offered before), and a program that stopped being eligible (a signal from the
 * API, which may concern many referrals at once and needs no answer).
 */
import { patched, setHandler } from '@temporalio/workflow';
import { workInTurn } from '../../platform/workflow/in-turn';
import type { CaseRuntime, Change } from '../../platform/workflow/case-runtime';
import type { ActingUser, Actor } from '../../platform/workflow/records';
import { refuse, refuseWith } from '../../platform/workflow/refusals';
import { ownCase } from '../../platform/workflow/who-may-act';
import {
  confirmReferralAddressUpdate,
  offerByHandUpdate,
  programUnavailableSignal,
  withdrawReferralUpdate,
  type PickedProgram,
} from './messages';
import type { MentorReferralState } from './types';

export function registerReferralMessages(
  rt: CaseRuntime<MentorReferralState>,
  on: {
    withdraw: (actor: Actor) => Change;
    programUnavailable: (programId: string, reason: string) => Promise<Change>;
    offerByHand: (programs: PickedProgram[], actor: Actor) => Change;
    /** Resolves once the confirmed referral was offered (or the case closed meanwhile). */
    confirm: () => Promise<void>;
  },
): void {
  const state = rt.state;
  let confirming = false;
  setHandler(
    confirmReferralAddressUpdate,
    async () => {
      confirming = true;
      await on.confirm();
      return { stage: state.stage };
    },
    {
      validator: () => {
        if (state.status === 'closed') refuse('case_closed', `The referral is ${state.stage}`);
        // One confirmation: a second (or one for a case from before confirmation existed) is a used link.
        if (state.stage !== 'unconfirmed' || confirming)
          refuse('reference_link_used', 'The address is confirmed already');
      },
    },
  );
  setHandler(
    withdrawReferralUpdate,
    async ({ actor }) => {
      await rt.commit(on.withdraw(actor));
      return { stage: state.stage };
    },
    {
      validator: (_input) => {
        if (state.status === 'closed') refuse('case_closed', `The referral is ${state.stage}`);
      },
    },
  );
  setHandler(
    offerByHandUpdate,
    async ({ programs, actor }) => {
      await rt.commit(on.offerByHand(programs, actor));
      return { offers: state.offers.length };
    },
    {
      validator: ({ programs, actor }: { programs: PickedProgram[]; actor: ActingUser }) => {
        if (!actor.roles.includes('partnership_coordinator'))
          refuse('not_permitted', "Only the partnership's coordinators pick programs by hand");
        refuseWith(ownCase(actor, state));
        if (state.status === 'closed') refuse('case_closed', `The referral is ${state.stage}`);
        if (state.stage === 'unconfirmed')
          refuse(
            'address_unconfirmed',
            'The volunteer has not confirmed the e-mail address yet: no program may hear of the referral',
          );
        const again = programs.filter((p) => state.offers.some((o) => o.programId === p.programId));
        if (!programs.length || programs.length > 3 || again.length) {
          refuse(
            'program_not_eligible',
            again.length ? `Offered before: ${again.map((p) => p.name).join(', ')}` : 'Pick one to three programs',
          );
        }
      },
    },
  );
  async function programUnavailable({ programId, reason }: { programId: string; reason: string }): Promise<void> {
    if (state.status === 'closed') return;
    const change = await on.programUnavailable(programId, reason);
    if (change.events?.length) await rt.commit(change);
  }
  // It reads the next programs and writes: in turn, after the Updates of its workflow task (in-turn.ts).
  const inTurn = patched('program-unavailable-in-turn') ? workInTurn() : undefined;
  setHandler(programUnavailableSignal, (s) => (inTurn ? inTurn(() => programUnavailable(s)) : programUnavailable(s)));
}
