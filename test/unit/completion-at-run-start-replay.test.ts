/**
 * Why the wellness history the simulation found stuck (test/fixtures/histories/
 * wellness-completion-rebuilt-with-start.json) stays unreplayable, kept as evidence: a worker
 * without a cache rebuilt a continued run whose first workflow task had issued nothing, and
 * core handed it the run's start and the coordinator's completion (an Update) in one
 * activation; the code then ran the Update before resuming the timers, which started the new
 * call's escalation timer twice. A replay hands the same Update over one activation later.
 * Its twin, the same steps on a worker with a cache (test/histories/v2/
 * wellness-continued-overdue-assigned.json, one timer), is event for event the same history up
 * to that second timer: no workflow code can tell them apart where it would have to start it,
 * so a replay can match only one of them. The twin is the one that replays (a case on a
 * worker with a cache records it); a run started now records `timers-resumed-before-handlers`
 * at its start and takes neither shape. The stuck case needs a reset (docs/deploying.md).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { PRELOADED_WORKFLOW_MODULES } from '../../lib/worker';

const ROOT = path.resolve(__dirname, '../..');
const load = (file: string) =>
  temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(path.join(ROOT, file), 'utf8')));
const stuck = load('test/fixtures/histories/wellness-completion-rebuilt-with-start.json');
const twin = load('test/histories/v2/wellness-continued-overdue-assigned.json');
const types = (h: temporal.api.history.v1.IHistory) => (h.events ?? []).map((e) => Number(e.eventType));
const { EventType } = temporal.api.enums.v1;

beforeAll(() => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    /* installed already */
  }
});

test('the stuck history and its twin agree event for event until the second timer', () => {
  const a = types(stuck);
  const b = types(twin);
  const differ = a.findIndex((t, i) => t !== b[i]);
  // The continued run's start issued nothing; the completion is accepted in the task after it.
  expect(a.slice(0, 4)).toEqual([
    EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
    EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
    EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
    EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  ]);
  expect(a[4]).toBe(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED);
  expect(a[differ - 1]).toBe(EventType.EVENT_TYPE_TIMER_STARTED);
  expect([a[differ], b[differ]]).toEqual([EventType.EVENT_TYPE_TIMER_STARTED, EventType.EVENT_TYPE_MARKER_RECORDED]);
});

test('the current code replays the twin and not the stuck history', async () => {
  const bundled = {
    workflowsPath: require.resolve('../../processes/workflows'),
    bundlerOptions: { preloadModules: PRELOADED_WORKFLOW_MODULES },
  };
  const results = [];
  for await (const r of Worker.runReplayHistories(bundled, [
    { workflowId: 'twin', history: twin },
    { workflowId: 'stuck', history: stuck },
  ]))
    results.push(r);
  expect(results.map((r) => [r.workflowId, r.error?.name])).toEqual([
    ['twin', undefined],
    ['stuck', 'DeterminismViolationError'],
  ]);
});
