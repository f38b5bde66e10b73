/**
 * Starting a case: the workflow starts under its business-keyed ID (Temporal refuses a
 * duplicate), and the creating POST answers once the workflow has written the case's
 * first read-model row, so the client gets the case with its first tasks — start and
 * wait in one round trip to the server (Update-with-Start). A retry of a
 * request that crashed after starting the workflow (same Idempotency-Key, so the same
 * case id) finds that case rather than a duplicate.
 */
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  type Client,
  type Workflow,
} from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { Db } from '../../db';
import { CASE_ID, CASE_TYPE } from '../../temporal.config';
import { caseRecordedUpdate, type CaseRecordedResult } from '../workflow/messages';
import type { CaseType } from '../workflow/records';
import type { HttpProblem } from './errors';
import { answerWithin } from './updates';
import { caseWithDetails } from './views';

/** What Update-with-Start needs: the workflow, its business-keyed ID and queue, its input. */
export interface StartOptions<W extends Workflow> {
  workflow: W;
  workflowId: string;
  taskQueue: string;
  args: Parameters<W>;
  /** The id the started workflow records (a case's id, a program's id). */
  caseId: string;
  /** Search attributes of a case (its type and id); none for records that are not cases. */
  caseType?: CaseType;
}

/**
 * Starts the workflow (or finds it running under the same ID) and waits, at most 10 seconds,
 * for its first read-model write; answers the id the running workflow records.
 */
export async function startAndAwaitRecorded<W extends Workflow>(
  temporal: Client,
  opts: StartOptions<W>,
): Promise<CaseRecordedResult> {
  // One round trip (Update-with-Start): the server starts the workflow and delivers the
  // Update that answers once the first read-model row is written. A running workflow with
  // the same key takes the Update instead (USE_EXISTING) and names its own id.
  const startWorkflowOperation = new WithStartWorkflowOperation(opts.workflow, {
    taskQueue: opts.taskQueue,
    workflowId: opts.workflowId,
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    args: opts.args,
    // No personal data in search attributes: the type and the case id only.
    ...(opts.caseType
      ? {
          typedSearchAttributes: [
            { key: CASE_TYPE, value: opts.caseType },
            { key: CASE_ID, value: opts.caseId },
          ],
        }
      : {}),
  } as unknown as ConstructorParameters<typeof WithStartWorkflowOperation<W>>[1]);
  return answerWithin(
    opts.caseId,
    temporal.workflow.executeUpdateWithStart(caseRecordedUpdate, { startWorkflowOperation }),
  );
}

export async function startCase<W extends Workflow>(
  temporal: Client,
  db: Db,
  opts: StartOptions<W> & {
    caseType: CaseType;
    /** The problem to answer when a case with this business key exists already. */
    duplicate: () => HttpProblem;
  },
) {
  // The same case id is this request retried (same Idempotency-Key), another is a duplicate.
  const recorded = await startAndAwaitRecorded(temporal, opts).catch((err) => {
    // A closed case holds the key (REJECT_DUPLICATE): the key is taken for good.
    if (err instanceof WorkflowExecutionAlreadyStartedError) throw opts.duplicate();
    throw err;
  });
  if (recorded.caseId !== opts.caseId) throw opts.duplicate();
  const c = await db.selectFrom('cases').selectAll().where('id', '=', opts.caseId).executeTakeFirstOrThrow();
  return caseWithDetails(db, c);
}
