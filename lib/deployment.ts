/**
 * Worker Versioning (docs/deploying.md, "Upgrades and rollbacks"): every case worker runs as one
 * version of a Temporal worker deployment — the deployment's name (TEMPORAL_DEPLOYMENT_NAME)
 * and a build id that is the workflow bundle's content hash, so the same code gives the same
 * id on every machine and any change to the workflow code gives a new one. Tasks go to the
 * deployment's current version; cases auto-upgrade to it at their next workflow task, so a
 * change that running cases would see goes behind `patched()`.
 * This module derives the id, reads the deployment, and makes a version current (what a
 * starting worker does in development, and what an operator does in production:
 * docs/deploying.md, "Upgrades and rollbacks").
 */
import { createHash } from 'node:crypto';
import type { WorkerDeploymentVersion } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';

type WorkflowService = temporal.api.workflowservice.v1.WorkflowService;

/** When a starting worker makes its own version current (WORKER_SET_CURRENT). */
export type SetCurrentMode = 'always' | 'first' | 'never';

/** The build id of a workflow bundle: the first 16 hex digits of its SHA-256. */
export function buildIdOf(bundleCode: string | Buffer): string {
  return createHash('sha256').update(bundleCode).digest('hex').slice(0, 16);
}

export interface DeploymentState {
  /** The build id of the current version; undefined while there is none (a fresh deployment). */
  current?: string;
  /** Every version the server knows of this deployment, with its drainage status when it has one. */
  versions: { buildId: string; status: string; drainage?: string }[];
  conflictToken?: Uint8Array | null;
}

const grpcCode = (err: unknown) => (err as { code?: number }).code;
const NOT_FOUND = 5;

/** The deployment as the server sees it; undefined before any of its workers has polled. */
export async function describeDeployment(
  service: WorkflowService,
  namespace: string,
  deploymentName: string,
): Promise<DeploymentState | undefined> {
  try {
    const r = await service.describeWorkerDeployment({ namespace, deploymentName });
    const info = r.workerDeploymentInfo;
    return {
      current: info?.routingConfig?.currentDeploymentVersion?.buildId || undefined,
      versions: (info?.versionSummaries ?? []).map((s) => ({
        buildId: s.deploymentVersion?.buildId ?? '',
        status: versionStatus(s.status) ?? 'unknown',
        drainage: drainageStatus(s.drainageInfo?.status ?? s.drainageStatus),
      })),
      conflictToken: r.conflictToken,
    };
  } catch (err) {
    if (grpcCode(err) === NOT_FOUND) return undefined;
    throw err;
  }
}

const VERSION_STATUS = ['unspecified', 'inactive', 'current', 'ramping', 'draining', 'drained', 'created'];
const DRAINAGE_STATUS = ['unspecified', 'draining', 'drained'];
const versionStatus = (s: number | null | undefined) => (s == null ? undefined : VERSION_STATUS[s]);
const drainageStatus = (s: number | null | undefined) => (s ? DRAINAGE_STATUS[s] : undefined);

/**
 * Makes `version` current (the server refuses while none of its workers has polled yet:
 * `allowNoPollers` is left off on purpose, so a typo'd build id cannot take the traffic).
 */
export async function setCurrentVersion(
  service: WorkflowService,
  namespace: string,
  version: WorkerDeploymentVersion,
  opts: { conflictToken?: Uint8Array | null; identity?: string } = {},
): Promise<void> {
  await service.setWorkerDeploymentCurrentVersion({
    namespace,
    deploymentName: version.deploymentName,
    buildId: version.buildId,
    conflictToken: opts.conflictToken ?? undefined,
    identity: opts.identity ?? 'mentorflow',
  });
}

/** The task queues a version's workers have polled, as `queue/workflow` and `queue/activity`. */
export async function versionTaskQueues(
  service: WorkflowService,
  namespace: string,
  version: WorkerDeploymentVersion,
): Promise<string[]> {
  try {
    const r = await service.describeWorkerDeploymentVersion({ namespace, deploymentVersion: version });
    const types = ['unspecified', 'workflow', 'activity', 'nexus'];
    return (r.versionTaskQueues ?? []).map((q) => `${q.name}/${types[q.type ?? 0]}`);
  } catch (err) {
    if (grpcCode(err) === NOT_FOUND) return [];
    throw err;
  }
}

/**
 * What a starting worker does about its version. First it waits until the server has
 * registered the version with the worker's task queue, for workflow and activity tasks (it
 * does at the first polls; a version missing a queue the current one serves may not become
 * current). Then `always` makes it current (development: the code just started serves every
 * case), `first` only when the deployment has no current version yet (its first deploy),
 * `never` leaves it to an operator. Retries while another worker changes the deployment
 * meanwhile. Resolves with what it did.
 */
export async function settleCurrentVersion(
  service: WorkflowService,
  namespace: string,
  version: WorkerDeploymentVersion,
  mode: SetCurrentMode,
  opts: { taskQueue: string; timeoutMs?: number; stopped?: () => boolean },
): Promise<'set' | 'already' | 'left'> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  const wanted = [`${opts.taskQueue}/workflow`, `${opts.taskQueue}/activity`];
  let registered = false;
  let lastError: unknown;
  for (;;) {
    if (opts.stopped?.()) return 'left';
    try {
      if (!registered) {
        const polled = await versionTaskQueues(service, namespace, version);
        registered = wanted.every((q) => polled.includes(q));
      }
      if (registered && mode === 'never') return 'left';
      const state = registered ? await describeDeployment(service, namespace, version.deploymentName) : undefined;
      if (state?.current === version.buildId) return 'already';
      if (state && mode === 'first' && state.current) return 'left';
      if (state) {
        const identity = `worker ${version.buildId}`;
        await setCurrentVersion(service, namespace, version, { conflictToken: state.conflictToken, identity });
        return 'set';
      }
    } catch (err) {
      lastError = err; // not registered yet, or a concurrent change: look again
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`could not make ${version.deploymentName}:${version.buildId} the current version${why}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
