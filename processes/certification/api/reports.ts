/**
 * The certification pipeline report (this product's own shape): open cases by stage,
 * programs by level, certificates ending within 90 days.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../../db';
import type { ApiBuilder } from '../../../platform/api/http';

export function registerCertificationReportRoutes(api: ApiBuilder, db: Db): void {
  api.route({
    method: 'get',
    path: '/certifications/reports/pipeline',
    tag: 'reports',
    auth: ['quality_reviewer', 'review_lead', 'admin'],
    summary: 'The certification pipeline: open cases by stage, programs by level, certificates ending within 90 days',
    response: z.object({
      openByStage: z.array(z.object({ stage: z.string(), cases: z.number() })),
      programsByLevel: z.array(z.object({ level: z.string(), programs: z.number() })),
      endingSoon: z.array(
        z.object({ programId: z.string(), name: z.string(), level: z.string(), certifiedUntil: z.string() }),
      ),
    }),
    handler: async () => {
      const stages = await db
        .selectFrom('cases')
        .select(['stage', sql<number>`count(*)::int`.as('n')])
        .where('type', '=', 'certification')
        .where('status', '=', 'open')
        .groupBy('stage')
        .execute();
      const levels = await db
        .selectFrom('programs')
        .select(['level', sql<number>`count(*)::int`.as('n')])
        .groupBy('level')
        .execute();
      const soon = await db
        .selectFrom('programs')
        .select(['id', 'name', 'level', 'certified_until'])
        .where('certified_until', 'is not', null)
        .where(sql<boolean>`certified_until::date BETWEEN current_date AND current_date + 90`)
        .orderBy('certified_until')
        .limit(50)
        .execute();
      const order = ['application_review', 'self_assessment', 'review', 'work_plan'];
      const levelOrder = ['none', 'affiliate', 'associate_partner', 'partner'];
      return {
        body: {
          openByStage: stages
            .map((s) => ({ stage: s.stage, cases: s.n }))
            .sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage)),
          programsByLevel: levels
            .map((l) => ({ level: l.level, programs: l.n }))
            .sort((a, b) => levelOrder.indexOf(a.level) - levelOrder.indexOf(b.level)),
          endingSoon: soon.map((p) => ({
            programId: p.id,
            name: p.name,
            level: p.level,
            certifiedUntil: String(p.certified_until).slice(0, 10),
          })),
        },
      };
    },
  });
}
