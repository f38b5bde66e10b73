/**
 * The whole product on Temporal's time-skipping test server, with the real policy
 * durations: the server's clock is held still while HTTP calls drive the cases, and moves
 * only inside `skipTo`, which fires every timer on the way.
 */
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { startTestServer } from './test-server';
import { SEARCH_ATTRIBUTES } from '../../temporal.config';
import { encryptingDataConverter } from '../../lib/payload-codec';
import { startStack, TEST_PAYLOAD_KEYS, type Stack } from './stack';

export interface TimeSkipping {
  env: TestWorkflowEnvironment;
  stack: Stack;
  /** The test server's current time. */
  now(): Promise<number>;
  /** Moves the server's clock to a minute after an instant. */
  skipTo(ms: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startTimeSkipping(policy: Record<string, unknown> = { tasks: {} }): Promise<TimeSkipping> {
  const env = await startTestServer({
    server: { executable: { type: 'existing-path', path: process.env.TEMPORAL_TEST_SERVER_PATH! } },
    client: { dataConverter: encryptingDataConverter(TEST_PAYLOAD_KEYS) },
  });
  // The server skips time whenever nothing runs unless it is locked; env.sleep unlocks it
  // for its duration.
  await env.connection.testService!.lockTimeSkipping({});
  // The dev server gets them with --search-attribute; the test server through the operator API.
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: Object.fromEntries(
      Object.keys(SEARCH_ATTRIBUTES).map((k) => [k, temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]),
    ),
  });
  const stack = await startStack({ temporal: { nativeConnection: env.nativeConnection, client: env.client }, policy });
  const now = async () => Number(await env.currentTimeMs());
  return {
    env,
    stack,
    now,
    async skipTo(ms) {
      await env.sleep(Math.max(1, ms - (await now()) + 60_000));
    },
    async stop() {
      await stack.stop();
      await env.teardown();
    },
  };
}

/**
 * A fresh time-skipping server for each test of the file (its clock starts at the real
 * time and only moves forward); `onStart` receives it before each test.
 */
export function useTimeSkipping(onStart: (ts: TimeSkipping) => void, policy?: Record<string, unknown>): void {
  let current: TimeSkipping | undefined;
  beforeEach(async () => {
    current = await startTimeSkipping(policy);
    onStart(current);
  });
  afterEach(async () => current?.stop());
}
