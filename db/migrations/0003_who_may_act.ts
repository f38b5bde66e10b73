import { sql, type Kysely } from 'kysely';

/**
 * Who may act: the people directory (whom a task can be handed to), the rule columns of
 * tasks and cases, and idempotency keys that expire and whose in-flight lease lapses.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Everyone who has signed in, as their last token described them: an assignee must be
  // a known person whose roles and scope make them a candidate.
  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('roles', sql`text[]`, (c) => c.notNull())
    .addColumn('department', 'text')
    .addColumn('program_id', 'text')
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX people_roles_idx ON people USING gin (roles)`.execute(db);

  await db.schema
    .alterTable('tasks')
    .addColumn('assignable', sql`text[]`)
    .execute();
  await db.schema
    .alterTable('tasks')
    .addColumn('excluded_actors', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
  // Who may not act on it at all: the case's parties and the two-person rule (inbox filter).
  await db.schema
    .alterTable('tasks')
    .addColumn('barred', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
  await db.schema.alterTable('cases').addColumn('parties', 'jsonb').execute();

  await db.schema
    .alterTable('idempotency_keys')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now() + interval '24 hours'`))
    .execute();
  await db.schema.alterTable('idempotency_keys').addColumn('locked_until', 'timestamptz').execute();
  await db.schema.createIndex('idempotency_keys_expires_idx').on('idempotency_keys').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('people').ifExists().execute();
  for (const c of ['assignable', 'excluded_actors', 'barred'])
    await db.schema.alterTable('tasks').dropColumn(c).execute();
  await db.schema.alterTable('cases').dropColumn('parties').execute();
  await db.schema.alterTable('idempotency_keys').dropColumn('expires_at').dropColumn('locked_until').execute();
}
