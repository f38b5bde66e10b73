/**
 * The mentoring-leave process declared for the platform (docs/processes/mentoring-leave.md): an employee's
 * enrollment for a leave year, personal time verified by a coordinator, leave requests
 * approved by the supervisor and HR. Pure data: loaded by workflow code and the API alike.
 */
import { z } from 'zod';
import { person } from '../../platform/workflow/input';
import { defineProcess } from '../../platform/workflow/process-descriptor';
import { leaveEmail } from './email-messages';
import * as inputs from './inputs';
import { LEAVE_TASK_POLICY_DEFAULTS, leavePolicySection } from './policy';

const noData = () => z.object({}).strict();
const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);
import { mentoringLeaveDetails } from './details';

export const mentoringLeaveProcess = defineProcess({
  name: 'mentoring-leave',
  emails: leaveEmail,
  // The roles its people hold (the admins' is the platform's); a scoped one only within its claim.
  roles: {
    employee: {},
    supervisor: { scopedBy: 'department' },
    hr_officer: { scopedBy: 'department' },
    org_coordinator: { scopedBy: 'programId' },
  },
  caseTypes: {
    mentoring_leave: {
      details: mentoringLeaveDetails,
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
  // The default mailboxes (policy `mailboxes`) of the roles its tasks go to.
  mailboxes: {
    hr_officer: 'hr@mentorflow.local',
    org_coordinator: 'coordinators@mentorflow.local',
  },
  // The refusal codes only this process gives, with the HTTP status the API answers.
  refusals: {
    request_not_found: 404,
    request_not_pending: 409,
    enrollment_exists: 409,
    invalid_supervisor: 422,
    enrollment_not_active: 422,
    outside_leave_year: 422,
    personal_time_in_future: 422,
    invalid_hours: 422,
    insufficient_matching_hours: 422,
    exceeds_annual_cap: 422,
    travel_not_allowed: 422,
    ineligible_bargaining_unit: 422,
    ineligible_appointment: 422,
    program_not_certified: 422,
    commitment_too_short: 422,
    department_required: 422,
    period_in_future: 422,
  },
  projectionKinds: ['leave_ledger'],
  legacyProjectionFields: { ledger: 'leave_ledger' },
});
