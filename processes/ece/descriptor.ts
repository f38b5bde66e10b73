/**
 * The early-childhood (ECE) process declared for the platform (docs/processes/early-childhood.md): a mentor's
 * certification by a college's selection committee, and placements of students with
 * certified mentors. Pure data: loaded by workflow code and the API alike.
 */
import { z } from 'zod';
import { defineProcess, type SupervisingRole } from '../../platform/workflow/process-descriptor';
import { eceEmail } from './email-messages';
import * as inputs from './inputs';
import { evaluationData } from './inputs';
import { ECE_TASK_POLICY_DEFAULTS, ecePolicySection } from './policy';

const noData = () => z.object({}).strict();
const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);
/** The college's own coordinators supervise its cases. */
const COLLEGE_COORDINATOR: SupervisingRole[] = [{ role: 'college_coordinator', scopedBy: 'collegeId' }];
import { eceCertificationDetails, ecePlacementDetails } from './details';

export const eceProcess = defineProcess({
  name: 'ece',
  emails: eceEmail,
  // The roles its people hold (the admins' is the platform's); a scoped one only within its claim.
  roles: {
    college_coordinator: { scopedBy: 'collegeId' },
    selection_committee: { scopedBy: 'collegeId' },
    ece_mentor: {},
    ece_student: {},
  },
  caseTypes: {
    ece_certification: {
      details: eceCertificationDetails,
      taskTypes: ['committee_vote'],
      supervisingRoles: COLLEGE_COORDINATOR,
    },
    ece_placement: {
      details: ecePlacementDetails,
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
  // The default mailboxes (policy `mailboxes`) of the roles its tasks go to.
  mailboxes: {
    college_coordinator: 'ece-coordinators@mentorflow.local',
    selection_committee: 'ece-committee@mentorflow.local',
  },
  // The refusal codes only this process gives, with the HTTP status the API answers.
  refusals: {
    placement_not_active: 409,
    mentor_not_certified: 422,
    mentor_kind_mismatch: 422,
    mentor_at_capacity: 422,
  },
});
