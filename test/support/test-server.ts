/**
 * Temporal's time-skipping test server, started for a test. The SDK gives the server five
 * seconds to answer, fixed; on a loaded two-core machine a JVM sometimes needs longer, and
 * a test then failed before it began. A start that times out is tried again (three tries).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';

type Options = NonNullable<Parameters<typeof TestWorkflowEnvironment.createTimeSkipping>[0]>;

export async function startTestServer(opts: Options): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping(opts);
    } catch (err) {
      if (attempt >= 3 || !/did not start within/.test(String((err as Error)?.message))) throw err;
    }
  }
}
