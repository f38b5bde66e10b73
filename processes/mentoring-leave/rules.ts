/**
 * The rules of HR manual item 2119, as pure functions: the API checks enrollment
 * eligibility with them before a case starts, and the workflow's Update validators check
 * requests with them, so a refused request changes nothing.
 */
import { laDate, monthsBetween } from '../../platform/workflow/calendar';
import type { Policy } from '../../platform/workflow/policy';
import type { Refusal } from '../../platform/workflow/refusals';
import type { ActingUser } from '../../platform/workflow/records';
import type { Enrollment, Ledger, LeaveRequest, MentoringLeaveState, RequestLeaveInput } from './types';

export type RuleViolation = Refusal;

type LeavePolicy = Policy['mentoringLeave'];

/**
 * Eligibility, checked once per employee per year on enrollment. `programCertified` is
 * whether the mentoring organization holds a current quality certification (process 3).
 */
export function enrollmentViolations(e: Enrollment, policy: LeavePolicy, programCertified: boolean): RuleViolation[] {
  const out: RuleViolation[] = [];
  const unit = e.employee.bargainingUnit;
  const unitOk = unit === 'excluded' ? policy.excludedEmployeesEligible : policy.eligibleBargainingUnits.includes(unit);
  if (!unitOk) {
    out.push({
      code: 'ineligible_bargaining_unit',
      message: `Bargaining unit ${unit} is not eligible for mentoring leave`,
    });
  }
  // Permanent civil-service status: permanent, or probationary after a permanent appointment.
  if (!policy.eligibleAppointments.includes(e.employee.appointment)) {
    out.push({ code: 'ineligible_appointment', message: `A ${e.employee.appointment} appointment is not eligible` });
  }
  if (!programCertified) {
    out.push({
      code: 'program_not_certified',
      message: 'The mentoring organization does not hold a current quality certification',
    });
  }
  // Committed to mentor for at least one school year, taken as 9 months.
  if (monthsBetween(e.commitment.startDate, e.commitment.endDate) < policy.minimumCommitmentMonths) {
    out.push({
      code: 'commitment_too_short',
      message: `The commitment must last at least ${policy.minimumCommitmentMonths} months (one school year)`,
    });
  }
  return out;
}

/** The supervisor of an enrollment is never the employee (same id or same e-mail). */
export function supervisorViolation(
  employee: { id: string; email: string },
  supervisor: { id: string; email: string },
): RuleViolation | undefined {
  const same =
    employee.id === supervisor.id || employee.email.trim().toLowerCase() === supervisor.email.trim().toLowerCase();
  return same
    ? {
        code: 'invalid_supervisor',
        message: 'The supervisor who approves leave must be someone other than the employee',
      }
    : undefined;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const PENDING: LeaveRequest['status'][] = ['pending_supervisor', 'pending_hr'];

/** Leave is granted hour-for-hour against verified personal time, up to the annual cap. */
export function computeLedger(
  s: Pick<MentoringLeaveState, 'enrollment' | 'personalTime' | 'requests'>,
  cap: number,
): Ledger {
  const verifiedPersonalHours = sum(s.personalTime.filter((p) => p.status === 'verified').map((p) => p.hours));
  const pendingPersonalHours = sum(
    s.personalTime.filter((p) => p.status === 'pending_verification').map((p) => p.hours),
  );
  const approvedLeaveHours = sum(s.requests.filter((r) => r.status === 'approved').map((r) => r.hours));
  const pendingLeaveHours = sum(s.requests.filter((r) => PENDING.includes(r.status)).map((r) => r.hours));
  return {
    year: s.enrollment.year,
    cap,
    verifiedPersonalHours,
    pendingPersonalHours,
    approvedLeaveHours,
    pendingLeaveHours,
    availableLeaveHours: Math.max(0, Math.min(cap, verifiedPersonalHours) - approvedLeaveHours - pendingLeaveHours),
  };
}

export const isPendingRequest = (r: LeaveRequest): boolean => PENDING.includes(r.status);

/** Leave is in quarter-hour increments. */
export function isIncrement(hours: number, increment: number): boolean {
  return hours > 0 && Math.abs(hours / increment - Math.round(hours / increment)) < 1e-9;
}

export function inYear(date: string, year: number): boolean {
  return date.startsWith(`${year}-`);
}

/** The first rule a leave request breaks, if any. */
export function requestViolation(
  s: MentoringLeaveState,
  req: Pick<RequestLeaveInput, 'date' | 'hours' | 'attestNoTravel'>,
  policy: LeavePolicy,
): RuleViolation | undefined {
  if (s.stage !== 'active') return { code: 'enrollment_not_active', message: `The enrollment is ${s.stage}` };
  // Leave cannot be used for travel to or from the mentoring location.
  if (req.attestNoTravel !== true) {
    return {
      code: 'travel_not_allowed',
      message: 'Mentoring leave cannot be used for travel; attest this with attestNoTravel: true',
    };
  }
  // Leave must be requested and used within the calendar year.
  if (!inYear(req.date, s.enrollment.year)) {
    return { code: 'outside_leave_year', message: `Leave must be used within ${s.enrollment.year}` };
  }
  if (!isIncrement(req.hours, policy.incrementHours)) {
    return { code: 'invalid_hours', message: `Hours must be a positive multiple of ${policy.incrementHours}` };
  }
  const ledger = computeLedger(s, policy.annualCapHours);
  const committed = ledger.approvedLeaveHours + ledger.pendingLeaveHours + req.hours;
  if (committed > ledger.cap) {
    return {
      code: 'exceeds_annual_cap',
      message: `At most ${ledger.cap} hours of mentoring leave per calendar year; ${ledger.cap - ledger.approvedLeaveHours - ledger.pendingLeaveHours} left`,
    };
  }
  if (committed > ledger.verifiedPersonalHours) {
    return {
      code: 'insufficient_matching_hours',
      message: `Leave is matched hour-for-hour by verified personal time; ${ledger.availableLeaveHours} hours available`,
    };
  }
  return undefined;
}

/** The first rule a personal-time entry breaks, if any. */
export function personalTimeViolation(
  s: MentoringLeaveState,
  entry: { date: string; hours: number },
  policy: LeavePolicy,
  nowMs: number,
  /** The jurisdiction's calendar ("today" is a local date); Los Angeles when not given. */
  calendar: { date(ms: number): string } = { date: laDate },
): RuleViolation | undefined {
  if (s.stage !== 'active') return { code: 'enrollment_not_active', message: `The enrollment is ${s.stage}` };
  // Personal time and the leave it matches must fall in the same calendar year.
  if (!inYear(entry.date, s.enrollment.year)) {
    return { code: 'outside_leave_year', message: `Personal time must fall within ${s.enrollment.year}` };
  }
  if (entry.date > calendar.date(nowMs)) {
    return { code: 'personal_time_in_future', message: 'Personal time is logged after it was spent mentoring' };
  }
  if (!isIncrement(entry.hours, policy.incrementHours)) {
    return { code: 'invalid_hours', message: `Hours must be a positive multiple of ${policy.incrementHours}` };
  }
  return undefined;
}

/** Personal time, leave requests and withdrawals are the enrolled employee's own acts. */
export function theEmployee(user: Pick<ActingUser, 'id'>, employeeId: string | null | undefined): Refusal | undefined {
  return user.id === employeeId
    ? undefined
    : { code: 'not_permitted', message: 'Only the enrolled employee may do this' };
}
