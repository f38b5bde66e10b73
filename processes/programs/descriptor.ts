/**
 * The program registry declared for the platform: each program of the directory is a
 * long-running record (its level, its certificate's expiry), not a case with tasks.
 * Pure data: loaded by workflow code and the API alike.
 */
import { defineProcess } from '../../platform/workflow/process-descriptor';

export const programsProcess = defineProcess({
  name: 'programs',
  caseTypes: {},
  tasks: {},
  taskPolicy: {},
  policySection: undefined,
  schemaModules: [],
  workflows: ['programRecordWorkflow'],
  routes: 'api',
  projectionKinds: ['program', 'program_level'],
});
