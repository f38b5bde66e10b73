/**
 * The world scenarios run in: one time-skipping test server (clock locked, moved only by
 * `sleep`), the real workflow bundle on two case workers — one with a sticky cache of two
 * workflows (a scenario's third evicts one, which replays on its next task), one with the
 * cache disabled (`maxCachedWorkflows: 0`: every workflow task replays the whole history)
 * — each with its mail worker, all running the fake activities over one read model. A
 * worker restart shuts the uncached case worker down and creates a new one. (The cached
 * one is not restarted: the test server has no ResetStickyTaskQueue and times a sticky
 * task out only on its clock, which does not move while the task is outstanding, so a
 * workflow whose worker went away would wait for ever.) The server is replaced from time
 * to time so its clock and memory stay bounded.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { InternalConnectionOptionsSymbol } from '@temporalio/client/lib/connection';
import { msToTs } from '@temporalio/common/lib/time';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTestServer } from '../support/test-server';
import { DefaultLogger, makeTelemetryFilterString, Runtime, Worker } from '@temporalio/worker';
import { mailQueueOf } from '../../platform/workflow/task-queues';
import { fakeActivities, noFaults, type Faults } from './fakes';
import { bounded, LIMITS } from './bounds';
import { profile } from './profile';
import { ReadModel } from './read-model';
import { nextAttemptAt, retryPolicies } from './retries';

/** How long a clock move may stand still before the watch looks for a leaked lock. */
const STALL_MS = 2_000;

export type CacheMode = 'cached' | 'uncached';

interface Lane {
  taskQueue: string;
  worker?: Worker;
  mail?: Worker;
}

export class World {
  env!: TestWorkflowEnvironment;
  /**
   * The scenarios' client: keepalive pings rare enough that the test server does not drop
   * the connection for "excess pings" while a call waits (the SDK's default pings every 30 s).
   */
  client!: Client;
  private connection?: Connection;
  model = new ReadModel();
  /** Each running scenario's fault plan, by the workflows it involves (scenarios may run side by side). */
  faultsOf = new Map<string, Faults>();
  private restarting: Promise<void> = Promise.resolve();
  private sleeping: Promise<void> = Promise.resolve();
  /** A worker that stopped by itself (a fatal error): reported as a violation. */
  workerErrors: string[] = [];
  private running = new Map<Worker, Promise<void>>();
  /** Locks the test server kept and the clock moves released (see moveClock). */
  lockLeaks = 0;
  /** When the current server started (its clock is moved forward by every scenario). */
  startedAtMs = 0;
  private lanes: Record<CacheMode, Lane> = {
    cached: { taskQueue: `sim-${randomUUID()}` },
    uncached: { taskQueue: `sim-nocache-${randomUUID()}` },
  };

  constructor(
    private readonly bundlePath: string,
    private readonly serverPath: string,
  ) {}

  static installRuntime(): void {
    try {
      Runtime.install({
        logger: new DefaultLogger('ERROR'),
        telemetryOptions: {
          logging: { filter: makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' }), forward: {} },
        },
      });
    } catch {
      /* installed already */
    }
  }

  async start(): Promise<void> {
    World.installRuntime();
    this.env = await startTestServer({
      server: { executable: { type: 'existing-path', path: this.serverPath } },
    });
    await this.env.connection.testService!.lockTimeSkipping({});
    this.connection = await Connection.connect({
      address: this.env.address,
      channelArgs: { 'grpc.keepalive_time_ms': 30 * 60_000, 'grpc.keepalive_permit_without_calls': 0 },
      // The test service (clock) on this connection too, as the testing package asks for it.
      ...({ [InternalConnectionOptionsSymbol]: { supportsTestService: true } } as object),
    });
    this.client = new Client({ connection: this.connection });
    this.startedAtMs = await this.now();
    if (process.env.SIMULATE_TRACE) process.stdout.write(`  test server at ${this.env.address}\n`);
    for (const mode of ['cached', 'uncached'] as const) await this.startLane(mode, true);
  }

  async stop(): Promise<void> {
    for (const mode of ['cached', 'uncached'] as const) await this.stopLane(mode, true);
    await this.connection?.close();
    await this.env?.teardown();
  }

  /** A fresh server (its clock back at today) and fresh workers. */
  async restartServer(): Promise<void> {
    await profile.time('server restart', async () => {
      await this.stop();
      await this.start();
    });
  }

  taskQueue(mode: CacheMode): string {
    return this.lanes[mode].taskQueue;
  }

  async now(): Promise<number> {
    const { time } = await this.connection!.testService!.getCurrentTime({});
    return Number(time?.seconds ?? 0) * 1000 + Math.floor((time?.nanos ?? 0) / 1e6);
  }

  /** Moves the server's clock; every timer on the way fires and its work runs. */
  async sleep(ms: number): Promise<void> {
    if (process.env.SIMULATE_TRACE) process.stdout.write(`      sleep ${Math.round(ms)} ms\n`);
    // One clock move at a time (scenarios side by side each move it), on the scenarios'
    // connection: a long move must not be cut by the default keepalive's "excess pings".
    const done = this.sleeping.then(() => this.moveClock(Math.max(1, Math.round(ms))));
    this.sleeping = done.then(
      () => undefined,
      () => undefined,
    );
    await profile.time('clock move', () =>
      bounded(done, LIMITS.clockMoveMs, `a clock move of ${(ms / 3_600_000).toFixed(1)} h`),
    );
  }

  /**
   * One clock move, watched: the test server skips time only while nothing holds its
   * time-skipping lock, and it can keep one it never gives back (seen after some runs
   * continued as new: the clock then runs at the wall clock's pace with every workflow
   * idle, and a move of days would take days). When the clock has not moved for a while and every running
   * workflow of the scenarios is idle, the leaked lock is released once (counted in
   * `lockLeaks`); a move that still does not finish runs into its bound.
   */
  private async moveClock(ms: number): Promise<void> {
    const call = this.connection!.testService!.unlockTimeSkippingWithSleep({ duration: msToTs(ms) });
    call.catch(() => undefined);
    let seen = await this.now();
    for (;;) {
      const finished = await Promise.race([
        call.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), STALL_MS)),
      ]);
      if (finished) return;
      // Locked, the server's clock runs at the wall clock's pace; skipping, far faster.
      const now = await this.now();
      const crawling = now - seen < 2 * STALL_MS;
      seen = now;
      if (!crawling || !(await this.allIdle())) continue;
      this.lockLeaks++;
      profile.add('test-server lock leak', 0);
      if (process.env.SIMULATE_TRACE) process.stdout.write(`      clock stands still, all idle: lock released\n`);
      await this.connection!.testService!.unlockTimeSkipping({});
    }
  }

  /** Every running workflow of the scenarios: no activity running or due, no workflow task outstanding. */
  private async allIdle(): Promise<boolean> {
    for (const workflowId of this.faultsOf.keys()) {
      const h = this.client.workflow.getHandle(workflowId);
      const d = await h.describe().catch(() => undefined);
      if (!d || d.status.name !== 'RUNNING') continue;
      // An activity waiting out its retry backoff holds nothing; one started or due may.
      // (The test server shows a waiting one as started: retries.ts tells them apart.)
      const now = await this.now();
      const events = (await this.client.workflow.getHandle(workflowId, d.runId).fetchHistory()).events ?? [];
      const policies = retryPolicies(events);
      for (const a of d.raw.pendingActivities ?? []) {
        const next = nextAttemptAt(a, policies);
        if (next === undefined || next <= now) return false;
      }
      const last = [...events].reverse().find((e) => [5, 6, 7, 8, 9].includes(Number(e.eventType)));
      if (Number(last?.eventType) !== 7) return false;
    }
    return true;
  }

  /** Shuts the case worker of a lane down and starts a new one: nothing of its cache survives. */
  async restartWorker(mode: CacheMode): Promise<void> {
    await this.withWorkerAway(mode, async () => undefined);
  }

  /**
   * Runs `meanwhile` while the uncached case worker is away, then brings a new one: what it
   * sends (signals, Updates) waits on the server and reaches the workflow in one workflow task.
   */
  async withWorkerAway(mode: CacheMode, meanwhile: () => Promise<void>): Promise<void> {
    if (mode !== 'uncached') throw new Error('only the uncached worker is restarted (see the header)');
    // One restart at a time (scenarios side by side share the worker, and see each other's restarts).
    const done = this.restarting.then(async () => {
      await this.stopLane(mode, false);
      try {
        await meanwhile();
      } finally {
        await this.startLane(mode, false);
      }
    });
    this.restarting = done.catch(() => undefined);
    await done;
  }

  private async startLane(mode: CacheMode, withMail: boolean): Promise<void> {
    const lane = this.lanes[mode];
    const activities = fakeActivities(this.model, (workflowId) => this.faultsOf.get(workflowId) ?? noFaults());
    const t = performance.now();
    lane.worker = await Worker.create({
      connection: this.env.nativeConnection,
      taskQueue: lane.taskQueue,
      activities,
      workflowBundle: { codePath: this.bundlePath },
      // Two cached at most: a scenario's third workflow evicts one, which then replays.
      maxCachedWorkflows: mode === 'uncached' ? 0 : 2,
    });
    if (withMail)
      lane.mail = await Worker.create({
        connection: this.env.nativeConnection,
        taskQueue: mailQueueOf(lane.taskQueue),
        activities,
      });
    profile.add('worker create', performance.now() - t);
    for (const w of [lane.worker, ...(withMail ? [lane.mail!] : [])]) {
      this.running.set(
        w,
        w.run().catch((err) => {
          this.workerErrors.push(`${mode} worker: ${String(err)}`);
        }),
      );
    }
  }

  private async stopLane(mode: CacheMode, withMail: boolean): Promise<void> {
    const lane = this.lanes[mode];
    const stopping: Promise<unknown>[] = [];
    if (lane.worker && lane.worker.getState() === 'RUNNING') {
      lane.worker.shutdown();
      stopping.push(this.running.get(lane.worker)!);
    }
    if (withMail && lane.mail && lane.mail.getState() === 'RUNNING') {
      lane.mail.shutdown();
      stopping.push(this.running.get(lane.mail)!);
    }
    // A worker that does not stop is left to the server's teardown.
    await bounded(Promise.all(stopping), 30_000, 'a worker shutdown').catch(() => undefined);
  }
}
