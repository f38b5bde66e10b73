/** The mentoring-leave (HR manual item 2119) case: its input, state and messages' shapes. */
import type { ActingUser, Actor } from '../../platform/workflow/records';
import type { CaseCore } from '../../platform/workflow/case-runtime';
import type { Policy } from '../../platform/workflow/policy';

export type Appointment = 'permanent' | 'probationary_after_permanent' | 'probationary' | 'temporary' | 'limited_term';
export type PersonalTimeKind = 'annual_leave' | 'vacation' | 'personal_holiday' | 'cto' | 'off_duty';

export interface Enrollment {
  year: number;
  employee: {
    id: string;
    name: string;
    email: string;
    department: string;
    bargainingUnit: number | 'excluded';
    appointment: Appointment;
  };
  supervisor: { id: string; name: string; email: string };
  program: { programId: string; name: string };
  commitment: { startDate: string; endDate: string };
}

export interface PersonalTimeEntry {
  id: string;
  date: string;
  hours: number;
  kind: PersonalTimeKind;
  description: string;
  status: 'pending_verification' | 'verified' | 'rejected' | 'expired';
  loggedAt: string;
  verifiedBy?: string;
  verifiedAt?: string;
  reason?: string;
}

export type LeaveRequestStatus = 'pending_supervisor' | 'pending_hr' | 'approved' | 'denied' | 'withdrawn' | 'expired';

export interface LeaveRequest {
  id: string;
  date: string;
  hours: number;
  attestNoTravel: true;
  note?: string;
  status: LeaveRequestStatus;
  requestedAt: string;
  supervisorDecision?: { by: string; at: string; outcome: string; reason?: string };
  hrDecision?: { by: string; at: string; outcome: string; reason?: string };
  closedAt?: string;
}

export interface Ledger {
  year: number;
  cap: number;
  verifiedPersonalHours: number;
  pendingPersonalHours: number;
  approvedLeaveHours: number;
  pendingLeaveHours: number;
  availableLeaveHours: number;
}

export type LeaveStage = 'eligibility_review' | 'active' | 'denied' | 'closed';

export interface MentoringLeaveState extends CaseCore {
  stage: LeaveStage;
  enrollment: Enrollment;
  personalTime: PersonalTimeEntry[];
  requests: LeaveRequest[];
  lapsedHours: number;
}

export interface MentoringLeaveInput {
  caseId: string;
  enrollment: Enrollment;
  policy: Policy;
  enrolledBy: Actor;
  /** Carried over by continue-as-new. */
  state?: MentoringLeaveState;
}

export interface MentoringLeaveResult {
  caseId: string;
  stage: LeaveStage;
  ledger: Ledger;
  lapsedHours: number;
}

export interface LogPersonalTimeInput {
  date: string;
  hours: number;
  kind: PersonalTimeKind;
  description: string;
  actor: ActingUser;
}

export interface RequestLeaveInput {
  date: string;
  hours: number;
  attestNoTravel: boolean;
  note?: string;
  actor: ActingUser;
  /** The employee's supervisor as the people directory says now (the API reads it at each request). */
  supervisor?: { id: string; name: string; email: string };
}

export interface WithdrawRequestInput {
  requestId: string;
  actor: ActingUser;
}
