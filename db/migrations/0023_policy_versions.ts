import { sql, type Kysely } from 'kysely';

/**
 * Rules as versioned data (docs/administration.md, "Rules"): every saved policy is a new
 * numbered version with who saved it, when and why; nothing is ever changed in place. New
 * cases start with the newest version; version 1 is written from the MENTORFLOW_POLICY
 * file and the defaults on the first start that finds the table empty.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE policy_versions (
    version integer PRIMARY KEY CHECK (version >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    created_by_name text,
    reason text NOT NULL CHECK (length(reason) > 0),
    policy jsonb NOT NULL
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE policy_versions`.execute(db);
}
