import { sql, type Kysely } from 'kysely';

/**
 * E-mail wording as data (docs/emails.md, "Editing the words in the web app"): an admin's
 * override of a message's template in one language. Every save is a new row, so the history
 * of a template's words stays; the newest `version` of an `(id, language)` is the one in use.
 * A row without subject and body is a reset: from it on the file's words are used again.
 * `id` is the template's name (`<process>.<message-id>`), the same as the e-mails carry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE email_templates (
    id text NOT NULL,
    language text NOT NULL,
    version integer NOT NULL,
    subject text,
    body text,
    updated_by text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id, language, version),
    CHECK ((subject IS NULL) = (body IS NULL)),
    CHECK (version > 0)
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE email_templates`.execute(db);
}
