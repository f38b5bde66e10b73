/**
 * SCIM Groups (RFC 7643 §4.2): one group per role and scope — `admin`, `<role>`,
 * `<role>:department:CDT`, `<role>:program:<id>` — so a provider grants a
 * role by adding a user to its group. Groups are not stored: a group is the set of
 * directory people holding that role in that scope. Unscoped roles' groups always exist;
 * a scoped group is listed once someone holds it, and any well-formed one can be read,
 * created or filled. Membership changes are directory writes (audited, all or nothing).
 */
import type express from 'express';
import { sql } from 'kysely';
import type { Db, DirectoryGrant } from '../../db';
import { scopeClaimOf } from '../workflow/access';
import { ROLES, type Role } from './auth';
import { SCIM_ACTOR } from './audit';
import { fieldsOf, savePerson } from './directory';
import { HttpProblem } from './errors';
import { listResponse, pageParams, parseEqFilter, SCHEMA, ScimError, sendScim, type ScimDeps } from './scim';
import { patchOperations } from './scim-users';

type Deps = ScimDeps & { location: (path: string) => string };
/** A scope claim's word in a group's name: department, program, college (the claim without its `Id`). */
const KIND = (claim: string) => claim.replace(/Id$/, '');

/** The group a grant puts its person in (its county does not count). */
export function groupIdOf(g: DirectoryGrant): string {
  const claim = scopeClaimOf(g.role);
  return claim && g[claim] ? `${g.role}:${KIND(claim)}:${g[claim]}` : g.role;
}

export function groupName(g: DirectoryGrant): string {
  const claim = scopeClaimOf(g.role);
  return claim && g[claim] ? `${g.role} (${KIND(claim)} ${g[claim]})` : g.role;
}

/** A group's id or display name as the grant it stands for, or undefined. */
export function grantOfGroup(name: string): DirectoryGrant | undefined {
  const m = /^([a-z_]+)(?::(department|program|college):(.+)| \((department|program|college) (.+)\))?$/.exec(name);
  if (!m || !(ROLES as readonly string[]).includes(m[1])) return undefined;
  const role = m[1] as Role;
  const claim = scopeClaimOf(role);
  const kind = m[2] ?? m[4];
  const value = m[3] ?? m[5];
  if (!claim) return kind ? undefined : { role };
  if (!kind || KIND(claim) !== kind || !value || value.length > 200) return undefined;
  return { role, [claim]: value };
}

async function membersOf(db: Db, g: DirectoryGrant) {
  const claim = scopeClaimOf(g.role);
  const probe = claim ? { role: g.role, [claim]: g[claim] } : { role: g.role };
  return db
    .selectFrom('people')
    .select(['id', 'name'])
    .where('in_directory', '=', true)
    .where('scim_deleted_at', 'is', null)
    .where(sql<boolean>`grants @> ${JSON.stringify([probe])}::jsonb`)
    .orderBy('id')
    .execute();
}

export function registerScimGroups(router: express.Router, deps: Deps): void {
  const { db } = deps;
  const resource = async (g: DirectoryGrant, withMembers = true) => ({
    schemas: [SCHEMA.group],
    id: groupIdOf(g),
    displayName: groupName(g),
    ...(withMembers
      ? {
          members: (await membersOf(db, g)).map((p) => ({
            value: p.id,
            display: p.name ?? p.id,
            $ref: deps.location(`/Users/${encodeURIComponent(p.id)}`),
          })),
        }
      : {}),
    meta: { resourceType: 'Group', location: deps.location(`/Groups/${encodeURIComponent(groupIdOf(g))}`) },
  });
  const groupOr404 = (id: string) => {
    const g = grantOfGroup(id);
    if (!g) throw new ScimError(404, `No group ${id}`);
    return g;
  };

  /** Adds people to, or removes them from, the group: one transaction, an audit event per person. */
  const changeMembers = async (g: DirectoryGrant, add: string[], remove: string[]) => {
    try {
      await db.transaction().execute(async (tx) => {
        for (const [id, adding] of [...add.map((i) => [i, true] as const), ...remove.map((i) => [i, false] as const)]) {
          const row = await tx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
          if (!row?.in_directory || row.scim_deleted_at) throw new ScimError(400, `No user ${id}`, 'invalidValue');
          const f = fieldsOf(row);
          const others = f.roles.filter((r) => r.role !== g.role);
          const county = f.roles.find((r) => r.role === g.role)?.county;
          const roles = adding ? [...others, { ...g, ...(county ? { county } : {}) }] : others;
          if (!adding && roles.length === f.roles.length) continue;
          await savePerson(tx, id, { ...f, roles }, { actor: SCIM_ACTOR, reason: `SCIM group ${groupName(g)}` });
        }
      });
    } catch (err) {
      if (err instanceof HttpProblem && err.errors)
        throw new ScimError(400, err.errors.map((x) => `${x.path}: ${x.message}`).join('; '), 'invalidValue');
      throw err;
    }
  };
  const ids = (v: unknown): string[] =>
    (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((m: { value?: unknown }) => {
      if (typeof m?.value !== 'string') throw new ScimError(400, 'members are { value: <user id> }', 'invalidValue');
      return m.value;
    });
  const replaceMembers = async (g: DirectoryGrant, wanted: string[]) => {
    const now = (await membersOf(db, g)).map((p) => p.id);
    await changeMembers(
      g,
      wanted.filter((id) => !now.includes(id)),
      now.filter((id) => !wanted.includes(id)),
    );
  };

  router.get('/Groups', async (req, res) => {
    const f = parseEqFilter(req.query.filter, ['displayName', 'id']);
    const { startIndex, count } = pageParams(req);
    const withMembers = !/\bmembers\b/.test(String(req.query.excludedAttributes ?? ''));
    const held = await db
      .selectFrom('people')
      .select(sql<DirectoryGrant>`jsonb_array_elements(grants)`.as('g'))
      .where('in_directory', '=', true)
      .execute();
    const all = new Map<string, DirectoryGrant>();
    for (const role of ROLES) if (!scopeClaimOf(role)) all.set(role, { role });
    for (const { g } of held) if (grantOfGroup(groupIdOf(g))) all.set(groupIdOf(g), grantOfGroup(groupIdOf(g))!);
    let groups = [...all.entries()].sort(([a], [b]) => a.localeCompare(b));
    if (f) {
      const wanted = grantOfGroup(f.value);
      groups = wanted ? [[groupIdOf(wanted), wanted]] : [];
    }
    const page = groups.slice(startIndex - 1, startIndex - 1 + count);
    const resources = await Promise.all(page.map(([, g]) => resource(g, withMembers)));
    sendScim(res, 200, listResponse(resources, groups.length, startIndex));
  });

  router.get('/Groups/:id', async (req, res) => {
    sendScim(res, 200, await resource(groupOr404(req.params.id)));
  });

  router.post('/Groups', async (req, res) => {
    const name = (req.body as { displayName?: unknown })?.displayName;
    const g = typeof name === 'string' ? grantOfGroup(name) : undefined;
    if (!g)
      throw new ScimError(
        400,
        'displayName names a role, with its scope for a scoped role: "hr_officer:department:CDT"',
        'invalidValue',
      );
    await changeMembers(g, ids((req.body as { members?: unknown }).members), []);
    res.location(deps.location(`/Groups/${encodeURIComponent(groupIdOf(g))}`));
    sendScim(res, 201, await resource(g));
  });

  router.put('/Groups/:id', async (req, res) => {
    const g = groupOr404(req.params.id);
    await replaceMembers(g, ids((req.body as { members?: unknown }).members));
    sendScim(res, 200, await resource(g));
  });

  router.patch('/Groups/:id', async (req, res) => {
    const g = groupOr404(req.params.id);
    for (const op of patchOperations(req.body)) {
      const path = op.path ?? '';
      const one = /^members\[value eq "([^"]+)"\]$/i.exec(path);
      if (op.op === 'remove' && one) await changeMembers(g, [], [one[1]]);
      else if (/^members$/i.test(path) && op.op === 'add') await changeMembers(g, ids(op.value), []);
      else if (/^members$/i.test(path) && op.op === 'remove')
        await (op.value === undefined ? replaceMembers(g, []) : changeMembers(g, [], ids(op.value)));
      else if (/^members$/i.test(path) && op.op === 'replace') await replaceMembers(g, ids(op.value));
      else if (!path && op.op !== 'remove' && op.value && typeof op.value === 'object') {
        const v = op.value as { members?: unknown; displayName?: unknown };
        if (v.displayName !== undefined && v.displayName !== groupName(g) && v.displayName !== groupIdOf(g))
          throw new ScimError(400, "A group's name is its role and scope; it is not renamed", 'mutability');
        if (v.members !== undefined)
          await (op.op === 'add' ? changeMembers(g, ids(v.members), []) : replaceMembers(g, ids(v.members)));
      } else if (/^displayname$/i.test(path)) {
        if (op.value !== groupName(g) && op.value !== groupIdOf(g))
          throw new ScimError(400, "A group's name is its role and scope; it is not renamed", 'mutability');
      } else throw new ScimError(400, `Unsupported operation ${op.op} ${path}`, 'invalidPath');
    }
    sendScim(res, 200, await resource(g));
  });

  router.delete('/Groups/:id', async (req, res) => {
    const g = groupOr404(req.params.id);
    await replaceMembers(g, []);
    res.status(204).end();
  });
}
