/**
 * A person as the API reads and writes them (the people directory, directory.ts): the
 * request bodies an administrator, an import or SCIM sends, the answer's shape, and the row
 * turned into that answer — a sign-in-only row's roles read from its token's claims.
 */
import { z } from 'zod';
import type { Transaction } from 'kysely';
import type { Database, Db, DirectoryGrant } from '../../db';
import { scopeClaimOf } from '../workflow/access';
import { email, identifier, line } from '../workflow/input';
import { ROLES } from './auth';

export const LANGUAGES = ['en', 'es'] as const;

export const grantSchema = z
  .object({
    role: z.enum(ROLES),
    department: line(100).optional(),
    programId: identifier.optional(),
    collegeId: identifier.optional(),
    county: line(100).optional(),
  })
  .strict()
  .openapi('PersonRoleInput');

/** A role as the directory answers it (a sign-in row's token may name roles no longer known). */
const grantOut = z
  .object({
    role: z.string(),
    department: z.string().optional(),
    programId: z.string().optional(),
    collegeId: z.string().optional(),
    county: z.string().optional(),
  })
  .openapi('PersonRole');

/** The fields of a person an administrator writes (POST whole, PATCH in part). */
export const fields = {
  name: line(200),
  email: email,
  language: z.enum(LANGUAGES).default('en'),
  roles: z.array(grantSchema).max(30),
  supervisorId: identifier.nullable().optional(),
  active: z.boolean().default(true),
};

export const newPersonBody = z
  .object({ id: identifier.describe('The id the person signs in with: their token subject (sub)'), ...fields })
  .strict()
  .openapi('NewPerson');

export const personPatchBody = z
  .object({
    name: fields.name.optional(),
    email: fields.email.optional(),
    language: z.enum(LANGUAGES).optional(),
    roles: fields.roles.optional(),
    supervisorId: fields.supervisorId,
    active: z.boolean().optional(),
    reason: line(500).optional(),
  })
  .strict()
  .openapi('PersonPatch');

export const personSchema = z
  .object({
    id: z.string(),
    name: z.string().optional(),
    email: z.string().optional(),
    language: z.enum(LANGUAGES),
    roles: z.array(grantOut),
    supervisorId: z.string().optional(),
    active: z.boolean(),
    inDirectory: z.boolean().describe('false: known only from a sign-in, as their token described them'),
    lastSignInAt: z.string().optional(),
    updatedAt: z.string(),
  })
  .openapi('Person');
export type PersonDto = z.infer<typeof personSchema>;

export type PersonRow = Awaited<ReturnType<typeof loadPersonRow>>;
export type Writer = Db | Transaction<Database>;

export async function loadPersonRow(db: Writer, id: string) {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A sign-in-only row's roles as grants: its token's claims, each role with the scope it needs. */
function grantsOfClaims(row: NonNullable<PersonRow>): DirectoryGrant[] {
  return row.roles.map((role) => {
    const claim = scopeClaimOf(role);
    const value = claim === 'department' ? row.department : claim === 'programId' ? row.program_id : row.college_id;
    return { role, ...(claim && value ? { [claim]: value } : {}) };
  });
}

export function personDto(row: NonNullable<PersonRow>): PersonDto {
  return {
    id: row.id,
    ...(row.name ? { name: row.name } : {}),
    ...(row.email ? { email: row.email } : {}),
    language: row.language === 'es' ? 'es' : 'en',
    roles: row.in_directory ? row.grants : grantsOfClaims(row),
    ...(row.supervisor_id ? { supervisorId: row.supervisor_id } : {}),
    active: row.active,
    inDirectory: row.in_directory,
    ...(row.seen_at ? { lastSignInAt: new Date(row.seen_at).toISOString() } : {}),
    updatedAt: row.updated_at.toISOString(),
  };
}
