/**
 * The certification process declared for the platform (docs/processes/certification.md): a program's
 * application, self-assessment reviewed by quality reviewers, and its work plan. Pure
 * data: loaded by workflow code and the API alike.
 */
import { z } from 'zod';
import { text } from '../../platform/workflow/input';
import { defineProcess } from '../../platform/workflow/process-descriptor';
import { certificationEmail } from './email-messages';
import * as inputs from './inputs';
import { workPlanItemInput } from './inputs';
import { CERTIFICATION_TASK_POLICY_DEFAULTS, certificationPolicySection } from './policy';
import * as questions from './questions';
import { STANDARDS } from './questions';

const noData = () => z.object({}).strict();
const REVIEWERS = ['quality_reviewer'];
import { certificationDetails } from './details';

export const certificationProcess = defineProcess({
  name: 'certification',
  emails: certificationEmail,
  // The roles its people hold (the admins' is the platform's); a scoped one only within its claim.
  roles: {
    program_staff: { scopedBy: 'programId' },
    quality_reviewer: {},
    review_lead: {},
  },
  caseTypes: {
    certification: {
      details: certificationDetails,
      taskTypes: ['application_review', 'assessment_review', 'work_plan_verification'],
      supervisingRoles: [{ role: 'admin' }, { role: 'review_lead' }],
      taskReportRoles: [{ role: 'review_lead' }],
      // A reviewer or review lead of the program under review has a conflict of interest.
      programConflictRoles: ['quality_reviewer', 'review_lead'],
      // The program under review is the party of cases recorded before parties were.
      partiesBeforeRecorded: (c) => (c.programId ? { ids: [], programId: c.programId } : undefined),
    },
  },
  tasks: {
    application_review: { candidateRoles: REVIEWERS, data: noData },
    assessment_review: {
      candidateRoles: REVIEWERS,
      data: (b) =>
        z
          .object({
            findings: z.record(z.enum(STANDARDS), text(5000)).optional(),
            items: z.array(workPlanItemInput(b)).min(1).max(50).optional(),
          })
          .strict(),
    },
    work_plan_verification: { candidateRoles: REVIEWERS, data: noData },
  },
  taskPolicy: CERTIFICATION_TASK_POLICY_DEFAULTS,
  policySection: certificationPolicySection,
  schemaModules: [inputs, questions],
  workflows: ['certificationWorkflow'],
  routes: 'api',
  // The default mailboxes (policy `mailboxes`) of the roles its tasks go to.
  mailboxes: {
    quality_reviewer: 'quality-review@mentorflow.local',
    review_lead: 'review-lead@mentorflow.local',
  },
  // The refusal codes only this process gives, with the HTTP status the API answers.
  refusals: {
    work_plan_item_not_found: 404,
    work_plan_item_not_open: 409,
    assessment_closed: 409,
    work_plan_closed: 409,
    certification_open: 409,
    invalid_work_plan: 422,
    unknown_question: 422,
    assessment_incomplete: 422,
    not_eligible_for_partner: 422,
  },
});
