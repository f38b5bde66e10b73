/**
 * SCIM Users (RFC 7643 §4.1, RFC 7644 §3): the directory's people as the identity provider
 * sees them. A new user's id — the one they sign in with — is its `externalId` when the
 * provider sends one, else its `userName`. Attributes the directory keeps: userName,
 * externalId, the name (displayName, or name.formatted, or given and family names), the
 * work (or primary) e-mail, preferredLanguage, active and the enterprise extension's
 * manager (the supervisor); others a provider sends (phone numbers, titles) are ignored.
 * Roles come from Groups (scim-groups.ts). DELETE deactivates: the person stays, inactive and
 * without roles, so the cases they worked on keep their name; deactivating gives their work
 * back. SCIM then answers 404 for them (RFC 7644 §3.6), and the provider may create them again.
 */
import type express from 'express';
import { sql } from 'kysely';
import { SCIM_ACTOR } from './audit';
import { returnWorkOf, SCIM_USER } from './deactivation';
import { fieldsOf, savePerson, type PersonFields } from './directory';
import { loadPersonRow, newPersonBody, type PersonRow } from './person-view';
import { HttpProblem } from './errors';
import { identifier, line } from '../workflow/input';
import { groupIdOf, groupName } from './scim-groups';
import { listResponse, pageParams, parseEqFilter, SCHEMA, ScimError, sendScim, type ScimDeps } from './scim';

type Row = NonNullable<PersonRow>;

/** What SCIM writes, checked as an administrator's input is (bounded text, a real e-mail). */
const scimFields = newPersonBody
  .omit({ id: true })
  .extend({ userName: line(200).nullable().optional(), externalId: line(200).nullable().optional() });
type Deps = ScimDeps & { location: (path: string) => string };

export function userResource(row: Row, location: Deps['location']) {
  return {
    schemas: [SCHEMA.user, ...(row.supervisor_id ? [SCHEMA.enterprise] : [])],
    id: row.id,
    ...(row.external_id ? { externalId: row.external_id } : {}),
    userName: row.user_name ?? row.email ?? row.id,
    displayName: row.name ?? row.id,
    name: { formatted: row.name ?? row.id },
    ...(row.email ? { emails: [{ value: row.email, type: 'work', primary: true }] } : {}),
    preferredLanguage: row.language,
    active: row.active,
    groups: row.grants.map((g) => ({ value: groupIdOf(g), display: groupName(g), type: 'direct' })),
    ...(row.supervisor_id ? { [SCHEMA.enterprise]: { manager: { value: row.supervisor_id } } } : {}),
    meta: {
      resourceType: 'User',
      created: new Date(row.created_at).toISOString(),
      lastModified: new Date(row.updated_at).toISOString(),
      location: location(`/Users/${encodeURIComponent(row.id)}`),
      version: `W/"${row.version}"`,
    },
  };
}

/** The attributes of a user the directory keeps, as a PATCH edits them. */
interface Editable {
  userName?: string;
  externalId?: string | null;
  displayName?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  preferredLanguage?: string;
  active?: boolean;
  manager?: string | null;
}

const bool = (v: unknown): boolean => {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  throw new ScimError(400, 'active is true or false', 'invalidValue');
};
const str = (v: unknown, what: string): string => {
  if (typeof v !== 'string') throw new ScimError(400, `${what} is a string`, 'invalidValue');
  return v;
};
const managerOf = (v: unknown): string | null =>
  v === null || v === '' ? null : typeof v === 'string' ? v : str((v as { value?: unknown })?.value, 'manager.value');

/** Applies one attribute (a PATCH path, or a key of a resource body) to what is kept. */
function apply(e: Editable, path: string, value: unknown): void {
  const p = path.toLowerCase();
  const ent = SCHEMA.enterprise.toLowerCase();
  if (p === 'active') e.active = bool(value);
  else if (p === 'username') e.userName = str(value, 'userName');
  else if (p === 'externalid') e.externalId = value === null ? null : str(value, 'externalId');
  else if (p === 'displayname') e.displayName = str(value, 'displayName');
  else if (p === 'name') {
    const n = (value ?? {}) as Record<string, unknown>;
    if (n.formatted !== undefined) e.displayName ??= str(n.formatted, 'name.formatted');
    if (n.givenName !== undefined) e.givenName = str(n.givenName, 'name.givenName');
    if (n.familyName !== undefined) e.familyName = str(n.familyName, 'name.familyName');
  } else if (p === 'name.givenname') e.givenName = str(value, 'name.givenName');
  else if (p === 'name.familyname') e.familyName = str(value, 'name.familyName');
  else if (p === 'name.formatted') e.displayName = str(value, 'name.formatted');
  else if (p === 'emails') {
    const list = Array.isArray(value) ? (value as { value?: unknown; type?: string; primary?: boolean }[]) : [];
    const chosen = list.find((m) => m.primary) ?? list.find((m) => m.type === 'work') ?? list[0];
    if (chosen) e.email = str(chosen.value, 'emails.value');
  } else if (/^emails\[type eq "work"\]\.value$/.test(p) || p === 'emails.value') e.email = str(value, 'email');
  else if (p === 'preferredlanguage') e.preferredLanguage = str(value, 'preferredLanguage');
  else if (p === `${ent}:manager` || p === 'manager') e.manager = managerOf(value);
  else if (p === ent) {
    const ext = (value ?? {}) as Record<string, unknown>;
    if ('manager' in ext) e.manager = managerOf(ext.manager);
  }
  // Anything else (phoneNumbers, title, addresses, …) is not kept in the directory.
}

function editableOfBody(body: Record<string, unknown>): Editable {
  const e: Editable = {};
  for (const [k, v] of Object.entries(body ?? {})) if (k !== 'schemas' && k !== 'id' && k !== 'meta') apply(e, k, v);
  return e;
}

/** The directory's fields from what SCIM keeps, over a person's current ones. */
function fieldsFrom(e: Editable, base: PersonFields | undefined): PersonFields {
  const named = [e.givenName, e.familyName].filter(Boolean).join(' ');
  const name = e.displayName ?? (named || base?.name || e.userName);
  const email = e.email ?? base?.email ?? (e.userName?.includes('@') ? e.userName : undefined);
  if (!name) throw new ScimError(400, 'A user needs a displayName, a name or a userName', 'invalidValue');
  if (!email) throw new ScimError(400, 'A user needs an e-mail (emails, or a userName that is one)', 'invalidValue');
  return {
    name,
    email,
    language: (e.preferredLanguage ?? base?.language ?? 'en').toLowerCase().startsWith('es') ? 'es' : 'en',
    roles: base?.roles ?? [],
    supervisorId: e.manager !== undefined ? e.manager : (base?.supervisorId ?? null),
    active: e.active ?? base?.active ?? true,
    userName: e.userName ?? null,
    externalId: e.externalId ?? null,
  };
}

export function registerScimUsers(router: express.Router, deps: Deps): void {
  const { db } = deps;
  const directoryRow = async (id: string) => {
    const row = await loadPersonRow(db, id);
    if (!row?.in_directory || row.scim_deleted_at) throw new ScimError(404, `No user ${id}`);
    return row;
  };
  const userNameTaken = async (userName: string, exceptId: string) =>
    db
      .selectFrom('people')
      .select('id')
      .where('in_directory', '=', true)
      .where('scim_deleted_at', 'is', null)
      .where('id', '!=', exceptId)
      .where(sql<boolean>`lower(coalesce(user_name, email)) = lower(${userName})`)
      .executeTakeFirst();

  /** Writes a user, then gives a newly deactivated person's work back. */
  const write = async (id: string, fields: PersonFields, expectNew = false, scimDelete = false): Promise<Row> => {
    const checked = scimFields.safeParse(fields);
    if (!checked.success)
      throw new ScimError(
        400,
        checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        'invalidValue',
      );
    if (fields.userName && (await userNameTaken(fields.userName, id)))
      throw new ScimError(409, `userName ${fields.userName} is taken`, 'uniqueness');
    try {
      const saved = await db
        .transaction()
        .execute((tx) => savePerson(tx, id, fields, { actor: SCIM_ACTOR, expectNew, scimDelete, reason: 'SCIM' }));
      if (saved.deactivated) await returnWorkOf(db, deps.temporal, id, SCIM_USER);
      return saved.row;
    } catch (err) {
      if (err instanceof HttpProblem && err.status === 409) throw new ScimError(409, err.detail ?? '', 'uniqueness');
      if (err instanceof HttpProblem && err.errors)
        throw new ScimError(400, err.errors.map((x) => `${x.path}: ${x.message}`).join('; '), 'invalidValue');
      if ((err as { code?: string }).code === '23505') throw new ScimError(409, 'userName is taken', 'uniqueness');
      throw err;
    }
  };

  router.get('/Users', async (req, res) => {
    const f = parseEqFilter(req.query.filter, ['userName', 'externalId', 'id', 'emails.value']);
    const { startIndex, count } = pageParams(req);
    let q = db.selectFrom('people').where('in_directory', '=', true).where('scim_deleted_at', 'is', null);
    if (f?.attr === 'userName') q = q.where(sql<boolean>`lower(coalesce(user_name, email)) = lower(${f.value})`);
    if (f?.attr === 'externalId') q = q.where('external_id', '=', f.value);
    if (f?.attr === 'id') q = q.where('id', '=', f.value);
    if (f?.attr === 'emails.value') q = q.where(sql<boolean>`lower(email) = lower(${f.value})`);
    const { n } = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const rows = count
      ? await q
          .selectAll()
          .orderBy('created_at')
          .orderBy('id')
          .offset(startIndex - 1)
          .limit(count)
          .execute()
      : [];
    sendScim(
      res,
      200,
      listResponse(
        rows.map((r) => userResource(r, deps.location)),
        n,
        startIndex,
      ),
    );
  });

  router.get('/Users/:id', async (req, res) => {
    sendScim(res, 200, userResource(await directoryRow(req.params.id), deps.location));
  });

  router.post('/Users', async (req, res) => {
    const e = editableOfBody(req.body);
    if (!e.userName) throw new ScimError(400, 'userName is required', 'invalidValue');
    const id = e.externalId && identifier.safeParse(e.externalId).success ? e.externalId : e.userName;
    if (!identifier.safeParse(id).success)
      throw new ScimError(400, 'The externalId or userName must be letters, digits and . _ : @ | + -', 'invalidValue');
    const existing = await loadPersonRow(db, id);
    if (existing?.in_directory && !existing.scim_deleted_at)
      throw new ScimError(409, `A user with the id ${id} exists`, 'uniqueness');
    // Roles come from Groups: a person the provider adds starts with none (a sign-in row's token claims are not kept).
    const row = await write(id, fieldsFrom(e, undefined), true);
    res.location(deps.location(`/Users/${encodeURIComponent(row.id)}`));
    sendScim(res, 201, userResource(row, deps.location));
  });

  router.put('/Users/:id', async (req, res) => {
    const row = await directoryRow(req.params.id);
    const e = editableOfBody(req.body);
    const base = fieldsOf(row);
    // A replacement: what it leaves out is cleared, except roles (Groups) and what the directory needs.
    const fields = fieldsFrom({ active: true, manager: null, externalId: null, ...e }, base);
    sendScim(
      res,
      200,
      userResource(await write(row.id, { ...fields, userName: e.userName ?? row.user_name }), deps.location),
    );
  });

  router.patch('/Users/:id', async (req, res) => {
    const row = await directoryRow(req.params.id);
    const ops = patchOperations(req.body);
    const e: Editable = {};
    for (const op of ops) {
      if (op.op === 'remove') {
        const p = (op.path ?? '').toLowerCase();
        if (p === 'manager' || p === `${SCHEMA.enterprise.toLowerCase()}:manager`) e.manager = null;
        else if (p === 'externalid') e.externalId = null;
        else if (!p) throw new ScimError(400, 'A remove operation needs a path', 'noTarget');
        continue;
      }
      if (op.path) apply(e, op.path, op.value);
      else if (op.value && typeof op.value === 'object') Object.assign(e, editableOfBody(op.value as never));
      else throw new ScimError(400, 'An operation without a path carries an object', 'invalidValue');
    }
    const base = fieldsOf(row);
    const fields = fieldsFrom(e, base);
    const kept = {
      ...fields,
      userName: e.userName ?? row.user_name,
      externalId: e.externalId !== undefined ? e.externalId : row.external_id,
    };
    sendScim(res, 200, userResource(await write(row.id, kept), deps.location));
  });

  router.delete('/Users/:id', async (req, res) => {
    const row = await directoryRow(req.params.id);
    // The userName is freed for whoever the provider creates with it next.
    await write(row.id, { ...fieldsOf(row), active: false, roles: [], userName: null }, false, true);
    res.status(204).end();
  });
}

/** A PatchOp request's operations (RFC 7644 §3.5.2), op names in any case. */
export function patchOperations(body: unknown): { op: 'add' | 'replace' | 'remove'; path?: string; value?: unknown }[] {
  const b = body as { schemas?: unknown; Operations?: unknown };
  if (!Array.isArray(b?.schemas) || !b.schemas.includes(SCHEMA.patch) || !Array.isArray(b.Operations))
    throw new ScimError(400, `A PATCH is a ${SCHEMA.patch} with Operations`, 'invalidSyntax');
  if (b.Operations.length > 1000) throw new ScimError(413, 'At most 1000 operations');
  return b.Operations.map((o: { op?: unknown; path?: unknown; value?: unknown }) => {
    const op = typeof o?.op === 'string' ? o.op.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove')
      throw new ScimError(400, 'op is add, replace or remove', 'invalidSyntax');
    if (o.path !== undefined && typeof o.path !== 'string') throw new ScimError(400, 'path is a string', 'invalidPath');
    return { op, ...(o.path ? { path: o.path } : {}), value: o.value };
  });
}
