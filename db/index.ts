import { Kysely, Migrator, PostgresDialect, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import * as m0001 from './migrations/0001_initial';
import * as m0002 from './migrations/0002_reference_links';
import * as m0003 from './migrations/0003_who_may_act';
import * as m0004 from './migrations/0004_incidents_and_outbox';
import * as m0005 from './migrations/0005_one_enrollment_per_year';
import * as m0006 from './migrations/0006_outbox_claims';
import * as m0007 from './migrations/0007_rate_limits';
import * as m0008 from './migrations/0008_demo_people';
import * as m0009 from './migrations/0009_search_and_inbox_indexes';
import * as m0010 from './migrations/0010_inbox_by_candidate';
import * as m0011 from './migrations/0011_payroll_exports';
import * as m0012 from './migrations/0012_referral_settings';
import * as m0013 from './migrations/0013_colleges';
import * as m0014 from './migrations/0014_referral_address_limits';
import * as m0015 from './migrations/0015_match_social_worker';
import * as m0016 from './migrations/0016_program_versions';
import * as m0017 from './migrations/0017_organisation_settings';
import * as m0018 from './migrations/0018_open_work_indexes';
import * as m0019 from './migrations/0019_people_directory';
import * as m0020 from './migrations/0020_scim_deleted';
import * as m0021 from './migrations/0021_case_search_indexes';
import * as m0022 from './migrations/0022_absences';
import * as m0023 from './migrations/0023_policy_versions';
import * as m0024 from './migrations/0024_question_banks';
import * as m0025 from './migrations/0025_email_templates';
import * as m0026 from './migrations/0026_outbox_language';
import * as m0027 from './migrations/0027_match_support';
import * as m0028 from './migrations/0028_match_facts_version';
import * as m0029 from './migrations/0029_survey_instruments';
import type { Database } from './schema';

export type Db = Kysely<Database>;
export type { Database, DirectoryGrant } from './schema';

// numeric columns (hours) come back as numbers; int8 (timeline seq) stays a string.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// date columns stay calendar dates, never shifted through a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export function createDb(connectionString: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString, max });
  // An idle connection dropped by the server (a restart, a failover) is discarded by the
  // pool and replaced on next use. Unheard, that 'error' event would end the process:
  // the chaos run found API and worker crashing on a PostgreSQL restart.
  pool.on('error', (err) =>
    process.stderr.write(`database: idle connection lost (${err.message}); it will be replaced\n`),
  );
  // The same for a connection lost while checked out between two queries (a transaction
  // waiting on SMTP): the next query on it fails, and the activity's retry takes over.
  pool.on('connect', (client) =>
    client.on('error', (err) => process.stderr.write(`database: connection lost in use (${err.message})\n`)),
  );
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Migrations are listed here, not read from disk, so they work the same under tsx and jest. */
const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_reference_links': m0002,
  '0003_who_may_act': m0003,
  '0004_incidents_and_outbox': m0004,
  '0005_one_enrollment_per_year': m0005,
  '0006_outbox_claims': m0006,
  '0007_rate_limits': m0007,
  '0008_demo_people': m0008,
  '0009_search_and_inbox_indexes': m0009,
  '0010_inbox_by_candidate': m0010,
  '0011_payroll_exports': m0011,
  '0012_referral_settings': m0012,
  '0013_colleges': m0013,
  '0014_referral_address_limits': m0014,
  '0015_match_social_worker': m0015,
  '0016_program_versions': m0016,
  '0017_organisation_settings': m0017,
  '0018_open_work_indexes': m0018,
  '0019_people_directory': m0019,
  '0020_scim_deleted': m0020,
  '0021_case_search_indexes': m0021,
  '0022_absences': m0022,
  '0023_policy_versions': m0023,
  '0024_question_banks': m0024,
  '0025_email_templates': m0025,
  '0026_outbox_language': m0026,
  '0027_match_support': m0027,
  '0028_match_facts_version': m0028,
  '0029_survey_instruments': m0029,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Creates the database named in the URL if it does not exist (development and tests). */
export async function ensureDatabase(connectionString: string): Promise<void> {
  const url = new URL(connectionString);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
