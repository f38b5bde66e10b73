/**
 * Activities that write the PostgreSQL read model. Idempotent: every row is keyed by an
 * id the workflow chose, snapshots carry a version so an older one never overwrites a
 * newer one, and e-mails are written to the keyed outbox (sent by deliverEmails). A write
 * that fails is classified (infrastructure.ts): an outage is retried until it is over, a
 * refusal or a bug fails so that the workflow opens an incident.
 */
import { Context } from '@temporalio/activity';
import type { Db } from '../../db';
import { renderWithSavedWords } from '../emails/overrides';
import { inRecipientLanguages } from '../emails/recipients';
import { DEFAULT_LANGUAGE } from '../emails/messages';
import type { TransitionInput, TransitionResult } from '../workflow/records';
import { projectionsOf, type LegacyProjectionFields } from '../workflow/projections';
import { partiesOf } from '../workflow/who-may-act';
import type { Mailer, OutboxHooks } from './email';
import { loadProjectionWriters, type ProjectionWriters } from './projection-writers';
import { classifiedWriteFailure, InfrastructureBacklog, isInfrastructureError } from './infrastructure';

export interface ReadModelDeps {
  db: Db;
  mailer: Mailer;
  clock?: () => Date;
  /** Writers of the processes' own rows by kind (default: every registered process's projection.ts). */
  projections?: ProjectionWriters;
  /** Writes waiting out an outage (the worker's gauge); one per worker process. */
  backlog?: InfrastructureBacklog;
  hooks?: OutboxHooks & {
    /** Called before a transition is written (tests inject faults here). */
    beforeRecord?: (input: RecordedTransitionInput) => void | Promise<void>;
    /** Called once an incident's row is written, before the workflow hears so (tests hold it here). */
    afterIncidentOpened?: (caseId: string) => void | Promise<void>;
  };
}

export interface IncidentInput {
  caseId: string;
  /** Absent when the incident is resolved. */
  open?: { workflowId: string; caseType: string; since: string; reason: string };
}

export function createReadModelActivities({
  db,
  clock = () => new Date(),
  hooks,
  backlog = new InfrastructureBacklog(),
  projections,
}: ReadModelDeps) {
  // Loaded on first use: the registered processes' writers, unless the caller gave its own.
  let loaded = projections;
  const projectionWriters = () => (loaded ??= loadProjectionWriters());
  return {
    /** Flags a case whose transition cannot be written (or clears the flag once it is). */
    async recordIncident({ caseId, open }: IncidentInput): Promise<void> {
      if (!open) {
        await db.deleteFrom('incidents').where('case_id', '=', caseId).execute();
        return;
      }
      const row = {
        case_id: caseId,
        workflow_id: open.workflowId,
        case_type: open.caseType,
        since: open.since,
        reason: open.reason,
      };
      await db
        .insertInto('incidents')
        .values(row)
        .onConflict((oc) => oc.column('case_id').doUpdateSet({ reason: row.reason }))
        .execute();
      await hooks?.afterIncidentOpened?.(caseId);
    },

    /** Whether a case has its read-model row (a proposed match that never started has none). */
    async caseRecorded({ caseId }: { caseId: string }): Promise<{ recorded: boolean }> {
      return { recorded: !!(await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst()) };
    },

    /** Writes one state change (case, tasks, timeline, the process's own rows, outbox rows) atomically. */
    async recordTransition(input: RecordedTransitionInput): Promise<TransitionResult> {
      const { key, attempt } = activityIdentity();
      try {
        await hooks?.beforeRecord?.(input);
        await writeTransition(db, clock, projectionWriters(), input);
      } catch (err) {
        if (isInfrastructureError(err)) backlog.waitingOn(key, 'database');
        else backlog.done(key);
        // A write without a case (the program registry) has no incident to open: it waits whatever the failure.
        throw classifiedWriteFailure(err, input.case ? attempt : 0);
      }
      backlog.done(key);
      return { emailsSent: 0 };
    },
  };
}

/** Which write this is (its retries share the key) and its attempt; called directly (tests, scripts), a first attempt. */
function activityIdentity(): { key: string; attempt: number } {
  try {
    const { info } = Context.current();
    const run = info.workflowExecution;
    return { key: `${run?.workflowId}/${run?.runId}/${info.activityId}`, attempt: info.attempt };
  } catch {
    return { key: `direct/${Math.random()}`, attempt: 1 };
  }
}

/** A transition as scheduled: the current shape, or one scheduled before process rows were projections. */
export type RecordedTransitionInput = TransitionInput & LegacyProjectionFields;

async function writeTransition(
  db: Db,
  clock: () => Date,
  writers: ProjectionWriters,
  input: RecordedTransitionInput,
): Promise<void> {
  const c = input.case;
  await db.transaction().execute(async (trx) => {
    if (c) {
      await trx
        .insertInto('cases')
        .values({
          id: c.id,
          workflow_id: c.workflowId,
          type: c.type,
          status: c.status,
          stage: c.stage,
          subject: c.subject,
          viewers: c.viewers,
          owner_id: c.ownerId ?? null,
          department: c.department ?? null,
          parties: c.parties ? (JSON.stringify(c.parties) as never) : null,
          program_id: c.programId ?? null,
          details: JSON.stringify(c.details) as never,
          version: c.version,
          created_at: c.createdAt,
          updated_at: c.updatedAt,
        })
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) => ({
              status: eb.ref('excluded.status'),
              stage: eb.ref('excluded.stage'),
              subject: eb.ref('excluded.subject'),
              viewers: eb.ref('excluded.viewers'),
              details: eb.ref('excluded.details'),
              version: eb.ref('excluded.version'),
              parties: eb.ref('excluded.parties'),
              updated_at: eb.ref('excluded.updated_at'),
            }))
            .where('cases.version', '<', (eb) => eb.ref('excluded.version')),
        )
        .execute();
    }
    for (const t of input.tasks ?? []) {
      if (!c) throw new Error('tasks belong to a case');
      await trx
        .insertInto('tasks')
        .values({
          id: t.id,
          case_id: t.caseId,
          workflow_id: c.workflowId,
          type: t.type,
          title: t.title,
          status: t.status,
          candidate_roles: t.candidateRoles,
          candidates: t.candidates,
          escalated_to: t.escalatedTo,
          scope: JSON.stringify(t.scope) as never,
          assignee_id: t.assigneeId ?? null,
          due_at: t.dueAt,
          remind_at: t.remindAt,
          escalated: t.escalated,
          outcomes: t.outcomes,
          outcome: t.outcome ?? null,
          comment: t.comment ?? null,
          data: t.data ? (JSON.stringify(t.data) as never) : null,
          completed_by: t.completedBy ?? null,
          completed_at: t.completedAt ?? null,
          ref: t.ref ?? null,
          created_at: t.createdAt,
          case_version: c.version,
          assignable: t.assignable ?? null,
          excluded_actors: t.excludedActors ?? [],
          // The inbox leaves out what the caller may not act on: their own case, a step after their own.
          barred: [...new Set([...partiesOf(c).ids, ...(t.excludedActors ?? [])])],
        })
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet((eb) => ({
              status: eb.ref('excluded.status'),
              candidates: eb.ref('excluded.candidates'),
              escalated_to: eb.ref('excluded.escalated_to'),
              assignee_id: eb.ref('excluded.assignee_id'),
              escalated: eb.ref('excluded.escalated'),
              // A deadline moves when the organisation's calendar changes.
              due_at: eb.ref('excluded.due_at'),
              remind_at: eb.ref('excluded.remind_at'),
              outcome: eb.ref('excluded.outcome'),
              comment: eb.ref('excluded.comment'),
              data: eb.ref('excluded.data'),
              completed_by: eb.ref('excluded.completed_by'),
              completed_at: eb.ref('excluded.completed_at'),
              case_version: eb.ref('excluded.case_version'),
              assignable: eb.ref('excluded.assignable'),
              excluded_actors: eb.ref('excluded.excluded_actors'),
              barred: eb.ref('excluded.barred'),
            }))
            .where('tasks.case_version', '<=', (eb) => eb.ref('excluded.case_version')),
        )
        .execute();
    }
    if (input.events?.length) {
      await trx
        .insertInto('timeline')
        .values(
          input.events.map((e) => ({
            id: e.id,
            case_id: e.caseId,
            at: e.at,
            actor_id: e.actor.id,
            actor_name: e.actor.name ?? null,
            event: e.event,
            detail: JSON.stringify(e.detail) as never,
          })),
        )
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
    // The process's own rows, each by the writer its process registered for the kind.
    for (const p of projectionsOf(input)) {
      const write = writers[p.kind];
      if (!write) throw new Error(`no projection writer is registered for ${p.kind}`);
      await write(p.row, { trx, case: c, now: clock });
    }
    if (input.emails?.length) {
      const now = clock();
      // Each recipient's language (their directory entry's, else the case's), then the words
      // admins saved in the web app, read in this transaction, else the files'.
      const rendered = await renderWithSavedWords(trx, await inRecipientLanguages(trx, input.emails));
      await trx
        .insertInto('email_outbox')
        .values(
          rendered.map((m) => ({
            key: m.key,
            recipients: m.to,
            subject: m.subject,
            body: m.text,
            case_id: c?.id ?? null,
            created_at: now,
            language: m.language ?? DEFAULT_LANGUAGE,
          })),
        )
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
    }
  });
}

export type ReadModelActivities = ReturnType<typeof createReadModelActivities>;
