/**
 * The activities workflows call, with their timeouts and retry policies in one place.
 * Writing the read model retries a bounded number of times and never on `bad_data` (the
 * case opens an incident instead); delivering e-mail tries a few times and leaves the
 * rest to the outbox sweep; flagging an incident retries until it is written.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { EmailActivities } from '../../activities/email';
import type { ReadModelActivities } from '../../activities/read-model';

export const { recordTransition } = proxyActivities<ReadModelActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', maximumAttempts: 8, nonRetryableErrorTypes: ['bad_data'] },
});

export const { recordIncident } = proxyActivities<ReadModelActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export const { deliverEmails, sweepOutbox } = proxyActivities<EmailActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumAttempts: 3 },
});
