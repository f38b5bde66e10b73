import { sql, type Kysely } from 'kysely';

/**
 * Reads whose cost follows the page, not the table (`npm run bench` P3):
 *
 * - `task_inbox`: one row per (candidate token, open unassigned task) with its due date,
 *   indexed by token then due date. The inbox reads, for each of the caller's few tokens,
 *   the first page of its own slice in due order and merges them — where the scan of open
 *   tasks in due order before it read every other department's tasks on the way (5,500
 *   rows for a page of 50 at 100,000 open tasks). A trigger on `tasks` keeps it exact in
 *   the same transaction as every write of a task, whoever writes it.
 * - Case search by words: `q` finds cases whose subject has words beginning with each word
 *   of the query (a name typed in part), through a full-text index of the subject's words
 *   ('simple' configuration: no stemming, no stop words — names are not English). A
 *   trigram index matched substrings anywhere, but every row shares the common trigrams
 *   of a subject's fixed words, so its cost grew with the table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE task_inbox (
    token text NOT NULL,
    task_id text NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    due_at timestamptz NOT NULL,
    PRIMARY KEY (token, task_id)
  )`.execute(db);
  await sql`CREATE INDEX task_inbox_token_due_idx ON task_inbox (token, due_at, task_id)`.execute(db);
  await sql`CREATE INDEX task_inbox_task_idx ON task_inbox (task_id)`.execute(db);
  await sql`CREATE INDEX tasks_open_assignee_due_idx ON tasks (assignee_id, due_at, id) WHERE status = 'open' AND assignee_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE FUNCTION task_inbox_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND NEW.status IS NOT DISTINCT FROM OLD.status AND NEW.assignee_id IS NOT DISTINCT FROM OLD.assignee_id
         AND NEW.candidates IS NOT DISTINCT FROM OLD.candidates AND NEW.due_at IS NOT DISTINCT FROM OLD.due_at THEN
        RETURN NEW;
      END IF;
      IF TG_OP = 'UPDATE' THEN
        DELETE FROM task_inbox WHERE task_id = OLD.id;
      END IF;
      IF NEW.status = 'open' AND NEW.assignee_id IS NULL THEN
        INSERT INTO task_inbox (token, task_id, due_at)
        SELECT DISTINCT c, NEW.id, NEW.due_at FROM unnest(NEW.candidates) AS c
        ON CONFLICT DO NOTHING;
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER task_inbox_sync AFTER INSERT OR UPDATE ON tasks FOR EACH ROW EXECUTE FUNCTION task_inbox_sync()`.execute(
    db,
  );
  // The tasks already there.
  await sql`INSERT INTO task_inbox (token, task_id, due_at)
    SELECT DISTINCT c, t.id, t.due_at FROM tasks t, unnest(t.candidates) AS c WHERE t.status = 'open' AND t.assignee_id IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX cases_subject_words_idx ON cases USING gin (to_tsvector('simple', subject))`.execute(db);
  // The trigram index of 0009 served the substring search this replaces; every write of a
  // case paid for it.
  await sql`DROP INDEX IF EXISTS cases_subject_trgm_idx`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DO $$ BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
      CREATE INDEX IF NOT EXISTS cases_subject_trgm_idx ON cases USING gin (subject gin_trgm_ops);
    END IF;
  END $$`.execute(db);
  await sql`DROP INDEX IF EXISTS cases_subject_words_idx`.execute(db);
  await sql`DROP TRIGGER IF EXISTS task_inbox_sync ON tasks`.execute(db);
  await sql`DROP FUNCTION IF EXISTS task_inbox_sync()`.execute(db);
  await sql`DROP INDEX IF EXISTS tasks_open_assignee_due_idx`.execute(db);
  await sql`DROP TABLE IF EXISTS task_inbox`.execute(db);
}
