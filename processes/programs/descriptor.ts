/**
 * The program registry declared for the platform: each program of the directory is a
 * long-running record (its level, its certificate's expiry), not a case with tasks.
 * Pure data: loaded by workflow code and the API alike.
 */
import { defineProcess } from '../../platform/workflow/process-descriptor';
import { programsEmail } from './email-messages';

export const programsProcess = defineProcess({
  name: 'programs',
  emails: programsEmail,
  // The roles its people hold (the admins' is the platform's); a scoped one only within its claim.
  roles: {
    program_staff: { scopedBy: 'programId' },
    quality_reviewer: {},
    review_lead: {},
  },
  caseTypes: {},
  tasks: {},
  taskPolicy: {},
  policySection: undefined,
  schemaModules: [],
  workflows: ['programRecordWorkflow'],
  routes: 'api',
  projectionKinds: ['program', 'program_level'],
  legacyProjectionFields: { program: 'program', programLevel: 'program_level' },
});
