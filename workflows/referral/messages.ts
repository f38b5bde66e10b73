import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../shared/records';

/** The volunteer withdraws through the link in their confirmation e-mail. */
export const withdrawReferralUpdate = defineUpdate<{ stage: string }, [{ actor: Actor }]>('withdrawReferral');
/** A program dropped below Affiliate (or stopped accepting): its open offer moves on at once. */
export const programUnavailableSignal = defineSignal<[{ programId: string; reason: string }]>('programUnavailable');
