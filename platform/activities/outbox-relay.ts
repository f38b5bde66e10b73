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
 * relay and the outbox sweeper) never send one message twice. SMTP or the database down: the
 * relay backs off (to half a minute) and the sweeper's rule still holds, nothing unsent stays
 * unsent.
 */
import type { Db } from '../../db';
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

  /** Sends the keys, `parallel` at a time; throws the first failure once the others are done. */
  async function send(keys: string[]): Promise<void> {
    let next = 0;
    let failure: unknown;
    const lane = async () => {
      while (!stopped && failure === undefined && next < keys.length) {
        const key = keys[next++];
        await deliverOutbox(opts.db, opts.mailer, [key], opts.hooks).catch((err: unknown) => {
          failure ??= err;
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, keys.length) }, lane));
    if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure));
  }

  const loop = async () => {
    let backoff = 0;
    while (!stopped) {
      let full = false;
      try {
        const keys = await waitingMessageKeys(opts.db, batch);
        await send(keys);
        full = keys.length === batch;
        backoff = 0;
      } catch {
        // SMTP or the database unavailable: the claims were freed; try again later.
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
