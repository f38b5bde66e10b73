/**
 * Starting a case: the workflow starts under its business-keyed ID (Temporal refuses a
 * duplicate), and the creating POST answers once the workflow has written the case's
 * first read-model row, so the client gets the case with its first tasks. A retry of a
 * request that crashed after starting the workflow (same Idempotency-Key, so the same
 * case id) finds that case rather than a duplicate.
 */
import { WorkflowExecutionAlreadyStartedError, type Client, type Workflow } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { Db } from '../db';
import { CASE_ID, CASE_TYPE } from '../temporal.config';
import { caseRecordedUpdate } from '../workflows/shared/messages';
import type { CaseType } from '../workflows/shared/records';
import { HttpProblem } from './errors';
import { answerWithin, StillWorking } from './updates';
import { caseWithDetails } from './views';

export async function startCase<W extends Workflow>(
  temporal: Client,
  db: Db,
  opts: {
    workflow: W;
    workflowId: string;
    taskQueue: string;
    args: Parameters<W>;
    caseId: string;
    caseType: CaseType;
    /** The problem to answer when a case with this business key exists already. */
    duplicate: () => HttpProblem;
  },
) {
  let handle;
  try {
    handle = await temporal.workflow.start(opts.workflow, {
      taskQueue: opts.taskQueue,
      workflowId: opts.workflowId,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      args: opts.args,
      // No personal data in search attributes: the type and the case id only.
      typedSearchAttributes: [{ key: CASE_TYPE, value: opts.caseType }, { key: CASE_ID, value: opts.caseId }],
    } as Parameters<Client['workflow']['start']>[1]);
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    const running = temporal.workflow.getHandle(opts.workflowId);
    // Which case holds the key? Asked with the same 10-second bound as every wait (a case
    // whose worker is away must not hold the request: it answers 503, try again).
    const recorded = await answerWithin(opts.caseId, running.executeUpdate(caseRecordedUpdate).catch(() => undefined)).catch((err) => {
      if (err instanceof StillWorking) throw new HttpProblem(503, 'Service Unavailable', 'The process holding this key did not answer in time; try again shortly');
      throw err;
    });
    if (recorded?.caseId !== opts.caseId) throw opts.duplicate();
    handle = running;
  }
  await answerWithin(opts.caseId, handle.executeUpdate(caseRecordedUpdate));
  const c = await db.selectFrom('cases').selectAll().where('id', '=', opts.caseId).executeTakeFirstOrThrow();
  return caseWithDetails(db, c);
}
