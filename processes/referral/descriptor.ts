/**
 * The volunteer-referral process declared for the platform (docs/processes/mentor-referral.md): a volunteer
 * referred to ranked programs, offers that pass on, outcomes reported. Pure data: loaded
 * by workflow code and the API alike.
 */
import { z } from 'zod';
import { defineProcess } from '../../platform/workflow/process-descriptor';
import { referralEmail } from './email-messages';
import * as inputs from './inputs';
import { placeReferralData } from './inputs';
import { REFERRAL_TASK_POLICY_DEFAULTS, referralPolicySection } from './policy';
import { REFERRAL_VIEWS, referralReader } from './read-views';

const noData = () => z.object({}).strict();
import { referralDetails } from './details';

export const referralProcess = defineProcess({
  name: 'referral',
  emails: referralEmail,
  // The roles its people hold (the admins' is the platform's); a scoped one only within its claim.
  roles: {
    program_staff: { scopedBy: 'programId' },
    partnership_coordinator: {},
  },
  caseTypes: {
    mentor_referral: {
      details: referralDetails,
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
  oneTimeLinkPaths: ['/referrals/withdraw/', '/referrals/confirm/'],
  // The default mailboxes (policy `mailboxes`) of the roles its tasks go to.
  mailboxes: {
    partnership_coordinator: 'partnership@mentorflow.local',
  },
  // The refusal codes only this process gives, with the HTTP status the API answers.
  refusals: {
    no_consent: 422,
    program_not_eligible: 422,
    address_unconfirmed: 422,
  },
  activities: { cases: ['findReferralPrograms', 'findPlaceablePrograms'], mail: ['sendReferralConfirmation'] },
});
