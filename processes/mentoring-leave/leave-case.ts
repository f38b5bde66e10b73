/**
 * What every part of a mentoring-leave case's workflow shares: its state (new, or carried
 * over a continue-as-new), the case runtime that records it with the leave ledger at every
 * change, the year's cap and the e-mail to the employee. The workflow (workflow.ts) opens it
 * once and hands it to each part.
 */
import type { EmailTemplateRef } from '../../platform/emails/messages';
import { roleToken, userToken } from '../../platform/workflow/access';
import { CaseRuntime, newCase } from '../../platform/workflow/case-runtime';
import type { Policy } from '../../platform/workflow/policy';
import type { TemplatedEmail } from '../../platform/workflow/records';
import { leaveLedgerProjection } from './projection';
import { computeLedger } from './rules';
import type { MentoringLeaveInput, MentoringLeaveState } from './types';

export interface LeaveCase {
  input: MentoringLeaveInput;
  policy: Policy;
  /** The year's cap of leave hours (policy). */
  cap: number;
  state: MentoringLeaveState;
  /** The enrollment (state.enrollment): the employee, their supervisor, the program, the year. */
  e: MentoringLeaveState['enrollment'];
  rt: CaseRuntime<MentoringLeaveState>;
  /** An e-mail to the employee, linking to the case. */
  tellEmployee: (key: string, message: EmailTemplateRef) => TemplatedEmail;
}

function initialState(input: MentoringLeaveInput): MentoringLeaveState {
  const e = input.enrollment;
  return {
    ...newCase({
      caseId: input.caseId,
      type: 'mentoring_leave',
      stage: 'eligibility_review',
      subject: `Mentoring leave ${e.year}: ${e.employee.name}`,
      viewers: [
        userToken(e.employee.id),
        userToken(e.supervisor.id),
        roleToken('hr_officer', { department: e.employee.department }),
        roleToken('org_coordinator', { programId: e.program.programId }),
      ],
      ownerId: e.employee.id,
      // Nobody acts on their own case: the employee approves none of its steps.
      parties: { ids: [e.employee.id], emails: [e.employee.email] },
      department: e.employee.department,
      programId: e.program.programId,
    }),
    enrollment: e,
    personalTime: [],
    requests: [],
    lapsedHours: 0,
  };
}

/** The case's state and runtime: a new enrollment's, or the one carried over a continue-as-new. */
export function openLeaveCase(input: MentoringLeaveInput): LeaveCase {
  const policy = input.policy;
  const cap = policy.mentoringLeave.annualCapHours;
  const state = input.state ?? initialState(input);
  const e = state.enrollment;
  const rt = new CaseRuntime(
    state,
    policy,
    (s) => ({
      enrollment: s.enrollment,
      ledger: computeLedger(s, cap),
      personalTime: s.personalTime,
      requests: s.requests,
      lapsedHours: s.lapsedHours,
    }),
    (s) => {
      const ledger = computeLedger(s, cap);
      return {
        projections: [
          leaveLedgerProjection({
            caseId: s.caseId,
            employeeId: e.employee.id,
            department: e.employee.department,
            lapsedHours: s.lapsedHours,
            ...ledger,
          }),
        ],
      };
    },
  );
  const employeeLink = rt.caseLink();
  const tellEmployee = (key: string, message: EmailTemplateRef) =>
    rt.email(key, [e.employee.email], message, employeeLink);
  return { input, policy, cap, state, e, rt, tellEmployee };
}
