import { DEFAULT_POLICY } from '../../../../platform/workflow/policy';
import { computeLedger, enrollmentViolations, personalTimeViolation, requestViolation } from '../../rules';
import type { Enrollment, MentoringLeaveState } from '../../types';

const policy = DEFAULT_POLICY.mentoringLeave;
const enrollment = (
  o: Partial<Enrollment['employee']> = {},
  commitment = { startDate: '2026-09-01', endDate: '2027-06-01' },
): Enrollment => ({
  year: 2026,
  employee: {
    id: 'e',
    name: 'E',
    email: 'e@x.gov',
    department: 'CDT',
    bargainingUnit: 1,
    appointment: 'permanent',
    ...o,
  },
  supervisor: { id: 's', name: 'S', email: 's@x.gov' },
  program: { programId: 'p', name: 'P' },
  commitment,
});
const codes = (e: Enrollment, certified = true) => enrollmentViolations(e, policy, certified).map((v) => v.code);

describe('eligibility (HR manual 2119)', () => {
  test('units 6, 8 and 18 are not eligible; excluded employees are', () => {
    for (const unit of [6, 8, 18])
      expect(codes(enrollment({ bargainingUnit: unit }))).toEqual(['ineligible_bargaining_unit']);
    for (const unit of [1, 12, 21]) expect(codes(enrollment({ bargainingUnit: unit }))).toEqual([]);
    expect(codes(enrollment({ bargainingUnit: 'excluded' }))).toEqual([]);
  });
  test('permanent civil-service status is required', () => {
    expect(codes(enrollment({ appointment: 'probationary_after_permanent' }))).toEqual([]);
    for (const a of ['probationary', 'temporary', 'limited_term'] as const)
      expect(codes(enrollment({ appointment: a }))).toEqual(['ineligible_appointment']);
  });
  test('a certified program and a commitment of one school year (9 months)', () => {
    expect(codes(enrollment(), false)).toEqual(['program_not_certified']);
    expect(codes(enrollment({}, { startDate: '2026-09-01', endDate: '2027-05-31' }))).toEqual(['commitment_too_short']);
  });
});

function state(over: Partial<MentoringLeaveState> = {}): MentoringLeaveState {
  return {
    stage: 'active',
    enrollment: enrollment(),
    personalTime: [],
    requests: [],
    lapsedHours: 0,
    ...over,
  } as MentoringLeaveState;
}
const verified = (hours: number) => ({
  id: `p${hours}`,
  date: '2026-03-01',
  hours,
  kind: 'off_duty' as const,
  description: '',
  status: 'verified' as const,
  loggedAt: '',
});
const req = (hours: number, status: 'approved' | 'pending_hr' | 'denied') => ({
  id: `r${hours}${status}`,
  date: '2026-03-02',
  hours,
  attestNoTravel: true as const,
  status,
  requestedAt: '',
});

describe('leave requests', () => {
  const ask = (s: MentoringLeaveState, hours: number, o: Record<string, unknown> = {}) =>
    requestViolation(s, { date: '2026-04-01', hours, attestNoTravel: true, ...o }, policy)?.code;

  test('matched hour-for-hour by verified personal time, counting pending requests', () => {
    const s = state({
      personalTime: [verified(3)],
      requests: [req(1, 'approved'), req(1, 'pending_hr'), req(5, 'denied')],
    });
    expect(ask(s, 1)).toBeUndefined();
    expect(ask(s, 1.25)).toBe('insufficient_matching_hours');
    expect(computeLedger(s, 40)).toMatchObject({
      verifiedPersonalHours: 3,
      approvedLeaveHours: 1,
      pendingLeaveHours: 1,
      availableLeaveHours: 1,
    });
  });
  test('the 40-hour annual cap wins over matching when both bind', () => {
    const s = state({
      personalTime: [verified(24), verified(24)],
      requests: [req(24, 'approved'), req(16, 'pending_hr')],
    });
    expect(ask(s, 0.25)).toBe('exceeds_annual_cap');
    expect(computeLedger(s, 40).availableLeaveHours).toBe(0);
  });
  test('quarter hours, the calendar year, no travel, an active enrollment', () => {
    const s = state({ personalTime: [verified(8)] });
    expect(ask(s, 0.3)).toBe('invalid_hours');
    expect(ask(s, 1, { date: '2027-01-02' })).toBe('outside_leave_year');
    expect(ask(s, 1, { attestNoTravel: false })).toBe('travel_not_allowed');
    expect(ask(state({ stage: 'eligibility_review' }), 1)).toBe('enrollment_not_active');
  });
  test('personal time is logged for the past, within the leave year', () => {
    const now = Date.parse('2026-06-10T18:00:00Z');
    expect(personalTimeViolation(state(), { date: '2026-06-10', hours: 1 }, policy, now)).toBeUndefined();
    expect(personalTimeViolation(state(), { date: '2026-06-11', hours: 1 }, policy, now)?.code).toBe(
      'personal_time_in_future',
    );
    expect(personalTimeViolation(state(), { date: '2025-12-31', hours: 1 }, policy, now)?.code).toBe(
      'outside_leave_year',
    );
  });
});
