/** Builds the Temporal worker: all workflows, and activities built from their dependencies. */
import nodemailer from 'nodemailer';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
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
