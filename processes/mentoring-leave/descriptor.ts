/**
 * The mentoring-leave process declared for the platform (docs/processes/mentoring-leave.md): an employee's
 * enrollment for a leave year, personal time verified by a coordinator, leave requests
 * approved by the supervisor and HR. Pure data: loaded by workflow code and the API alike.
 */
import { z } from 'zod';
import { person } from '../../platform/workflow/input';
import { defineProcess } from '../../platform/workflow/process-descriptor';
import * as inputs from './inputs';
import { LEAVE_TASK_POLICY_DEFAULTS, leavePolicySection } from './policy';

const noData = () => z.object({}).strict();
const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);

export const mentoringLeaveProcess = defineProcess({
  name: 'mentoring-leave',
  caseTypes: {
    mentoring_leave: {
      taskTypes: ['eligibility_review', 'verify_personal_hours', 'supervisor_approval', 'hr_approval'],
      // The department's HR officers hand its tasks over (and admins).
      supervisingRoles: [{ role: 'admin' }, { role: 'hr_officer', scopedBy: 'department' }],
      taskReportRoles: [{ role: 'hr_officer', scopedBy: 'department' }],
      namedParties: [{ party: 'supervisor', roles: ['supervisor'], id: (f) => obj(obj(f.enrollment)?.supervisor)?.id }],
      partiesBeforeRecorded: (c) => (c.ownerId ? { ids: [c.ownerId] } : undefined),
    },
  },
  tasks: {
    // HR confirms the supervisor named at enrollment, or corrects it here.
    eligibility_review: {
      candidateRoles: ['hr_officer'],
      data: () => z.object({ supervisor: person.optional() }).strict(),
    },
    verify_personal_hours: { candidateRoles: ['org_coordinator'], data: noData },
    supervisor_approval: { candidateRoles: ['supervisor'], data: noData },
    hr_approval: { candidateRoles: ['hr_officer'], data: noData },
  },
  taskPolicy: LEAVE_TASK_POLICY_DEFAULTS,
  policySection: leavePolicySection,
  schemaModules: [inputs],
  workflows: ['mentoringLeaveWorkflow'],
  routes: 'api',
  projectionKinds: ['leave_ledger'],
});
