/**
 * The directory as volunteers and the referral use it: each program's referral
 * settings (PUT /programs/:programId/referrals, that program's staff or an admin), the
 * directory's filters (county, virtual, language, youth age, accepting referrals), and
 * what happens to open referrals when a program drops below Affiliate: each referral case
 * holding an offer to it is told at once, and passes the offer to its next program.
 */
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../../db';
import { referralSettingsInput } from '../inputs';
import { programUnavailableSignal } from '../messages';
import { programStaff } from '../../programs/staff';
import { line } from '../../../platform/workflow/input';
import { actorOf } from '../../../platform/api/auth';
import { auditActor, recordAudit } from '../../../platform/api/audit';
import { notFound, problemFromRefusal } from '../../../platform/api/errors';
import type { ApiBuilder } from '../../../platform/api/http';
import { programDto, programSchema } from '../../programs/api/program-view';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** The directory's filters, as query parameters of GET /programs. */
export const directoryFilters = {
  county: line(100).optional(),
  virtual: flag.optional(),
  language: line(100).optional(),
  youthAge: z.coerce.number().int().min(5).max(24).optional(),
  accepting: flag.optional(),
};
type Filters = { county?: string; virtual?: boolean; language?: string; youthAge?: number; accepting?: boolean };

/** Programs with their referral settings (absent: not accepting). */
export function withSettings(db: Db) {
  return db
    .selectFrom('programs')
    .leftJoin('program_referral_settings as s', 's.program_id', 'programs.id')
    .selectAll('programs')
    .select(['s.accepting', 's.counties', 's.virtual', 's.languages', 's.youth_min', 's.youth_max']);
}

type WithSettings = ReturnType<typeof withSettings>;

export function filtered(qb: WithSettings, f: Filters): WithSettings {
  let q = qb;
  // A program serves the counties it named, or its own when it named none.
  if (f.county) {
    q = q.where(sql<boolean>`(lower(${f.county}) = ANY(SELECT lower(c) FROM unnest(coalesce(s.counties, '{}')) c)
      OR (coalesce(cardinality(s.counties), 0) = 0 AND lower(programs.county) = lower(${f.county})))`);
  }
  if (f.virtual !== undefined) q = q.where(sql<boolean>`coalesce(s.virtual, false) = ${f.virtual}`);
  if (f.language)
    q = q.where(sql<boolean>`lower(${f.language}) = ANY(SELECT lower(l) FROM unnest(coalesce(s.languages, '{}')) l)`);
  if (f.youthAge !== undefined)
    q = q.where(sql<boolean>`s.youth_min <= ${f.youthAge} AND s.youth_max >= ${f.youthAge}`);
  if (f.accepting !== undefined) q = q.where(sql<boolean>`coalesce(s.accepting, false) = ${f.accepting}`);
  return q;
}

/** Tells every referral with an open offer to this program that the program is out. */
export async function moveOpenReferrals(db: Db, temporal: Client, programId: string, reason: string): Promise<number> {
  const rows = await db
    .selectFrom('tasks')
    .select('workflow_id')
    .distinct()
    .where('status', '=', 'open')
    .where('type', 'in', ['contact_volunteer', 'report_outcome'])
    .where(sql<boolean>`scope @> ${JSON.stringify({ programId })}::jsonb`)
    .execute();
  await Promise.all(
    rows.map((r) => temporal.workflow.getHandle(r.workflow_id).signal(programUnavailableSignal, { programId, reason })),
  );
  return rows.length;
}

/** A settings row as the route's body names it (the audit row's before). */
function settingsOf(r: {
  accepting: boolean;
  counties: string[];
  virtual: boolean;
  languages: string[];
  youth_min: number;
  youth_max: number;
}) {
  const { accepting, counties, virtual, languages } = r;
  return { accepting, counties, virtual, languages, youthAges: { min: r.youth_min, max: r.youth_max } };
}

export function registerReferralSettingsRoute(api: ApiBuilder, db: Db): void {
  api.route({
    method: 'put',
    path: '/programs/:programId/referrals',
    tag: 'programs',
    auth: ['program_staff', 'admin'],
    errors: [404],
    summary: "A program's referral settings: accepting, counties served, virtual, languages, youth ages",
    body: referralSettingsInput,
    response: programSchema,
    handler: async ({ user, params, body }) => {
      const p = await db.selectFrom('programs').select('id').where('id', '=', params.programId).executeTakeFirst();
      if (!p || (!user.roles.includes('admin') && user.programId !== p.id)) throw notFound('The program');
      const refusal = programStaff(actorOf(user), p.id);
      if (refusal) throw problemFromRefusal(refusal);
      const values = {
        accepting: body.accepting,
        counties: body.counties,
        virtual: body.virtual,
        languages: body.languages,
        youth_min: body.youthAges.min,
        youth_max: body.youthAges.max,
        updated_by: user.sub,
        updated_at: new Date(),
      };
      const before = await db
        .selectFrom('program_referral_settings')
        .selectAll()
        .where('program_id', '=', p.id)
        .executeTakeFirst();
      await db.transaction().execute(async (trx) => {
        await recordAudit(trx, {
          actor: auditActor(user),
          kind: 'program_referral_settings_changed',
          target: `program:${p.id}`,
          before: before ? settingsOf(before) : null,
          after: body,
        });
        await trx
          .insertInto('program_referral_settings')
          .values({ program_id: p.id, ...values })
          .onConflict((oc) => oc.column('program_id').doUpdateSet(values))
          .execute();
        // In the program's timeline beside its level changes.
        await trx
          .insertInto('timeline')
          .values({
            id: randomUUID(),
            case_id: p.id,
            at: new Date(),
            actor_id: user.sub,
            actor_name: user.name ?? null,
            event: 'referral_settings_changed',
            detail: JSON.stringify(body),
          } as never)
          .execute();
      });
      const row = await withSettings(db).where('programs.id', '=', p.id).executeTakeFirstOrThrow();
      return { body: programDto(row, true) };
    },
  });
}
