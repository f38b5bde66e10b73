/**
 * The wellness check-in process declared for the platform (docs/processes/wellness-check-ins.md): a youth referred
 * for a few calls by a screened caller, follow-ups on what the calls find. Youth data: never
 * shown to admin, lateness goes to the partnership's coordinators. Pure data: loaded by
 * workflow code and the API alike. (Its callers are screened by the foster process's
 * caller screening; it also opens the foster process's `safety_review` task.)
 */
import { z } from 'zod';
import { defineProcess } from '../../platform/workflow/process-descriptor';
import { wellnessEmail } from './email-messages';
import * as inputs from './inputs';
import { assignCallerData, confirmContactData, wellnessCallData, WELLNESS_REFERRER_ROLES } from './inputs';
import { WELLNESS_TASK_POLICY_DEFAULTS, wellnessPolicySection } from './policy';
import { WELLNESS_VIEWS, wellnessReader } from './read-views';

const noData = () => z.object({}).strict();
const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);
const COORDINATOR = 'partnership_coordinator';
import { wellnessDetails } from './details';

export const wellnessProcess = defineProcess({
  name: 'wellness',
  emails: wellnessEmail,
  // The roles its people hold (the admins' is the platform's); a scoped one only within its claim.
  roles: {
    case_worker: {},
    case_supervisor: {},
    social_worker: {},
    partnership_coordinator: {},
    caller: {},
    school_counselor: {},
  },
  caseTypes: {
    wellness_checkin: {
      details: wellnessDetails,
      taskTypes: [
        'assign_caller',
        'wellness_call',
        'confirm_contact',
        'resource_referral',
        'safety_review',
        'extend_or_close',
      ],
      youthData: { escalateInsteadOfAdmin: COORDINATOR },
      supervisingRoles: [{ role: COORDINATOR }],
      namedParties: [
        { party: 'referrer', roles: WELLNESS_REFERRER_ROLES, id: (f) => obj(f.referrer)?.id },
        { party: 'caller', roles: ['caller'], id: (f) => obj(f.caller)?.userId },
      ],
      readViews: WELLNESS_VIEWS,
      readerKind: wellnessReader,
      // Case supervisors read every youth record, a wellness check-in too.
      listedToRoles: ['case_supervisor'],
      sensitiveTaskAnswers: true,
    },
  },
  tasks: {
    assign_caller: { candidateRoles: [COORDINATOR], data: () => assignCallerData },
    wellness_call: { candidateRoles: ['caller'], data: () => wellnessCallData },
    confirm_contact: { candidateRoles: ['referrer'], data: () => confirmContactData },
    resource_referral: { candidateRoles: [COORDINATOR], data: noData },
    extend_or_close: { candidateRoles: ['caller'], data: noData },
  },
  taskPolicy: WELLNESS_TASK_POLICY_DEFAULTS,
  policySection: wellnessPolicySection,
  schemaModules: [inputs],
  workflows: ['wellnessCheckinWorkflow'],
  routes: 'api',
  // The refusal codes only this process gives, with the HTTP status the API answers.
  refusals: {
    caller_language_mismatch: 422,
    caller_not_available: 422,
  },
});
