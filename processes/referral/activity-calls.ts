/**
 * The referral process's own activities as its workflow calls them, with their timeouts and
 * retry policies (the activities themselves: activities/index.ts).
 */
import { proxyActivities } from '@temporalio/workflow';
import { onMailQueue } from '../../platform/workflow/activities';
import type { ReferralActivities } from './activities';

/** Sends a referred volunteer's confirmation with the one-time withdraw link. */
export const sendReferralConfirmation: ReferralActivities['sendReferralConfirmation'] = (input) =>
  proxyActivities<ReferralActivities>({
    taskQueue: onMailQueue(),
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  }).sendReferralConfirmation(input);

/** Reads the directory for a referral (read-only; retried until the database answers). */
export const { findReferralPrograms, findPlaceablePrograms } = proxyActivities<ReferralActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
