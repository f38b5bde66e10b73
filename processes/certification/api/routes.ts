/** Certification of mentoring programs (docs/api-guide.md): applications, self-assessment, work plans. */
import { z, type ZodTypeAny } from 'zod';
import { monthsBetween } from '../../../platform/workflow/calendar';
import { businessCalendarOf } from '../../../platform/workflow/jurisdiction';
import { completeWorkPlanItemUpdate, saveAssessmentUpdate, submitAssessmentUpdate } from '../messages';
import { STANDARDS } from '../questions';
import { MAX_QUESTIONS } from '../question-bank';
import { loadBank } from './question-banks';
import { IN_PROGRESS_STAGES, type CertificationInput } from '../types';
import { answerInput, evidenceInput } from '../inputs';
import { certificationWorkflow, certificationWorkflowId } from '../workflow';
import { actorOf, type User } from '../../../platform/api/auth';
import { programStaff } from '../../programs/staff';
import { conflict, forbidden, notFound, unprocessable } from '../../../platform/api/errors';
import type { Ctx, RouteSpec } from '../../../platform/api/http';
import type { RouteContext } from '../../../platform/api/process-routes';
import { updateCase } from '../../../platform/api/updates';
import { caseDetailRoute } from '../../../platform/api/routes/cases';
import { startCase } from '../../../platform/api/start-case';
import { caseSchema } from '../../../platform/api/schemas';
import { caseWithDetails, loadVisibleCase, type CaseRow } from '../../../platform/api/views';

const answerSchema = answerInput;
const workPlanItemSchema = z
  .object({
    id: z.string(),
    standard: z.enum(STANDARDS),
    description: z.string(),
    dueDate: z.string(),
    status: z.enum(['open', 'submitted', 'verified', 'rejected']),
    evidence: z.string().optional(),
  })
  .openapi('WorkPlanItem');
const certificationSchema = caseSchema
  .extend({
    programId: z.string(),
    levelSought: z.enum(['affiliate', 'partner']),
    /** The version of the question bank this case's self-assessment asks (GET /certifications/questions?version=). */
    questionBankVersion: z.number().int(),
    selfAssessment: z.object({ answers: z.array(answerSchema), submittedAt: z.string().optional() }),
    workPlan: z.array(workPlanItemSchema),
    deadline: z.string().optional(),
    certifiedUntil: z.string().optional(),
  })
  .openapi('Certification');

/** Program staff act for their own program only (admins for any): who-may-act's rule. */
function staffOf(user: User, programId: string | null): boolean {
  return !programStaff(actorOf(user), programId);
}

export function registerCertificationRoutes({ api, db, temporal, policies, taskQueue }: RouteContext): void {
  async function ownCase(user: User, caseId: string): Promise<CaseRow> {
    const c = await loadVisibleCase(db, user, caseId, 'certification');
    if (!staffOf(user, c.program_id)) throw forbidden("Only the program's own staff may do this");
    return c;
  }

  /** A route of the program's own staff on its certification case: the case loaded and checked, then `act`. */
  function staffRoute<B extends ZodTypeAny = z.ZodUndefined>(
    spec: Pick<RouteSpec<B, z.ZodUndefined>, 'method' | 'path' | 'summary' | 'body' | 'response'>,
    act: (c: CaseRow, ctx: Ctx<z.infer<B>, undefined>) => Promise<unknown>,
  ): void {
    api.route<B>({
      ...spec,
      tag: 'certification',
      auth: ['program_staff', 'admin'],
      errors: [404, 409, 422],
      handler: async (ctx) => ({ body: await act(await ownCase(ctx.user, ctx.params.caseId), ctx) }),
    });
  }

  api.route({
    method: 'post',
    path: '/programs/:programId/certifications',
    tag: 'certification',
    auth: ['program_staff', 'admin'],
    summary: 'Applies for Affiliate or Partner certification; a quality reviewer reviews the application',
    body: z.object({ level: z.enum(['affiliate', 'partner']) }).strict(),
    response: certificationSchema,
    status: 201,
    idempotent: true,
    errors: [404, 409, 422],
    handler: async ({ user, params, body, newId }) => {
      const p = await db.selectFrom('programs').selectAll().where('id', '=', params.programId).executeTakeFirst();
      if (!p) throw notFound('The program');
      if (!staffOf(user, p.id)) throw forbidden("Only the program's own staff may apply");
      // A retried request (same Idempotency-Key) whose case already exists gets that case.
      const caseId = newId();
      const done = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
      if (done) return { body: await caseWithDetails(db, done) };
      const policy = await policies.current();
      if (body.level === 'partner') {
        // 12 months in operation, and long enough for one cycle of its minimum match length.
        const months = monthsBetween(p.started_on, businessCalendarOf(policy).date(Date.now()));
        const needed = Math.max(policy.certification.minimumMonthsInOperation, p.minimum_match_months);
        if (months < needed) {
          throw unprocessable(
            'not_eligible_for_partner',
            `A Partner program must have operated at least ${needed} months (one full match cycle); this one has operated ${Math.max(0, months)}`,
          );
        }
      }
      const existing = await db
        .selectFrom('cases')
        .select(['id', 'stage'])
        .where('type', '=', 'certification')
        .where('program_id', '=', p.id)
        .execute();
      if (existing.some((c) => IN_PROGRESS_STAGES.includes(c.stage)))
        throw conflict('certification_open', 'The program already has a certification case in progress');
      // The case keeps the newest bank as it is now: a version published later applies to later cases.
      const bank = (await loadBank(db))!;
      const input: CertificationInput = {
        caseId,
        questionBank: { version: bank.version, questions: bank.questions },
        levelSought: body.level,
        policy,
        appliedBy: actorOf(user),
        program: {
          id: p.id,
          name: p.name,
          contactEmail: p.contact_email,
          levelAtApplication: p.level as CertificationInput['program']['levelAtApplication'],
          certifiedUntilAtApplication: p.certified_until,
        },
      };
      const created = await startCase(temporal, db, {
        workflow: certificationWorkflow,
        taskQueue,
        args: [input],
        caseId,
        caseType: 'certification',
        // The n-th cycle of this program: two applications racing for the same n get one case.
        workflowId: certificationWorkflowId(p.id, existing.length + 1),
        duplicate: () => conflict('certification_open', 'The program already has a certification case in progress'),
      });
      return { body: created };
    },
  });

  caseDetailRoute(api, db, {
    path: '/certifications',
    type: 'certification',
    tag: 'certification',
    response: certificationSchema,
    summary: 'A certification case with its self-assessment, work plan, deadline and certificate',
  });

  staffRoute(
    {
      method: 'put',
      path: '/certifications/:caseId/self-assessment',
      summary: 'Saves draft answers (may repeat; later answers replace earlier ones per question)',
      body: z.object({ answers: z.array(answerSchema).max(MAX_QUESTIONS * 2) }).strict(),
    },
    async (c, { user, body }) => {
      return updateCase(temporal, c, saveAssessmentUpdate, { arg: { answers: body.answers }, as: user });
    },
  );

  staffRoute(
    {
      method: 'post',
      path: '/certifications/:caseId/self-assessment/submit',
      summary: 'Submits the self-assessment for review (every question must be answered)',
      response: certificationSchema,
    },
    async (c, { user }) => {
      await updateCase(temporal, c, submitAssessmentUpdate, { as: user });
      return caseWithDetails(db, await loadVisibleCase(db, user, c.id, 'certification'), user);
    },
  );

  staffRoute(
    {
      method: 'post',
      path: '/certifications/:caseId/work-plan/:itemId/complete',
      summary: 'Completes a work-plan item with evidence; the reviewer verifies it',
      body: evidenceInput,
      response: workPlanItemSchema,
    },
    async (c, { user, params, body }) =>
      updateCase(temporal, c, completeWorkPlanItemUpdate, {
        arg: { itemId: params.itemId, evidence: body.evidence },
        as: user,
      }),
  );
}
