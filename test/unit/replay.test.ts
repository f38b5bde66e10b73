/**
 * Running cases must survive a deploy: every recorded history under test/histories/
 * replays against the current workflow code, issuing the same commands (Temporal's check)
 * carrying the same values — read-model writes, e-mails, timers' durations, signals — as
 * recorded, but for the reviewed value changes in test/accepted-value-changes.json
 * (lib/replay/values.ts has the rule). An incompatible change, and a due date pushed three
 * days (which Temporal's own check lets through), fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { PRELOADED_WORKFLOW_MODULES } from '../../lib/worker';
import { EncryptionCodec, encryptingDataConverter, generatePayloadKeys } from '../../lib/payload-codec';
import { replayWithValues, VALUE_INTERCEPTOR_MODULE, type ValueReplayResult } from '../../lib/replay/values';
import { applyAccepted, loadAcceptedChanges } from '../../lib/replay/accepted';
import { mutatedWorkflows, replaceOnce } from '../../lib/replay/mutated-workflows';

const DIR = path.resolve(__dirname, '../histories');
const ACCEPTED = path.resolve(__dirname, '../accepted-value-changes.json');
/** Every generation (v1: before who-may-act was versioned; v2: with its versioned paths), each a folder. */
const generations = readdirSync(DIR).filter((d) => /^v\d+$/.test(d));
const files = generations.flatMap((g) =>
  readdirSync(path.join(DIR, g))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `${g}/${f}`),
);

function load(file: string) {
  const json = JSON.parse(readFileSync(path.join(DIR, file), 'utf8'));
  return { workflowId: file.replace(/\.json$/, ''), history: temporal.api.history.v1.History.fromObject(json) };
}

/** Workers replay with the product's payload codec: recorded (unencrypted) payloads pass through it. */
const keys = generatePayloadKeys('replay');
const bundled = {
  workflowsPath: require.resolve('../../processes/workflows'),
  bundlerOptions: { preloadModules: PRELOADED_WORKFLOW_MODULES },
};

/**
 * A recorded history as a case started after encryption would have it: every payload the
 * codec covers (inputs, results, update and signal arguments) sealed; search attributes,
 * memos, headers and the patch markers the SDK's core writes itself left as they are.
 */
async function encrypted(file: string) {
  const codec = new EncryptionCodec(keys);
  const seal = async (node: unknown, key = ''): Promise<unknown> => {
    if (Array.isArray(node)) return Promise.all(node.map((n) => seal(n)));
    if (
      !node ||
      typeof node !== 'object' ||
      ['searchAttributes', 'memo', 'header', 'markerRecordedEventAttributes'].includes(key)
    )
      return node;
    const o = node as Record<string, unknown>;
    if ('metadata' in o && 'data' in o && typeof o.data === 'string') {
      const payload = {
        metadata: Object.fromEntries(
          Object.entries(o.metadata as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
        ),
        data: Buffer.from(o.data, 'base64'),
      };
      const [sealed] = await codec.encode([payload]);
      return {
        metadata: Object.fromEntries(
          Object.entries(sealed.metadata!).map(([k, v]) => [k, Buffer.from(v!).toString('base64')]),
        ),
        data: Buffer.from(sealed.data!).toString('base64'),
      };
    }
    return Object.fromEntries(await Promise.all(Object.entries(o).map(async ([k, v]) => [k, await seal(v, k)])));
  };
  const json = await seal(JSON.parse(readFileSync(path.join(DIR, file), 'utf8')));
  return {
    workflowId: `encrypted-${file.replace(/\.json$/, '')}`,
    history: temporal.api.history.v1.History.fromObject(json as object),
  };
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
    const types = files
      .filter((f) => f.startsWith(`${g}/`))
      .map((f) => load(f).history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name);
    expect([g, types]).toEqual([
      g,
      expect.arrayContaining([
        'mentoringLeaveWorkflow',
        'programRecordWorkflow',
        'certificationWorkflow',
        'mentorScreeningWorkflow',
        'youthReferralWorkflow',
        'matchWorkflow',
      ]),
    ]);
  }
  // Processes added later are recorded from the generation they joined in (the referral, wellness and ECE processes: v2).
  const current = files
    .filter((f) => f.startsWith('v2/'))
    .map((f) => load(f).history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name);
  expect(current).toEqual(
    expect.arrayContaining([
      'mentorReferralWorkflow',
      'callerScreeningWorkflow',
      'wellnessCheckinWorkflow',
      'eceCertificationWorkflow',
      'ecePlacementWorkflow',
    ]),
  );
});

type Options = Parameters<typeof replayWithValues>[0];
async function replayed(options: Options, histories: ReturnType<typeof load>[]): Promise<ValueReplayResult[]> {
  const results = [];
  for await (const r of replayWithValues(options, histories)) results.push(r);
  return results;
}

test('every recorded history replays against the current workflow code, with the values it recorded', async () => {
  // Bundled as workers bundle it: the shared (preloaded, frozen) modules included.
  const results = await replayed({ ...bundled, dataConverter: encryptingDataConverter(keys) }, files.map(load));
  expect(results).toHaveLength(files.length);
  for (const r of results)
    expect({ id: r.workflowId, error: r.error?.message }).toEqual({ id: r.workflowId, error: undefined });
  const { unaccepted, stale } = applyAccepted(
    results.flatMap((r) => r.drifts),
    loadAcceptedChanges(ACCEPTED),
  );
  // A drift: code changed a value running cases recorded without patched(); accept it in the list only if meant.
  expect(unaccepted).toEqual([]);
  expect(stale).toEqual([]);
});

test('a case recorded with encrypted payloads replays with the codec, and not without it', async () => {
  const histories = [await encrypted('v2/youth-referral.json'), await encrypted('v2/mentor-screening.json')];
  const input = histories[0].history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0];
  expect(Buffer.from(input.metadata!.encoding!).toString()).toBe('binary/encrypted');
  const withCodec = await replayed({ ...bundled, dataConverter: encryptingDataConverter(keys) }, histories);
  expect(withCodec.map((r) => r.error?.message)).toEqual([undefined, undefined]);
  // The values decoded through the codec are those of the unencrypted recording.
  const plain = await replayed(bundled, [load('v2/youth-referral.json'), load('v2/mentor-screening.json')]);
  const unsealed = withCodec.map((r) => r.drifts.map((d) => ({ ...d, history: d.history.replace(/^encrypted-/, '') })));
  expect(unsealed).toEqual(plain.map((r) => r.drifts));
  expect(plain.flatMap((r) => r.drifts).length).toBeGreaterThan(0);
  const withoutCodec = [];
  for await (const r of Worker.runReplayHistories(bundled, histories)) withoutCodec.push(r);
  expect(withoutCodec.every((r) => r.error)).toBe(true);
});

test('an incompatible change to the leave workflow fails replay with a determinism violation', async () => {
  const results = [];
  for await (const r of Worker.runReplayHistories(
    { workflowsPath: require.resolve('../fixtures/incompatible-workflows') },
    [load('v1/mentoring-leave-year.json')],
  ))
    results.push(r);
  expect(results).toHaveLength(1);
  expect(results[0].error?.name).toBe('DeterminismViolationError');
});

test("a due date pushed three days replays green by Temporal's own check, and fails on its values", async () => {
  // The computation of every new task's due date (platform/workflow/task-record.ts), 3 days later.
  const due = 'spec.dueAtMs ?? addDuration(c.now, p.due, c.calendar)';
  const pushed = mutatedWorkflows('replay-test-due-date', [
    replaceOnce('platform/workflow/task-record.ts', due, `${due} + 3 * 86_400_000`),
  ]);
  try {
    const workflowBundle = await bundleWorkflowCode({
      workflowsPath: pushed.entry,
      workflowInterceptorModules: [VALUE_INTERCEPTOR_MODULE],
      logger: new DefaultLogger('ERROR'),
    });
    const histories = [load('v2/mentor-screening.json'), load('v2/match.json')];
    const plain = [];
    for await (const r of Worker.runReplayHistories({ workflowBundle }, histories)) plain.push(r);
    expect(plain.map((r) => r.error?.message)).toEqual([undefined, undefined]);
    const withValues = await replayed({ workflowBundle }, histories);
    expect(withValues.map((r) => r.error?.message)).toEqual([undefined, undefined]);
    // Each history drifts at a task's due date (by the 3 days) and at the timers derived from it.
    for (const r of withValues) {
      const dueAt = r.drifts.find((d) => d.path.endsWith('.dueAt'));
      expect(Date.parse(dueAt?.replayed as string) - Date.parse(dueAt?.recorded as string)).toBe(3 * 86_400_000);
      expect(r.drifts.some((d) => d.command === 'timer')).toBe(true);
    }
    const { unaccepted } = applyAccepted(
      withValues.flatMap((r) => r.drifts),
      loadAcceptedChanges(ACCEPTED),
    );
    expect(unaccepted.length).toBeGreaterThan(0);
  } finally {
    pushed.remove();
  }
});
