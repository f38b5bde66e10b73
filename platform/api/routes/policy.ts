/**
 * The rules as versioned data (docs/administration.md, "Rules"): admins read the newest
 * version of the policy and its history, compare two versions path by path, and save a
 * new version with a reason. A save is validated by the same zod schema the policy file
 * is (lib/policy.ts, so whatever a process adds to its section is checked and offered
 * too), audited in the same transaction, and then the organisation's settings in it —
 * mailboxes, public address, holidays — are told to every running case.
 */
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { Db } from '../../../db';
import { logger } from '../../../lib/logger';
import { tellRunningCasesOrganisationSettings } from '../../../lib/organisation-settings';
import { policySchema } from '../../../lib/policy';
import { diffPolicies } from '../../../lib/policy-diff';
import type { PolicyVersion, PolicyVersions } from '../../../lib/policy-versions';
import type { Policy } from '../../workflow/policy';
import { recordAudit } from '../audit';
import { conflict, notFound } from '../errors';
import type { ApiBuilder } from '../http';
import { decodeCursor, encodeCursor, pageQuery } from '../paging';
import { actorOf } from './people';

const ADMIN = ['admin'] as const;

export const policyComponent = policySchema.openapi('Policy', {
  description: 'Every duration, cap, list and mailbox the processes follow (docs/configuration.md)',
});

const actorSchema = z.object({ id: z.string(), name: z.string().optional() });

const versionSummarySchema = z
  .object({ version: z.number().int(), createdAt: z.string(), createdBy: actorSchema, reason: z.string() })
  .openapi('PolicyVersionSummary');

export const policyVersionSchema = versionSummarySchema.extend({ policy: policyComponent }).openapi('PolicyVersion');

const changeSchema = z
  .object({ path: z.string(), before: z.unknown().optional(), after: z.unknown().optional() })
  .openapi('PolicyChange');

const versionNumber = z.coerce.number().int().min(1).max(1_000_000);

const summaryOf = ({ policy: _policy, ...summary }: PolicyVersion) => summary;

/** The changed paths' values on each side, for the audit row (each path a field of the log's page and CSV). */
function auditValues(before: Policy, after: Policy) {
  const changes = diffPolicies(before, after);
  const side = (k: 'before' | 'after') => Object.fromEntries(changes.filter((c) => k in c).map((c) => [c.path, c[k]]));
  return { before: side('before'), after: side('after') };
}

export function registerPolicyRoutes(api: ApiBuilder, db: Db, temporal: Client, versions: PolicyVersions): void {
  api.route({
    method: 'get',
    path: '/policy',
    tag: 'policy',
    auth: ADMIN,
    summary: 'The newest version of the policy: what new cases start with',
    response: policyVersionSchema,
    handler: async () => ({ body: await versions.newest() }),
  });

  api.route({
    method: 'get',
    path: '/policy/versions',
    tag: 'policy',
    auth: ADMIN,
    summary: 'Every saved version, newest first: who saved it, when and why',
    query: z.object(pageQuery).strict(),
    response: z.object({ items: z.array(versionSummarySchema), nextCursor: z.string().nullable() }),
    handler: async ({ query }) => {
      const after = decodeCursor(query.cursor, z.tuple([z.number().int().min(1).max(1_000_000)]));
      const rows = await versions.list({ before: after?.[0], limit: query.limit + 1 });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        body: {
          items: page.map(summaryOf),
          nextCursor: rows.length > query.limit ? encodeCursor([last.version]) : null,
        },
      };
    },
  });

  api.route({
    method: 'get',
    path: '/policy/versions/:version',
    tag: 'policy',
    auth: ADMIN,
    summary: 'One saved version with its policy',
    response: policyVersionSchema,
    handler: async ({ params }) => {
      const n = versionNumber.safeParse(params.version);
      const v = n.success ? await versions.get(n.data) : undefined;
      if (!v) throw notFound('The policy version');
      return { body: v };
    },
  });

  api.route({
    method: 'get',
    path: '/policy/diff',
    tag: 'policy',
    auth: ADMIN,
    summary: 'What changed from one version to another, path by path (default: the newest against the one before)',
    errors: [404],
    query: z.object({ from: versionNumber.optional(), to: versionNumber.optional() }).strict(),
    response: z
      .object({ from: z.number().int(), to: z.number().int(), changes: z.array(changeSchema) })
      .openapi('PolicyDiff'),
    handler: async ({ query }) => {
      const to = query.to ?? (await versions.newest()).version;
      const from = query.from ?? Math.max(1, to - 1);
      const [a, b] = await Promise.all([versions.get(from), versions.get(to)]);
      if (!a || !b) throw notFound(`Policy version ${!a ? from : to}`);
      return { body: { from, to, changes: diffPolicies(a.policy, b.policy) } };
    },
  });

  api.route({
    method: 'put',
    path: '/policy',
    tag: 'policy',
    auth: ADMIN,
    status: 201,
    errors: [409],
    summary:
      'Saves a new version (validated as a whole; 400 names each invalid path and saves nothing); new cases take it',
    body: z
      .object({
        policy: policyComponent,
        reason: z.string().trim().min(1, 'Say why the rules change').max(2000),
        /** The version the change was prepared against: 409 when another was saved since. */
        baseVersion: z.number().int().min(1).optional(),
      })
      .strict(),
    response: policyVersionSchema,
    handler: async ({ user, body }) => {
      await versions.newest(); // version 1 exists before the first save
      const saved = await db.transaction().execute(async (tx) => {
        const r = await versions.save(tx, {
          policy: body.policy as Policy,
          reason: body.reason,
          actor: actorOf(user),
          baseVersion: body.baseVersion,
        });
        if ('stale' in r)
          throw conflict(
            'policy_changed_since',
            `Version ${r.stale} was saved after version ${body.baseVersion}: review the rules again`,
          );
        const values = auditValues(r.previous.policy, r.saved.policy);
        await recordAudit(tx, {
          actor: actorOf(user),
          kind: 'policy_changed',
          target: `policy/${r.saved.version}`,
          before: { version: r.previous.version, ...values.before },
          after: { version: r.saved.version, ...values.after },
          reason: body.reason,
        });
        return r.saved;
      });
      // Running cases keep their rules but follow the organisation (mailboxes, address, holidays).
      void tellRunningCasesOrganisationSettings({
        client: temporal,
        db,
        policy: async () => (await versions.newest()).policy,
      }).catch((err: unknown) =>
        logger.warn({ err }, 'organisation settings not told to running cases after a policy save'),
      );
      return { status: 201, body: saved };
    },
  });
}
