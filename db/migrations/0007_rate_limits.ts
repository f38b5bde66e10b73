import { sql, type Kysely } from 'kysely';

/**
 * Public endpoints' rate-limit counters, shared by every API process: with two or more
 * APIs behind a load balancer a client gets the configured limit, not one per process
 * (the cluster test found the in-memory counters let a client through twice as often).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('resets_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`CREATE INDEX rate_limits_resets_at ON rate_limits (resets_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
