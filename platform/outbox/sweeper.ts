/**
 * The outbox sweeper (`outbox-sweeper`, one per deployment): every few seconds it sends
 * what is still unsent — e-mails whose delivery step gave up while SMTP was down, or whose
 * worker died mid-send — so nothing unsent stays unsent. Started (idempotently) by every
 * worker process; history stays bounded by continuing as new.
 */
import { continueAsNew, sleep } from '@temporalio/workflow';
import { sweepOutbox } from '../workflow/activities';

export const OUTBOX_SWEEPER_ID = 'outbox-sweeper';

export interface OutboxSweeperInput {
  /** Seconds between sweeps; a message is swept once it is this old. */
  everySeconds: number;
}

export async function outboxSweeperWorkflow(input: OutboxSweeperInput): Promise<void> {
  for (let round = 0; round < 200; round++) {
    await sweepOutbox({ olderThanSeconds: input.everySeconds }).catch(() => undefined);
    await sleep(input.everySeconds * 1000);
  }
  await continueAsNew<typeof outboxSweeperWorkflow>(input);
}
