/**
 * The bench's synthetic read model: leave cases and tasks written straight into PostgreSQL
 * until it holds as many rows as P3 asks (names that vary as real ones do), and the query
 * plans PostgreSQL picks for the inbox and the case search at that size.
 */
import { sql } from 'kysely';
import { principalTokens } from '../../platform/workflow/access';
import type { User } from '../../platform/api/auth';
import { taskListQuery } from '../../platform/api/inbox';
import { searchWords } from '../../platform/api/case-search';
import type { BenchServices } from './services';
import { DEPT } from './leave';

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ra',
  'su',
  'te',
  'vo',
  'ni',
  'de',
  'pa',
  'zu',
  'ri',
  'ho',
  'be',
  'ga',
  'ly',
  'no',
  'si',
  'ta',
  'we',
];
const GIVEN = [
  'Ana',
  'Ben',
  'Chen',
  'Dara',
  'Eli',
  'Fatima',
  'Gus',
  'Hana',
  'Ivan',
  'Jo',
  'Kiri',
  'Luis',
  'Mai',
  'Nia',
  'Omar',
  'Pia',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Uma',
  'Vic',
  'Wen',
  'Xochitl',
  'Yusuf',
  'Zoe',
  'Ada',
  'Bo',
  'Cruz',
  'Dev',
];
/** The surname of synthetic person `g` (8,000 of them) — the same in SQL and in the searches below. */
export const syntheticSurname = (g: number) => {
  const s = SYLLABLES[g % 20] + SYLLABLES[Math.floor(g / 20) % 20] + SYLLABLES[Math.floor(g / 400) % 20];
  return s[0].toUpperCase() + s.slice(1);
};
const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]`;
const SYNTHETIC_NAME = `(${arr(GIVEN)})[(g / 8000) % 30 + 1] || ' ' || initcap((${arr(SYLLABLES)})[g % 20 + 1] || (${arr(SYLLABLES)})[(g / 20) % 20 + 1] || (${arr(SYLLABLES)})[(g / 400) % 20 + 1])`;

/** Adds synthetic open leave cases and tasks straight into the read model until it holds `total` tasks. */
export async function fillReadModel(s: BenchServices, total: number): Promise<void> {
  const have = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM tasks`.execute(s.db)).rows[0].n);
  const add = total - have;
  if (add <= 0) return;
  const from = have;
  // 50 departments; the bench HR officer's (BENCH) is one of them, as in a statewide deployment.
  // People's names vary as real ones do (8,000 surnames from syllables, 30 given names), so a
  // search for a name is as selective as it is in an agency's read model — not every subject
  // sharing "Synthetic Employee", which makes every row match most of a search's trigrams.
  await sql`
    INSERT INTO cases (id, workflow_id, type, status, stage, subject, viewers, owner_id, department, details, version, created_at, updated_at)
    SELECT 'synthetic-' || g, 'synthetic-' || g, 'mentoring_leave', 'open', 'eligibility_review', 'Mentoring leave: ' || ${sql.raw(SYNTHETIC_NAME)},
      ARRAY['dept:' || (CASE WHEN g % 50 = 0 THEN ${DEPT}::text ELSE 'D' || (g % 50) END) || ':hr_officer', 'user:synthetic-emp-' || g],
      'synthetic-emp-' || g, CASE WHEN g % 50 = 0 THEN ${DEPT}::text ELSE 'D' || (g % 50) END, '{}'::jsonb, 1,
      now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval
    FROM generate_series(${from}::int, ${from + add - 1}::int) AS g`.execute(s.db);
  await sql`
    INSERT INTO tasks (id, case_id, workflow_id, type, title, status, candidate_roles, candidates, escalated_to, scope, due_at, remind_at, escalated, outcomes, created_at, case_version)
    SELECT 'synthetic-task-' || g, 'synthetic-' || g, 'synthetic-' || g, 'eligibility_review', 'Review eligibility: ' || ${sql.raw(SYNTHETIC_NAME)}, 'open',
      ARRAY['hr_officer'], ARRAY['dept:' || (CASE WHEN g % 50 = 0 THEN ${DEPT}::text ELSE 'D' || (g % 50) END) || ':hr_officer'], ARRAY[]::text[],
      jsonb_build_object('department', CASE WHEN g % 50 = 0 THEN ${DEPT}::text ELSE 'D' || (g % 50) END),
      now() + ((g % 900) || ' hours')::interval, now() + ((g % 900) || ' hours')::interval, false, ARRAY['approve', 'deny'], now(), 1
    FROM generate_series(${from}::int, ${from + add - 1}::int) AS g`.execute(s.db);
  // The state autovacuum keeps a read model in as it grows: a bulk insert of 99,000 rows at
  // once leaves the full-text index's pending list unmerged (every search would scan it)
  // and the visibility map empty (no index-only scans) until autovacuum comes by.
  for (const table of ['cases', 'tasks', 'task_inbox']) await sql`VACUUM (ANALYZE) ${sql.table(table)}`.execute(s.db);
  // And the bulk write's dirty pages on disk now, not by the checkpointer during the reads.
  await sql`CHECKPOINT`.execute(s.db).catch(() => undefined);
}

/** The plans PostgreSQL picks for the inbox and the case search at 100k rows (for the notes in docs/performance.md). */
export async function explainReads(s: BenchServices): Promise<Record<string, string>> {
  const tokens = principalTokens({ sub: 'bench-hr', roles: ['hr_officer'], department: DEPT });
  const plan = async (q: ReturnType<typeof sql>) =>
    (await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${q}`.execute(s.db)).rows
      .map((r) => r['QUERY PLAN'])
      .join('\n');
  // The inbox's own query as the API runs it, and the search's condition as the API builds it.
  const user = { sub: 'bench-hr', roles: ['hr_officer'], department: DEPT, tokens } as unknown as User;
  return {
    inbox: await plan(taskListQuery(user, { status: 'open', view: 'inbox', limit: 50 })),
    search: await plan(
      sql`SELECT * FROM cases WHERE viewers && ${sql.val(tokens)}::text[] AND to_tsvector('simple', subject) @@ to_tsquery('simple', ${searchWords(syntheticSurname(123))}) ORDER BY updated_at DESC, id DESC LIMIT 51`,
    ),
  };
}
