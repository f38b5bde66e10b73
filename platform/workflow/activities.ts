/**
 * The activities workflows call, with their timeouts and retry policies in one place.
 * Everything that talks SMTP runs on the mail task queue (`<queue>-mail`), served by the
 * mail worker: a crash of the worker that runs the cases never lands between an SMTP
 * server's acceptance and the outbox's mark, so it cannot make a message go out twice.
 * (The task queue of an activity is not part of replay's comparison: running cases keep
 * replaying, tested by the replay suite.)
 * Writing the read model waits out an outage of the database however long it lasts (the
 * backoff capped at a minute; the activity counts the waiting writes on the worker's
 * metrics) and fails only on what retrying cannot fix — data the database refuses
 * (`bad_data`) or a failure that is no outage (`unexpected_error`, after a few attempts) —
 * and then the case opens an incident; delivering e-mail tries a few times and leaves the
 * rest to the outbox sweep; flagging an incident retries until it is written. A process's
 * own activities are called from its activity-calls.ts, in the same way.
 */
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { EmailActivities } from '../activities/email';
import type { ReadModelActivities } from '../activities/read-model';
import { mailQueueOf } from './task-queues';

export const { recordTransition } = proxyActivities<ReadModelActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: ['bad_data', 'unexpected_error'],
  },
});

/**
 * The same write for records that have no incident path (the program registry): an outage
 * of the database is waited out, however long, with the backoff capped at five minutes, so
 * an outage never fails the record's workflow (a failed program record would stop its
 * expiry timers for good and refuse every later level change). Data the database refuses
 * (`bad_data`) still fails it: a bug to fix, not an outage to wait out.
 */
export const { recordTransition: recordTransitionUntilWritten } = proxyActivities<ReadModelActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '5 minutes' },
});

/** Whether a case has its read-model row (a reservation whose case never started is let go). */
export const { caseRecorded } = proxyActivities<ReadModelActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

export const { recordIncident } = proxyActivities<ReadModelActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** The mail task queue of the running workflow's queue (a process's own SMTP activities go there too). */
export const onMailQueue = (): string => mailQueueOf(workflowInfo().taskQueue);

export const deliverEmails: EmailActivities['deliverEmails'] = (input) =>
  proxyActivities<EmailActivities>({
    taskQueue: onMailQueue(),
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '2 seconds', maximumAttempts: 3 },
  }).deliverEmails(input);

export const sweepOutbox: EmailActivities['sweepOutbox'] = (input) =>
  proxyActivities<EmailActivities>({
    taskQueue: onMailQueue(),
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '2 seconds', maximumAttempts: 3 },
  }).sweepOutbox(input);
