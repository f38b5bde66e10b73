import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workflow_id', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('viewers', sql`text[]`, (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('department', 'text')
    .addColumn('program_id', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX cases_viewers_idx ON cases USING gin (viewers)`.execute(db);
  await db.schema.createIndex('cases_type_updated_idx').on('cases').columns(['type', 'updated_at', 'id']).execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('candidate_roles', sql`text[]`, (c) => c.notNull())
    .addColumn('candidates', sql`text[]`, (c) => c.notNull())
    .addColumn('escalated_to', sql`text[]`, (c) => c.notNull())
    .addColumn('scope', 'jsonb', (c) => c.notNull())
    .addColumn('assignee_id', 'text')
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('remind_at', 'timestamptz', (c) => c.notNull())
    .addColumn('escalated', 'boolean', (c) => c.notNull())
    .addColumn('outcomes', sql`text[]`, (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('comment', 'text')
    .addColumn('data', 'jsonb')
    .addColumn('completed_by', 'text')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('ref', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('case_version', 'integer', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX tasks_candidates_idx ON tasks USING gin (candidates)`.execute(db);
  await db.schema.createIndex('tasks_case_idx').on('tasks').column('case_id').execute();
  await db.schema.createIndex('tasks_status_due_idx').on('tasks').columns(['status', 'due_at']).execute();

  await db.schema
    .createTable('timeline')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text')
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('detail', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('timeline_case_idx').on('timeline').columns(['case_id', 'seq']).execute();

  await db.schema
    .createTable('programs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organization', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text', (c) => c.notNull())
    .addColumn('county', 'text', (c) => c.notNull())
    .addColumn('started_on', 'date', (c) => c.notNull())
    .addColumn('minimum_match_months', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('certified_until', 'date')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('leave_ledgers')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('employee_id', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('cap', 'numeric', (c) => c.notNull())
    .addColumn('verified_personal_hours', 'numeric', (c) => c.notNull())
    .addColumn('pending_personal_hours', 'numeric', (c) => c.notNull())
    .addColumn('approved_leave_hours', 'numeric', (c) => c.notNull())
    .addColumn('pending_leave_hours', 'numeric', (c) => c.notNull())
    .addColumn('available_leave_hours', 'numeric', (c) => c.notNull())
    .addColumn('lapsed_hours', 'numeric', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('leave_ledgers_year_dept_idx')
    .on('leave_ledgers')
    .columns(['year', 'department'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('principal', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['principal', 'route', 'key'])
    .execute();

  await db.schema
    .createTable('email_outbox')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('recipients', sql`text[]`, (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addColumn('message_id', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['email_outbox', 'idempotency_keys', 'leave_ledgers', 'programs', 'timeline', 'tasks', 'cases']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
