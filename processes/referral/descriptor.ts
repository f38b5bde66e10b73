/**
 * The volunteer-referral process declared for the platform (docs/processes/mentor-referral.md): a volunteer
 * referred to ranked programs, offers that pass on, outcomes reported. Pure data: loaded
 * by workflow code and the API alike.
 */
import { z } from 'zod';
import { defineProcess } from '../../platform/workflow/process-descriptor';
import * as inputs from './inputs';
import { placeReferralData } from './inputs';
import { REFERRAL_TASK_POLICY_DEFAULTS, referralPolicySection } from './policy';
import { REFERRAL_VIEWS, referralReader } from './read-views';

const noData = () => z.object({}).strict();

export const referralProcess = defineProcess({
  name: 'referral',
  caseTypes: {
    mentor_referral: {
      taskTypes: ['contact_volunteer', 'report_outcome', 'place_referral'],
      supervisingRoles: [{ role: 'admin' }, { role: 'partnership_coordinator' }],
      taskReportRoles: [{ role: 'partnership_coordinator' }],
      readViews: REFERRAL_VIEWS,
      readerKind: referralReader,
    },
  },
  tasks: {
    contact_volunteer: { candidateRoles: ['program_staff'], data: noData },
    report_outcome: { candidateRoles: ['program_staff'], data: noData },
    // The coordinator's hand-picked programs (required with the outcome `referred`).
    place_referral: { candidateRoles: ['partnership_coordinator'], data: () => placeReferralData },
  },
  taskPolicy: REFERRAL_TASK_POLICY_DEFAULTS,
  policySection: referralPolicySection,
  schemaModules: [inputs],
  workflows: ['mentorReferralWorkflow'],
  routes: 'api',
});
