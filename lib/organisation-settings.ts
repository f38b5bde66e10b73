/**
 * Running cases follow the organisation's settings (mailboxes, public address, calendar):
 * when a worker starts with settings whose fingerprint differs from the last set the
 * running cases were told, it tells every running case (the `organisationSettings` signal,
 * see workflows/shared/organisation-settings.ts) and then records the new fingerprint. A
 * worker that stops half-way has recorded nothing, so the next one tells them all again
 * (telling a case twice is harmless: it applies the same settings). Several workers that
 * start together may each tell the cases; the result is the same.
 */
import { createHash } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { sql } from 'kysely';
import type { Db } from '../db';
import { organisationSettingsOf, organisationSettingsSignal } from '../platform/workflow/organisation-settings';
import type { Policy } from '../platform/workflow/policy';
import { logger } from './logger';

/** Every running workflow that holds a policy (the outbox sweeper holds none). */
const RUNNING_CASES = `ExecutionStatus = 'Running' AND WorkflowType != 'outboxSweeperWorkflow'`;

export function settingsFingerprint(policy: Policy): string {
  return createHash('sha256')
    .update(JSON.stringify(organisationSettingsOf(policy)))
    .digest('hex');
}

export interface SettingsTold {
  /** False when the running cases already had these settings. */
  changed: boolean;
  casesTold: number;
}

/** Two tellings at once (two saves close together) would race case by case: one runs at a time. */
const TELLING_LOCK = 0x6d66_7365; // 'mfse'

/**
 * Tells every running case the settings of `policy` (or of the newest rules, read once the
 * telling before has finished, so a quick second save is never overtaken by the first).
 */
export async function tellRunningCasesOrganisationSettings({
  client,
  db,
  policy,
  concurrency = 16,
}: {
  client: Client;
  db: Db;
  policy: Policy | (() => Promise<Policy>);
  concurrency?: number;
}): Promise<SettingsTold> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${TELLING_LOCK})`.execute(conn);
    try {
      return await tell(client, db, typeof policy === 'function' ? await policy() : policy, concurrency);
    } finally {
      await sql`select pg_advisory_unlock(${TELLING_LOCK})`.execute(conn);
    }
  });
}

async function tell(client: Client, db: Db, policy: Policy, concurrency: number): Promise<SettingsTold> {
  const fingerprint = settingsFingerprint(policy);
  const last = await db
    .selectFrom('organisation_settings')
    .select('fingerprint')
    .where('id', '=', 1)
    .executeTakeFirst();
  if (last?.fingerprint === fingerprint) return { changed: false, casesTold: 0 };
  const settings = organisationSettingsOf(policy);
  let told = 0;
  const pending = new Set<Promise<void>>();
  for await (const wf of client.workflow.list({ query: RUNNING_CASES })) {
    const p = client.workflow
      .getHandle(wf.workflowId)
      .signal(organisationSettingsSignal, settings)
      .then(
        () => void told++,
        (err: unknown) => {
          // Closed since it was listed: it needs no settings any more.
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        },
      )
      .finally(() => pending.delete(p));
    pending.add(p);
    if (pending.size >= concurrency) await Promise.race(pending);
  }
  await Promise.all(pending);
  const row = { fingerprint, settings: JSON.stringify(settings), cases_told: told, told_at: new Date() };
  await db
    .insertInto('organisation_settings')
    .values({ id: 1, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
  logger.info({ casesTold: told }, 'running cases told the organisation settings');
  return { changed: true, casesTold: told };
}
