import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor, ActingUser } from '../../platform/workflow/records';

/** The volunteer withdraws through the link in their confirmation e-mail. */
export const withdrawReferralUpdate = defineUpdate<{ stage: string }, [{ actor: Actor }]>('withdrawReferral');
/**
 * The volunteer confirms the e-mail address through the one-time link of the first e-mail;
 * the answer waits until the referral is with its programs (or a coordinator).
 */
export const confirmReferralAddressUpdate = defineUpdate<{ stage: string }, []>('confirmReferralAddress');
/** A program dropped below Affiliate (or stopped accepting): its open offer moves on at once. */
export const programUnavailableSignal = defineSignal<[{ programId: string; reason: string }]>('programUnavailable');

/** A program a coordinator picks, as the API found it eligible in the directory. */
export interface PickedProgram {
  programId: string;
  name: string;
  contactEmail: string;
}
/** A partnership coordinator offers the referral to programs picked by hand (any time it is open). */
export const offerByHandUpdate = defineUpdate<{ offers: number }, [{ programs: PickedProgram[]; actor: ActingUser }]>(
  'offerByHand',
);
