import { sql, type Kysely } from 'kysely';

/**
 * Payroll exports of approved 2119 hours: each export of a department and
 * month is recorded with the lines it carried, exactly as carried (a re-download is the
 * same file). A leave request is exported once (primary key): an approval that lands in a
 * month already exported goes out in the department's next export, flagged a correction.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE payroll_exports (
    id text PRIMARY KEY,
    department text NOT NULL,
    period text NOT NULL,
    exported_at timestamptz NOT NULL DEFAULT now(),
    exported_by text NOT NULL
  )`.execute(db);
  await sql`CREATE INDEX payroll_exports_department_period_idx ON payroll_exports (department, period, exported_at)`.execute(
    db,
  );
  await sql`CREATE TABLE payroll_export_lines (
    case_id text NOT NULL,
    request_id text NOT NULL,
    export_id text NOT NULL REFERENCES payroll_exports (id),
    employee_id text NOT NULL,
    employee_name text NOT NULL,
    date date NOT NULL,
    period text NOT NULL,
    hours numeric NOT NULL,
    supervisor_id text,
    supervisor_name text,
    hr_officer_id text,
    hr_officer_name text,
    approved_at timestamptz,
    correction boolean NOT NULL,
    PRIMARY KEY (case_id, request_id)
  )`.execute(db);
  await sql`CREATE INDEX payroll_export_lines_export_idx ON payroll_export_lines (export_id, date, employee_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS payroll_export_lines`.execute(db);
  await sql`DROP TABLE IF EXISTS payroll_exports`.execute(db);
}
