/**
 * `npx tsx scripts/bench/case-search-plans.ts`: the plans PostgreSQL picks for the Cases page's
 * searches (platform/api/case-search.ts) at 100k rows, without Temporal: an embedded
 * PostgreSQL under .data/case-search-plans, the bench's synthetic leave cases, and foster
 * cases worked by 200 case workers (their owner of record, a task each naming them, one in
 * ten held). Prints each plan with its execution time (docs/performance.md, "Case search").
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CompiledQuery, sql, type Compilable } from 'kysely';
import type { Db } from '../../db';
import { DATA_DIR } from '../../lib/config';
import type { User } from '../../platform/api/auth';
import { caseSearchQuery, type CaseFilters } from '../../platform/api/case-search';
import { principalTokens } from '../../platform/workflow/access';
import { startEmbeddedPostgres } from '../provision/embedded-postgres';
import { freePort } from '../provision/ports';
import { prepareDatabase } from '../provision/postgres';
import { DEPT } from './leave';
import { fillReadModel, syntheticSurname } from './read-model-fill';
import type { BenchServices } from './services';

const FOSTER = 10_000;

/** Synthetic youth referrals: case worker `g % 200` owns each, its intake task names them, one in ten is claimed. */
async function fillFoster(db: Db): Promise<void> {
  await sql`
    INSERT INTO cases (id, workflow_id, type, status, stage, subject, viewers, owner_id, details, version, created_at, updated_at)
    SELECT 'synthetic-youth-' || g, 'synthetic-youth-' || g, 'youth_referral', 'open', 'intake', 'Youth referral ' || g,
      ARRAY['user:synthetic-cw-' || (g % 200), 'role:case_supervisor'], 'synthetic-cw-' || (g % 200), '{}'::jsonb, 1,
      now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval
    FROM generate_series(1, ${FOSTER}::int) AS g`.execute(db);
  await sql`
    INSERT INTO tasks (id, case_id, workflow_id, type, title, status, candidate_roles, candidates, escalated_to, scope,
      assignee_id, due_at, remind_at, escalated, outcomes, created_at, case_version)
    SELECT 'synthetic-intake-' || g, 'synthetic-youth-' || g, 'synthetic-youth-' || g, 'intake', 'Intake', 'open',
      ARRAY['case_worker'], ARRAY['user:synthetic-cw-' || (g % 200)], ARRAY[]::text[], '{}'::jsonb,
      CASE WHEN g % 10 = 0 THEN 'synthetic-cw-' || ((g + 1) % 200) END,
      now() + (((g % 60) - 10) || ' days')::interval, now(), false, ARRAY['done'], now(), 1
    FROM generate_series(1, ${FOSTER}::int) AS g`.execute(db);
  for (const table of ['cases', 'tasks', 'task_inbox']) await sql`VACUUM (ANALYZE) ${sql.table(table)}`.execute(db);
}

const userOf = (p: { sub: string; roles: string[]; department?: string }) =>
  ({ ...p, declaredRoles: p.roles, tokens: principalTokens(p) }) as unknown as User;

/** The plan of a query with its execution time, as PostgreSQL ran it. */
async function explain(db: Db, q: Compilable): Promise<string> {
  const { sql: text, parameters } = q.compile();
  const plan = CompiledQuery.raw(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${text}`, [...parameters]);
  const rows = (await db.executeQuery<{ 'QUERY PLAN': string }>(plan)).rows;
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

async function main(): Promise<void> {
  const dir = path.join(DATA_DIR, 'case-search-plans');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const pg = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), port: await freePort() });
  const db = await prepareDatabase(pg.url('mentorflow'));
  try {
    await fillReadModel({ db } as BenchServices, 100_000);
    await fillFoster(db);
    const hr = userOf({ sub: 'bench-hr', roles: ['hr_officer'], department: DEPT });
    const cw = userOf({ sub: 'synthetic-cw-7', roles: ['case_worker'] });
    const sup = userOf({ sub: 'bench-sup', roles: ['case_supervisor'] });
    const searches: [string, User, Omit<CaseFilters, 'limit'>][] = [
      ['hr: every visible case', hr, {}],
      ['hr: a name', hr, { q: syntheticSurname(123) }],
      ['hr: overdue', hr, { overdue: 'true' }],
      ['case worker: my cases', cw, { assigneeId: cw.sub }],
      ['case worker: my overdue cases', cw, { assigneeId: cw.sub, overdue: 'true' }],
      ['case supervisor: one worker, one stage', sup, { assigneeId: 'synthetic-cw-9', stage: 'intake' }],
      ['case supervisor: youth referrals', sup, { type: 'youth_referral' }],
    ];
    for (const [name, user, f] of searches) {
      const q = caseSearchQuery(db, user, { ...f, limit: 50 });
      if (!q) continue;
      console.log(`\n== ${name}\n${await explain(db, q)}`);
    }
  } finally {
    await db.destroy();
    await pg.stop();
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
