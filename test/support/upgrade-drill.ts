/**
 * The upgrade and rollback drills' builds, the operator's command, and how they read a
 * case's history. The three builds are made from today's workflow code so
 * that the drills always upgrade what ships:
 *  - N: the product's bundle;
 *  - N+1: the same code with one change to the mentoring-leave workflow behind `patched()` —
 *    a supervisor's approval also records that the request went on to HR (a new timeline
 *    event: it draws an id, so running cases may only take it through a patch);
 *  - N+2: the roll forward after a rollback — N's behaviour for every step cases take from
 *    now on (a second patch turns the change off), while the steps cases already took on N+1
 *    still replay with its event (the first patch is still asked, and answers true only
 *    where N+1 recorded it).
 * Each changed build is a copy of the workflow code with that one edit (the copy the replay
 * suite's negative controls use, lib/replay/mutated-workflows.ts); every other line is the
 * product's own.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { buildIdOf } from '../../lib/deployment';
import { mutatedWorkflows } from '../../lib/replay/mutated-workflows';
import { buildWorkflowBundle } from '../../lib/worker';
import { resolveTemporalCli } from '../../scripts/provision/tools';

const ROOT = path.resolve(__dirname, '../..');
/** The mentoring-leave file with the task handlers, where a supervisor's approval is decided. */
const SOURCE = 'processes/mentoring-leave/decisions.ts';

/** Where the change goes: the events of a supervisor's approval. */
const APPROVED = "rt.event(actor, 'leave_request_supervisor_approved', { requestId: request.id })";
const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The events array as written, however Prettier wraps it. */
const ANCHOR = new RegExp(
  `events: \\[\\s*${escape(APPROVED)},\\s*\\.\\.\\.\\(next\\.events \\?\\? \\[\\]\\),?\\s*\\],`,
);
export const UPGRADE_PATCH = 'leave-forwarded-to-hr-event';
export const ROLLBACK_PATCH = 'leave-forwarded-to-hr-event-withdrawn';
export const FORWARDED_EVENT = 'leave_request_forwarded_to_hr';

const forwarded = (condition: string) => `events: [${APPROVED}, ...(next.events ?? []),
                ...(${condition} ? [rt.event(actor, '${FORWARDED_EVENT}', { requestId: request.id })] : [])],`;

const CHANGES = {
  'n+1': forwarded(`patched('${UPGRADE_PATCH}')`),
  // Evaluated left to right: a step taken now records the withdrawal and never asks the first patch.
  'n+2': forwarded(`!patched('${ROLLBACK_PATCH}') && patched('${UPGRADE_PATCH}')`),
};

export interface Build {
  label: string;
  codePath: string;
  buildId: string;
}

/** A copy of the workflow code with the change in place of the approval's events (its entry point, and its removal). */
function changedCopy(key: string, change: string): { entry: string; remove: () => void } {
  const source = readFileSync(path.join(ROOT, SOURCE), 'utf8');
  const found = [...source.matchAll(new RegExp(ANCHOR.source, 'g'))];
  if (found.length !== 1) {
    throw new Error(`the drill's change no longer fits ${SOURCE}: update ANCHOR in ${path.relative(ROOT, __filename)}`);
  }
  const at = found[0].index!;
  return mutatedWorkflows(`upgrade-drill-${key}`, [
    { file: SOURCE, from: at, to: at + found[0][0].length, text: change },
  ]);
}

/** Builds N+1 and N+2 beside the suite's bundle (N) into `dir`. */
export async function buildDrillBuilds(dir: string, bundleN: string): Promise<Record<'n' | 'n+1' | 'n+2', Build>> {
  const n = { label: 'N', codePath: bundleN, buildId: buildIdOf(readFileSync(bundleN)) };
  const builds = { n } as Record<'n' | 'n+1' | 'n+2', Build>;
  for (const [key, change] of Object.entries(CHANGES) as ['n+1' | 'n+2', string][]) {
    const copy = changedCopy(key, change);
    const code = await buildWorkflowBundle(copy.entry).finally(copy.remove);
    mkdirSync(dir, { recursive: true });
    const codePath = path.join(dir, `${key}.js`);
    writeFileSync(codePath, code);
    builds[key] = { label: key.toUpperCase(), codePath, buildId: buildIdOf(code) };
  }
  return builds;
}

// ---- what the drills look at --------------------------------------------------------

/** The operator's command (docs/deploying.md): `temporal worker deployment set-current-version`. */
export function setCurrentWithCli(address: string, deploymentName: string, buildId: string): void {
  const args = [
    'worker',
    'deployment',
    'set-current-version',
    '--deployment-name',
    deploymentName,
    '--build-id',
    buildId,
    '--yes',
    '--address',
    address,
    '--namespace',
    'default',
  ];
  // The server answers "Worker Deployment not found" for a moment after a version first polls
  // (its deployment record is written asynchronously, slower under load): an operator runs the
  // command again, and so does the drill, for up to a minute. Any other refusal fails at once.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = spawnSync(resolveTemporalCli(), args, { encoding: 'utf8', timeout: 30_000 });
    if (r.status === 0) return;
    const why = (r.stderr || r.stdout).trim();
    if (!/not found/i.test(why) || Date.now() > deadline) throw new Error(`set-current-version ${buildId}: ${why}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1_000);
  }
}

export interface Step {
  /** WFT completed or failed, timer fired, marker recorded. */
  kind: 'completed' | 'failed' | 'timer' | 'marker';
  at: number;
  buildId?: string;
  detail?: string;
}

/** A case's history as the drills read it: the build of each workflow task done or failed, timers, patch markers. */
export async function stepsOf(
  client: Client,
  workflowId: string,
): Promise<{ steps: Step[]; history: temporal.api.history.v1.IHistory }> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const steps: Step[] = [];
  for (const e of history.events ?? []) {
    const at = Number(e.eventTime?.seconds ?? 0) * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6);
    const done = e.workflowTaskCompletedEventAttributes;
    const failed = e.workflowTaskFailedEventAttributes;
    if (done) steps.push({ kind: 'completed', at, buildId: done.deploymentVersion?.buildId ?? undefined });
    if (failed) {
      const cause = temporal.api.enums.v1.WorkflowTaskFailedCause[failed.cause ?? 0];
      const detail = `${cause}: ${failed.failure?.message ?? ''}`;
      steps.push({ kind: 'failed', at, buildId: failed.workerVersion?.buildId ?? undefined, detail });
    }
    if (e.timerFiredEventAttributes) steps.push({ kind: 'timer', at });
    const marker = e.markerRecordedEventAttributes;
    if (marker?.markerName === 'core_patch') {
      const id = marker.details?.['patch-data']?.payloads?.[0]?.data;
      steps.push({ kind: 'marker', at, detail: id ? JSON.parse(Buffer.from(id).toString()).id : undefined });
    }
  }
  return { steps, history };
}
