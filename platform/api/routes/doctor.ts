/**
 * The doctor for administrators (docs/running-cases.md, "Doctor"): what is inconsistent
 * between Temporal and the read model, and the repairs made from the records. The same
 * checks and repairs as `npm run doctor` (lib/doctor). Findings name cases by id and type
 * only, as incidents do.
 */
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Db } from '../../../db';
import { diagnose } from '../../../lib/doctor/diagnose';
import { FINDING_KINDS, repairable } from '../../../lib/doctor/findings';
import { repairFindings } from '../../../lib/doctor/repair';
import { auditActor, recordAudit } from '../audit';
import type { ApiBuilder } from '../http';

const findingSchema = z
  .object({
    kind: z.enum(FINDING_KINDS),
    caseId: z.string(),
    caseType: z.string(),
    workflowId: z.string(),
    workflowStatus: z.string().openapi({ description: "Temporal's status of the workflow's latest run, or NOT_FOUND" }),
    caseStatus: z.string(),
    stage: z.string(),
    openTasks: z.number().int(),
    taskId: z.string().optional(),
    incidentSince: z.string().optional(),
    problem: z.string(),
    repair: z.string().nullable().openapi({ description: 'What a repair does; null when it is left to a person' }),
    case: z.string(),
  })
  .openapi('DoctorFinding');

const reportSchema = {
  findings: z.array(findingSchema),
  repairable: z.number().int(),
  checked: z.object({
    openCases: z.number().int(),
    closedCasesWithOpenTasks: z.number().int(),
    incidents: z.number().int(),
    overdueTasks: z.number().int(),
  }),
  unchecked: z.array(z.object({ caseId: z.string(), workflowId: z.string(), why: z.string() })),
  complete: z.boolean().openapi({
    description: 'False when the scan stopped at `limit` findings: repair, then look again',
  }),
};

const outcomeSchema = z
  .object({
    kind: z.enum(FINDING_KINDS),
    caseId: z.string(),
    workflowId: z.string(),
    repaired: z.boolean(),
    did: z.string(),
  })
  .openapi('DoctorRepair');

const doctorQuery = z.object({ limit: z.coerce.number().int().min(1).max(5000).default(1000) });

export function registerDoctorRoutes(api: ApiBuilder, db: Db, temporal: Client): void {
  const look = async (limit: number) => {
    const report = await diagnose(db, temporal, { maxFindings: limit });
    return {
      ...report,
      findings: report.findings.map((f) => ({ ...f, case: `/api/v1/cases/${f.caseId}` })),
      repairable: report.findings.filter(repairable).length,
    };
  };

  api.route({
    method: 'get',
    path: '/admin/doctor',
    tag: 'operations',
    auth: ['admin'],
    summary: 'What is inconsistent between Temporal and the read model, with the repair available for each',
    query: doctorQuery,
    response: z.object(reportSchema).openapi('DoctorReport'),
    handler: async ({ query }) => ({ body: await look(query.limit) }),
  });

  api.route({
    method: 'post',
    path: '/admin/doctor/repair',
    tag: 'operations',
    auth: ['admin'],
    summary: 'Looks again and applies every repair available; answers what it found and what it repaired',
    query: doctorQuery,
    response: z
      .object({ ...reportSchema, repairs: z.array(outcomeSchema), repaired: z.number().int() })
      .openapi('DoctorRepairReport'),
    handler: async ({ query, user }) => {
      const report = await look(query.limit);
      const by = { id: user.sub, ...(user.name ? { name: user.name } : {}) };
      const repairs = await repairFindings(db, temporal, report.findings, by);
      const repaired = repairs.filter((r) => r.repaired);
      await recordAudit(db, {
        actor: auditActor(user),
        kind: 'doctor_repaired',
        target: 'doctor',
        before: { findings: report.findings.length, repairable: report.repairable },
        after: { repaired: repaired.length, cases: repaired.map((r) => r.caseId) },
      });
      return { body: { ...report, repairs, repaired: repairs.filter((r) => r.repaired).length } };
    },
  });
}
