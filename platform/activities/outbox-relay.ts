/**
 * The outbox relay, run by the mail worker: it sends what a transition wrote to the outbox
 * as soon as the transition is committed, reading the outbox itself. Cases used to hand each
 * transition's keys to a delivery activity, which cost every person's action a second
 * activity task and a workflow task that did nothing; cases started since
 * `emails-relayed-from-outbox` leave their e-mails to this relay.
 *
 * It polls the unsent rows, oldest first, through the partial index of unsent messages (a
 * poll that finds nothing costs one index probe), and polls again at once while it finds a
 * full batch. Sending is deliverOutbox's: each message is claimed, so two mail workers (or the
 * relay and the outbox sweeper) never send one message twice. A message SMTP does not take is
 * held a few seconds and the others go on, so one bad message never blocks the rest; when
 * none can be sent (SMTP or the database down) the relay backs off, to half a minute, and
 * says so in the log. Nothing unsent stays unsent.
 */
import type { Db } from '../../db';
import { logger } from '../../lib/logger';
import { deliverOutbox, waitingMessageKeys, type Mailer, type OutboxHooks } from './email';

export interface OutboxRelay {
  /** Stops polling; resolves once the messages being sent are marked. */
  stop(): Promise<void>;
}

export interface OutboxRelayOptions {
  db: Db;
  mailer: Mailer;
  hooks?: OutboxHooks;
  /** Milliseconds between polls when the outbox is empty. */
  everyMs?: number;
  /** Messages taken per poll, and sent this many at a time. */
  batch?: number;
  parallel?: number;
}

const MAX_BACKOFF_MS = 30_000;

export function startOutboxRelay(opts: OutboxRelayOptions): OutboxRelay {
  const everyMs = opts.everyMs ?? 200;
  const batch = opts.batch ?? 50;
  const parallel = opts.parallel ?? 4;
  let stopped = false;
  let wake: () => void = () => undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /**
   * Sends the keys, `parallel` at a time. A message that fails waits its turn again
   * (deliverOutbox holds it a while) and the others go on; only when every one failed is
   * SMTP taken to be down, and the first failure thrown.
   */
  async function send(keys: string[]): Promise<void> {
    let next = 0;
    let failed = 0;
    let failure: unknown;
    const lane = async () => {
      while (!stopped && next < keys.length) {
        const key = keys[next++];
        await deliverOutbox(opts.db, opts.mailer, [key], opts.hooks).catch((err: unknown) => {
          failed++;
          failure ??= err;
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, keys.length) }, lane));
    if (keys.length > 0 && failed === keys.length)
      throw failure instanceof Error ? failure : new Error(String(failure));
  }

  const loop = async () => {
    let backoff = 0;
    while (!stopped) {
      let full = false;
      try {
        const keys = await waitingMessageKeys(opts.db, batch);
        await send(keys);
        full = keys.length === batch;
        if (backoff) logger.info('outbox relay: sending again');
        backoff = 0;
      } catch (err) {
        // SMTP or the database unavailable: the messages wait their turn; try again later.
        if (!backoff) logger.warn({ err: (err as Error).message }, 'outbox relay: cannot send; backing off');
        backoff = Math.min(backoff ? backoff * 2 : 1000, MAX_BACKOFF_MS);
      }
      if (!stopped && !full) await pause(backoff || everyMs);
    }
  };
  const running = loop();
  return {
    async stop() {
      stopped = true;
      wake();
      await running;
    },
  };
}
