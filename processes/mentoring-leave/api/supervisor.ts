/**
 * Whose approval a new leave request needs: the employee's supervisor as the people directory
 * says at the moment of the request (docs/administration.md, "Supervisors"), so that changing
 * an employee's supervisor there routes their next request to the new one. Nothing when the
 * directory names no active supervisor with a name and e-mail, or names the employee themselves:
 * the case keeps the supervisor it knows (from the enrollment, or HR's correction).
 */
import type { Db } from '../../../db';
import { supervisorViolation } from '../rules';

export async function directorySupervisor(
  db: Db,
  employee: { id: string; email?: string },
): Promise<{ id: string; name: string; email: string } | undefined> {
  const row = await db
    .selectFrom('people as e')
    .innerJoin('people as s', 's.id', 'e.supervisor_id')
    .select(['s.id', 's.name', 's.email', 's.active'])
    .where('e.id', '=', employee.id)
    .where('e.in_directory', '=', true)
    .where('s.in_directory', '=', true)
    .executeTakeFirst();
  if (!row?.active || !row.name || !row.email) return undefined;
  const supervisor = { id: row.id, name: row.name, email: row.email };
  if (supervisorViolation({ id: employee.id, email: employee.email ?? '' }, supervisor)) return undefined;
  return supervisor;
}
