/**
 * An approved mentor's screening record as a run carries it over (continue-as-new), for the
 * workflow tests of a party's record on a worker without a cache.
 */
import { roleToken, userToken } from '../../../../platform/workflow/access';
import type { ActingUser } from '../../../../platform/workflow/records';
import type { MentorScreeningState } from '../../types';

export function approvedMentor(cw: ActingUser, caseId: string, now: string): MentorScreeningState {
  return {
    caseId,
    type: 'mentor_screening',
    status: 'open',
    stage: 'approved',
    subject: 'carried over',
    viewers: [userToken(cw.id), roleToken('case_supervisor')],
    ownerId: cw.id,
    version: 1,
    createdAt: now,
    updatedAt: now,
    recorded: true,
    tasks: {},
    pastMatchIds: [],
    applicant: {
      name: 'M',
      email: 'm@example.org',
      phone: '5550100',
      dateOfBirth: '1980-01-01',
      languages: [],
      interests: [],
      formerFosterYouth: false,
    },
    caseWorkerId: cw.id,
    references: [],
    checks: [],
    interview: { status: 'pass' },
    training: [],
    screeningDueAt: now,
    screeningOverdue: true,
  } as MentorScreeningState;
}
