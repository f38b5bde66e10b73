/**
 * The simulation (test/simulation/, `npm run simulate`) in the suite: a fixed-seed batch
 * that drives every workflow through generated scenarios and must find no violation, and
 * two negative controls showing the invariants catch a read model that is wrong — one
 * that silently drops a write, one that writes a transition twice — and a scenario under
 * an outage whose settles must wait out the retries in few clock moves.
 */
import { runBatch, type BatchOptions } from '../simulation/run';
import { MODELS } from '../simulation/models';
import { profile } from '../simulation/profile';

const base = (): Omit<BatchOptions, 'scenarios' | 'seed'> => ({
  minSteps: 4,
  maxSteps: 8,
  skipKnown: true,
  serverEvery: 1000,
  bundlePath: process.env.TEST_WORKFLOW_BUNDLE!,
  serverPath: process.env.TEMPORAL_TEST_SERVER_PATH!,
  say: () => undefined,
});

test('every workflow through a fixed-seed batch of generated scenarios: no invariant is violated', async () => {
  const r = await runBatch({ ...base(), scenarios: MODELS.length * 2, seed: 20260601, roundRobin: true });
  const failure = r.failure
    ? `${r.failure.plan.workflow}: ${JSON.stringify(r.failure.violations)}\n${r.failure.log.join('\n')}`
    : '';
  expect(failure).toBe('');
  expect(r.scenarios + r.skipped).toBe(MODELS.length * 2);
  expect(Object.keys(r.byWorkflow).length + (r.skipped ? 1 : 0)).toBeGreaterThanOrEqual(MODELS.length - 1);
  expect(r.checks).toBeGreaterThan(r.steps);
}, 600_000);

test('a read model that drops one write is caught: the workflow holds a task the read model does not show', async () => {
  const r = await runBatch({
    ...base(),
    scenarios: 1,
    seed: 7,
    workflows: ['mentoringLeaveWorkflow'],
    prepare: (world) => {
      let dropped = false;
      // The first write that opens a task is acknowledged and not applied.
      world.model.dropWrite = (input) => {
        if (dropped || !(input.tasks ?? []).some((t) => t.status === 'open')) return false;
        dropped = true;
        return true;
      };
    },
  });
  expect(r.failure?.violations.map((v) => v.invariant)).toContain('held-tasks-in-read-model');
}, 300_000);

test('a read model that writes each transition twice is caught: an accepted action is in the timeline twice', async () => {
  const r = await runBatch({
    ...base(),
    scenarios: 3,
    seed: 11,
    workflows: ['mentoringLeaveWorkflow'],
    minSteps: 8,
    maxSteps: 10,
    prepare: (world) => {
      world.model.doubleWrite = () => true;
    },
  });
  expect(r.failure?.violations.map((v) => v.invariant)).toContain('written-exactly-once');
}, 300_000);

test('a settle waits out an outage one retry at a time: a clock move per retry, not small bumps', async () => {
  const moves = () => profile.count('settle clock');
  const settles = () => profile.count('settle');
  const [m0, s0] = [moves(), settles()];
  // Seed 301, scenario 5 of `npm run simulate -- --workflow programRecordWorkflow`: a program's
  // record whose writes fail under an outage from step 7 on (its retries back off to five
  // minutes), lifted at the end.
  const r = await runBatch({
    ...base(),
    minSteps: 6,
    maxSteps: 16,
    scenarios: 10,
    seed: 301,
    scenario: 5,
    workflows: ['programRecordWorkflow'],
  });
  expect(r.failure?.violations ?? []).toEqual([]);
  expect(r.scenarios).toBe(1);
  const perSettle = (moves() - m0) / (settles() - s0);
  // Waiting each backoff out in small bumps made dozens of moves a settle.
  expect(perSettle).toBeGreaterThan(0);
  expect(perSettle).toBeLessThan(6);
}, 300_000);
