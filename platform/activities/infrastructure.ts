/**
 * Transient is not an incident. A write to the read model fails for one of three reasons,
 * and each gets its own answer:
 * - the database is unreachable or overloaded (connection refused or lost, a restart, too
 *   many connections, a serialization conflict): retried with capped backoff for as long as
 *   it takes, because it heals without anyone's help; while a write waits, it is counted on
 *   the worker's metrics (`mentorflow_writes_waiting_on_infrastructure`), so an operator
 *   sees the backlog grow and drain;
 * - the database refuses the data (a constraint, a value it will not store): failed at once
 *   as `bad_data`, and the case opens an incident;
 * - anything else (a bug): retried a few times, then failed as `unexpected_error`, and the
 *   case opens an incident. Retrying would not fix it; a person must look.
 */
import { ApplicationFailure } from '@temporalio/common';
import { Runtime } from '@temporalio/worker';

/** SQLSTATE classes retrying will not fix: data exceptions (22), integrity constraints (23), program limits (54). */
const PERMANENT_SQLSTATE = /^(22|23|54)/;
/**
 * SQLSTATEs of an unavailable or overloaded server: connection exceptions (08), insufficient
 * resources (53), operator intervention (57: shutdown, crash, cancelled by a timeout),
 * serialization failures and deadlocks (40001, 40P01).
 */
const TRANSIENT_SQLSTATE = /^(08|53|57|40001|40P01)/;
/** Network errors of Node's sockets and the client's own when the server goes away. */
const TRANSIENT_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);
const TRANSIENT_MESSAGE =
  /connection terminated|connection timeout|timeout exceeded when trying to connect|server closed the connection|the database system is (starting up|shutting down)|terminating connection/i;

/** Attempts an unexplained failure gets before it becomes an incident. */
export const UNEXPECTED_ATTEMPTS = 8;

export function isInfrastructureError(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NODE_CODES.has(code))) return true;
  if (err instanceof AggregateError) return err.errors.some(isInfrastructureError);
  return err instanceof Error && TRANSIENT_MESSAGE.test(err.message);
}

/**
 * The failure a read-model write throws, given the error and the activity's attempt (1-based;
 * 0 for a write that has no incident path and so is never given up).
 */
export function classifiedWriteFailure(err: unknown, attempt: number): unknown {
  const code = (err as { code?: unknown } | undefined)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (typeof code === 'string' && PERMANENT_SQLSTATE.test(code)) {
    return ApplicationFailure.nonRetryable(
      `the read model refused the change (${code}): ${message}`.slice(0, 500),
      'bad_data',
    );
  }
  if (isInfrastructureError(err))
    return ApplicationFailure.retryable(
      `the database is unavailable: ${message}`.slice(0, 500),
      'infrastructure_unavailable',
    );
  if (attempt >= UNEXPECTED_ATTEMPTS) {
    return ApplicationFailure.nonRetryable(
      `the write failed ${attempt} times: ${message}`.slice(0, 500),
      'unexpected_error',
    );
  }
  return err;
}

/**
 * Writes waiting out an outage, by dependency, in this worker process: an entry is added on
 * an infrastructure failure and removed when that write succeeds or fails for good. Keyed by
 * the activity's identity (workflow and activity id), so retries of one write count once.
 */
export class InfrastructureBacklog {
  private readonly waiting = new Map<string, { dependency: string; since: number }>();
  private gauges?: { count: ReturnType<typeof gauge>; oldest: ReturnType<typeof gauge> };

  constructor(private readonly clock: () => number = Date.now) {}

  waitingOn(key: string, dependency: string): void {
    if (!this.waiting.has(key)) this.waiting.set(key, { dependency, since: this.clock() });
    this.publish();
  }

  done(key: string): void {
    if (this.waiting.delete(key)) this.publish();
  }

  /** Per dependency: how many writes wait and for how long the oldest has waited (seconds). */
  summary(): Record<string, { waiting: number; oldestSeconds: number }> {
    const out: Record<string, { waiting: number; oldestSeconds: number }> = {};
    for (const { dependency, since } of this.waiting.values()) {
      const s = (out[dependency] ??= { waiting: 0, oldestSeconds: 0 });
      s.waiting++;
      s.oldestSeconds = Math.max(s.oldestSeconds, Math.round((this.clock() - since) / 1000));
    }
    return out;
  }

  /** Sets the worker's gauges (through the SDK's metrics, exported with the worker's own). */
  private publish(): void {
    this.gauges ??= {
      count: gauge(
        'mentorflow_writes_waiting_on_infrastructure',
        'Read-model writes waiting out an outage, by dependency',
      ),
      oldest: gauge(
        'mentorflow_writes_waiting_oldest_seconds',
        'How long the oldest waiting write has waited, by dependency',
      ),
    };
    for (const dependency of ['database']) {
      const s = this.summary()[dependency] ?? { waiting: 0, oldestSeconds: 0 };
      this.gauges.count.set(s.waiting, { dependency });
      this.gauges.oldest.set(s.oldestSeconds, { dependency });
    }
  }
}

function gauge(name: string, help: string) {
  return Runtime.instance().metricMeter.createGauge(name, 'int', '', help);
}
