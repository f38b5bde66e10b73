/** Builds the Temporal worker: all workflows, and activities built from their dependencies. */
import nodemailer from 'nodemailer';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import { OUTBOX_SWEEPER_ID, outboxSweeperWorkflow } from '../workflows/outbox/sweeper';
import { createActivities, type ActivityDeps } from '../activities';
import { nodemailerMailer } from '../activities/email';
import type { Db } from '../db';
import { TASK_QUEUE } from '../temporal.config';

export function smtpMailer(smtpUrl: string, from: string) {
  return nodemailerMailer(nodemailer.createTransport(smtpUrl), from);
}

export async function createWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  db: Db;
  mailer: ActivityDeps['mailer'];
  hooks?: ActivityDeps['hooks'];
  taskQueue?: string;
  workflowBundle?: WorkerOptions['workflowBundle'];
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
    activities: createActivities({ db: opts.db, mailer: opts.mailer, hooks: opts.hooks }),
  });
}

/**
 * Makes sure the outbox sweeper runs (one per deployment: every worker process asks, the
 * first start wins and the rest find it running).
 */
export async function ensureOutboxSweeper(client: Client, opts: { taskQueue?: string; everySeconds?: number; workflowId?: string } = {}): Promise<void> {
  try {
    await client.workflow.start(outboxSweeperWorkflow, {
      taskQueue: opts.taskQueue ?? TASK_QUEUE,
      workflowId: opts.workflowId ?? OUTBOX_SWEEPER_ID,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      args: [{ everySeconds: opts.everySeconds ?? 15 }],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
