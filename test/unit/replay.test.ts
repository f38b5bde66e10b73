/**
 * Running cases must survive a deploy: every recorded history under test/histories/
 * replays against the current workflow code, and a deliberately incompatible change fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { PRELOADED_WORKFLOW_MODULES } from '../../lib/worker';

const DIR = path.resolve(__dirname, '../histories');
/** Every generation (v1: before issue 7; v2: with its versioned paths), each a folder. */
const generations = readdirSync(DIR).filter((d) => /^v\d+$/.test(d));
const files = generations.flatMap((g) => readdirSync(path.join(DIR, g)).filter((f) => f.endsWith('.json')).map((f) => `${g}/${f}`));

function load(file: string) {
  const json = JSON.parse(readFileSync(path.join(DIR, file), 'utf8'));
  return { workflowId: file.replace(/\.json$/, ''), history: temporal.api.history.v1.History.fromObject(json) };
}

beforeAll(() => {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    /* installed already */
  }
});

test('every generation has recorded histories of every case workflow', () => {
  expect(generations.length).toBeGreaterThanOrEqual(2);
  for (const g of generations) {
    const types = files.filter((f) => f.startsWith(`${g}/`)).map((f) => load(f).history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name);
    expect([g, types]).toEqual([g, expect.arrayContaining(['mentoringLeaveWorkflow', 'programRecordWorkflow', 'certificationWorkflow', 'mentorScreeningWorkflow', 'youthReferralWorkflow', 'matchWorkflow'])]);
  }
  // Processes added later are recorded from the generation they joined in (issue 12's: v2).
  const current = files.filter((f) => f.startsWith('v2/')).map((f) => load(f).history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name);
  expect(current).toEqual(expect.arrayContaining(['mentorReferralWorkflow', 'callerScreeningWorkflow', 'wellnessCheckinWorkflow', 'eceCertificationWorkflow', 'ecePlacementWorkflow']));
});

test('every recorded history replays against the current workflow code', async () => {
  const results = [];
  // Bundled as workers bundle it: the shared (preloaded, frozen) modules included.
  for await (const r of Worker.runReplayHistories({ workflowsPath: require.resolve('../../workflows'), bundlerOptions: { preloadModules: PRELOADED_WORKFLOW_MODULES } }, files.map(load))) results.push(r);
  expect(results).toHaveLength(files.length);
  for (const r of results) expect({ id: r.workflowId, error: r.error?.message }).toEqual({ id: r.workflowId, error: undefined });
});

test('an incompatible change to the leave workflow fails replay with a determinism violation', async () => {
  const results = [];
  for await (const r of Worker.runReplayHistories({ workflowsPath: require.resolve('../fixtures/incompatible-workflows') }, [load('v1/mentoring-leave-year.json')])) results.push(r);
  expect(results).toHaveLength(1);
  expect(results[0].error?.name).toBe('DeterminismViolationError');
});
