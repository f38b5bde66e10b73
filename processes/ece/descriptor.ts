/**
 * The early-childhood (ECE) process declared for the platform (docs/processes/early-childhood.md): a mentor's
 * certification by a college's selection committee, and placements of students with
 * certified mentors. Pure data: loaded by workflow code and the API alike.
 */
import { z } from 'zod';
import { defineProcess, type SupervisingRole } from '../../platform/workflow/process-descriptor';
import * as inputs from './inputs';
import { evaluationData } from './inputs';
import { ECE_TASK_POLICY_DEFAULTS, ecePolicySection } from './policy';

const noData = () => z.object({}).strict();
const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);
/** The college's own coordinators supervise its cases. */
const COLLEGE_COORDINATOR: SupervisingRole[] = [{ role: 'college_coordinator', scopedBy: 'collegeId' }];

export const eceProcess = defineProcess({
  name: 'ece',
  caseTypes: {
    ece_certification: { taskTypes: ['committee_vote'], supervisingRoles: COLLEGE_COORDINATOR },
    ece_placement: {
      taskTypes: ['accept_placement', 'confirm_hours', 'evaluation', 'close_placement'],
      supervisingRoles: COLLEGE_COORDINATOR,
      namedParties: [
        { party: 'mentor', roles: ['ece_mentor'], id: (f) => obj(f.mentor)?.id },
        { party: 'mentee', roles: ['ece_student'], id: (f) => obj(f.mentee)?.id },
      ],
    },
  },
  tasks: {
    committee_vote: { candidateRoles: ['selection_committee'], data: noData },
    accept_placement: { candidateRoles: ['ece_mentor'], data: noData },
    confirm_hours: { candidateRoles: ['ece_mentor'], data: noData },
    evaluation: { candidateRoles: ['ece_mentor', 'ece_student'], data: () => evaluationData },
    close_placement: { candidateRoles: ['college_coordinator'], data: noData },
  },
  taskPolicy: ECE_TASK_POLICY_DEFAULTS,
  policySection: ecePolicySection,
  schemaModules: [inputs],
  workflows: ['eceCertificationWorkflow', 'ecePlacementWorkflow'],
  routes: 'api',
});
