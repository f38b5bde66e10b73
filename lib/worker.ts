/**
 * Builds the Temporal workers of one process: the case worker (all workflows, and the
 * activities that write the read model) on the task queue, and the mail worker (the
 * activities that talk SMTP) on its mail queue. `role` runs one of them alone, so each
 * can be scaled, deployed and restarted apart; a crash of the case worker then never
 * interrupts an SMTP conversation. The case worker runs under Worker Versioning (one version
 * of the deployment, its build id the workflow bundle's hash: lib/deployment.ts); the mail
 * worker runs no workflows and stays unversioned; it also relays the outbox (platform/activities/outbox-relay.ts).
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import nodemailer from 'nodemailer';
import {
  bundleWorkflowCode,
  makeTelemetryFilterString,
  Runtime,
  Worker,
  type NativeConnection,
  type WorkerOptions,
} from '@temporalio/worker';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdConflictPolicy, type WorkerDeploymentVersion } from '@temporalio/common';
import { OUTBOX_SWEEPER_ID, outboxSweeperWorkflow } from '../platform/outbox/sweeper';
import { startOutboxRelay, type OutboxRelay } from '../platform/activities/outbox-relay';
import type { ActivityDeps } from '../platform/activities';
import { createEmailActivities, nodemailerMailer } from '../platform/activities/email';
import { createReadModelActivities } from '../platform/activities/read-model';
import { loadProcessActivities } from '../platform/activities/process-activities';
import { mailQueueOf } from '../platform/workflow/task-queues';
import type { Db } from '../db';
import { TASK_QUEUE } from '../temporal.config';
import type { WorkerRole } from './config';
import { buildIdOf, settleCurrentVersion, type SetCurrentMode } from './deployment';
import { sdkLogger } from './logger';
import { encryptingDataConverter, FAILURE_CONVERTER_PATH, type PayloadKey } from './payload-codec';
import { tracingWorkerOptions, workflowTracingModules } from './tracing';

/**
 * The SDK's runtime for this process, installed before any connection: its logs go to the
 * product's logger, and its worker metrics (task slots, poll and schedule-to-start
 * latencies, cache size, activity and workflow task counts) are served in Prometheus
 * text at `metricsBind` (the API's /metrics appends them when worker and API share a process).
 */
export function installRuntime(opts: { metricsBind?: string } = {}): void {
  Runtime.install({
    logger: sdkLogger('INFO'),
    telemetryOptions: {
      // The core's own warnings (a slow workflow task, a lost task) as lines of the same logger.
      logging: { filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }), forward: {} },
      ...(opts.metricsBind
        ? { metrics: { prometheus: { bindAddress: opts.metricsBind, useSecondsForDurations: true } } }
        : {}),
    },
  });
}

/**
 * Loaded once per workflow thread and shared by every workflow in it (the SDK's
 * `preloadModules`): zod and the product's schemas and question bank — see
 * workflows/shared/preloaded.ts. Each workflow otherwise evaluates them anew (it costs start time and memory per workflow).
 */
export const PRELOADED_WORKFLOW_MODULES = ['zod', require.resolve('../platform/workflow/preloaded')];

/**
 * The workflow code as one bundle (what a deployment ships to every worker), with the tracing
 * interceptors when tracing is on. Another entry point than the product's: the upgrade drill's builds.
 */
export async function buildWorkflowBundle(workflowsPath = require.resolve('../processes/workflows')): Promise<string> {
  const bundle = await bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: workflowTracingModules(),
    logger: sdkLogger('WARN'),
    preloadModules: PRELOADED_WORKFLOW_MODULES,
    // Failures the workflows raise keep their messages out of the history's clear text.
    failureConverterPath: FAILURE_CONVERTER_PATH,
  });
  return bundle.code;
}

/**
 * SMTP with timeouts well inside the outbox's claim on a message (60 s): a stalled
 * conversation is given up before another worker may take the message, never sent twice.
 */
export function smtpMailer(smtpUrl: string, from: string) {
  const transport = nodemailer.createTransport(smtpUrl, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return nodemailerMailer(transport, from);
}

/** The workers of one process, run and stopped together. */
export interface Workers {
  run(): Promise<void>;
  shutdown(): void;
  getState(): string;
  /** The case worker's deployment version (undefined: unversioned, or no case worker here). */
  version?: WorkerDeploymentVersion;
  /**
   * Once running and registered with the server: what the case worker did about its version
   * becoming current (`set`, `already` current, or `left` to an operator); rejects when it
   * could not, and then the workers stop.
   */
  settled(): Promise<'set' | 'already' | 'left'>;
}

/**
 * The deployment a case worker joins: TEMPORAL_DEPLOYMENT_NAME, and whether a starting
 * worker makes its version current (WORKER_SET_CURRENT). `unversioned` only for a Temporal
 * that knows no deployments (the time-skipping test server).
 */
export type WorkerDeployment = { name: string; setCurrent: SetCurrentMode } | 'unversioned';

export async function createWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  db: Db;
  mailer: ActivityDeps['mailer'];
  hooks?: ActivityDeps['hooks'];
  taskQueue?: string;
  workflowBundle?: WorkerOptions['workflowBundle'];
  role?: WorkerRole;
  /** The payload codec's keys, newest first: what the workers read and write is encrypted with them. */
  payloadKeys: PayloadKey[];
  /** Workflows kept in memory (WORKER_MAX_CACHED_WORKFLOWS); the SDK's default grows with the heap. */
  maxCachedWorkflows?: number;
  /** The heap limit of the thread that runs workflows, MB (WORKER_WORKFLOW_HEAP_MB). */
  workflowHeapMb?: number;
  deployment: WorkerDeployment;
}): Promise<Workers> {
  const taskQueue = opts.taskQueue ?? TASK_QUEUE;
  const role = opts.role ?? 'all';
  const deps = { db: opts.db, mailer: opts.mailer, hooks: opts.hooks };
  const dataConverter = encryptingDataConverter(opts.payloadKeys);
  const workers: Worker[] = [];
  let version: WorkerDeploymentVersion | undefined;
  if (role !== 'mail') {
    // The bundle is built here when none was given: its hash is the build id.
    const code =
      opts.workflowBundle && 'code' in opts.workflowBundle
        ? opts.workflowBundle.code
        : opts.workflowBundle
          ? readFileSync(opts.workflowBundle.codePath, 'utf8')
          : await buildWorkflowBundle();
    const deployment = opts.deployment;
    if (deployment !== 'unversioned') version = { deploymentName: deployment.name, buildId: buildIdOf(code) };
    // The workflow thread is created by Worker.create, after this: V8 gives a new isolate the
    // heap limit its flags say then. Without a limit V8 grows that heap lazily toward a share
    // of the machine's memory, so a burst of new cases left the worker far above what its
    // cache holds (bench P4: 1 GB at the peak of 2,000 new cases, 740 MB after).
    if (opts.workflowHeapMb) setFlagsFromString(`--max-old-space-size=${opts.workflowHeapMb}`);
    workers.push(
      await Worker.create({
        ...tracingWorkerOptions({ bundlesWorkflows: false }),
        connection: opts.connection,
        namespace: opts.namespace,
        taskQueue,
        dataConverter,
        ...(opts.maxCachedWorkflows ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
        workflowBundle: { code },
        // Cases move to the current version at their next workflow task (AUTO_UPGRADE): a case
        // lives for a year, far longer than any version of the code.
        ...(version
          ? {
              workerDeploymentOptions: {
                useWorkerVersioning: true,
                version,
                defaultVersioningBehavior: 'AUTO_UPGRADE',
              },
            }
          : {}),
        activities: { ...createReadModelActivities(deps), ...loadProcessActivities('cases', deps) },
      }),
    );
  }
  if (role !== 'cases') {
    workers.push(
      await Worker.create({
        ...tracingWorkerOptions({ bundlesWorkflows: false }),
        connection: opts.connection,
        namespace: opts.namespace,
        taskQueue: mailQueueOf(taskQueue),
        dataConverter,
        activities: { ...createEmailActivities(deps), ...loadProcessActivities('mail', deps) },
      }),
    );
  }
  // The mail worker also relays the outbox: what a case commits is sent without a delivery step.
  let relay: OutboxRelay | undefined;
  const stopAll = () => {
    workers.forEach((w) => w.getState() === 'RUNNING' && w.shutdown());
    void relay?.stop();
  };
  let settle!: (outcome: Promise<'set' | 'already' | 'left'>) => void;
  const settled = new Promise<'set' | 'already' | 'left'>((resolve) => {
    settle = resolve;
  });
  settled.catch(() => undefined); // observed through run() when nobody asks
  return {
    version,
    settled: () => settled,
    run: async () => {
      // One stopping (a signal, a fatal error) stops the others: the process ends whole.
      const running = Promise.all(workers.map((w) => w.run().finally(stopAll)));
      if (role !== 'cases') relay = startOutboxRelay(deps);
      const deployment = opts.deployment;
      // The server registers the version at the worker's first poll; then it can become current.
      const outcome =
        version && deployment !== 'unversioned'
          ? settleCurrentVersion(opts.connection.workflowService, opts.namespace, version, deployment.setCurrent, {
              taskQueue,
              stopped: () => !['INITIALIZED', 'RUNNING'].includes(workers[0].getState()),
            })
          : Promise.resolve('left' as const);
      settle(outcome);
      // A version that cannot become current serves no case: the process stops and says why.
      const failed = await outcome.then(
        () => undefined,
        (err: Error) => {
          stopAll();
          return err;
        },
      );
      await running.finally(() => relay?.stop());
      if (failed) throw failed;
    },
    shutdown: stopAll,
    getState: () => workers[0].getState(),
  };
}

/**
 * Makes sure the outbox sweeper runs (one per deployment: every worker process asks, the
 * first start wins and the rest find it running).
 */
export async function ensureOutboxSweeper(
  client: Client,
  opts: { taskQueue?: string; everySeconds?: number; workflowId?: string } = {},
): Promise<void> {
  try {
    await client.workflow.start(outboxSweeperWorkflow, {
      taskQueue: opts.taskQueue ?? TASK_QUEUE,
      workflowId: opts.workflowId ?? OUTBOX_SWEEPER_ID,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      args: [{ everySeconds: opts.everySeconds ?? 15 }],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
