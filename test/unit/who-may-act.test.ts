/** The who-may-act rules as pure functions: each documented rule (docs/security.md), and the order they answer in. */
import { userToken, roleToken } from '../../platform/workflow/access';
import type { ActingUser } from '../../platform/workflow/records';
import { directoryProblem, namedPartiesIn, partiesProblem } from '../../platform/workflow/named-parties';
import { mentoringLeaveWorkflowId } from '../../processes/mentoring-leave/workflow';
import { caseWorkerOrSupervisorOf } from '../../processes/foster/rules';
import {
  canSeeCase,
  escalationRole,
  mayAssign,
  mayClaim,
  mayComplete,
  type CaseForRules,
  type TaskForRules,
} from '../../platform/workflow/who-may-act';

const leaveCase: CaseForRules = {
  type: 'mentoring_leave',
  viewers: [userToken('emp-1')],
  parties: { ids: ['emp-1'], emails: ['emp1@example.gov'] },
};
const hrTask: TaskForRules = {
  type: 'hr_approval',
  candidates: [roleToken('hr_officer', { department: 'CDT' })],
  scope: { department: 'CDT' },
};
const supTask: TaskForRules = {
  type: 'supervisor_approval',
  candidates: [userToken('sup-1')],
  scope: { department: 'CDT' },
};
const hr = (id: string, extra: Partial<ActingUser> = {}): ActingUser => ({
  id,
  roles: ['hr_officer'],
  department: 'CDT',
  ...extra,
});

test('nobody acts on their own case: by id, and by e-mail (case-insensitive) for people without an account', () => {
  expect(mayComplete(hr('emp-1'), hrTask, leaveCase)?.code).toBe('self_approval');
  expect(mayComplete(hr('alias', { email: 'EMP1@example.gov' }), hrTask, leaveCase)?.code).toBe('self_approval');
  expect(mayClaim(hr('emp-1'), hrTask, leaveCase)?.code).toBe('self_approval');
  expect(mayComplete(hr('hr-1'), hrTask, leaveCase)).toBeUndefined();
});

test('a scoped role without its claim is not a candidate; another department is not either', () => {
  expect(mayComplete({ id: 'hr-x', roles: ['hr_officer'] }, hrTask, leaveCase)?.code).toBe('not_a_candidate');
  expect(mayComplete(hr('hr-y', { department: 'DMV' }), hrTask, leaveCase)?.code).toBe('not_a_candidate');
});

test('two steps of one approval need two people', () => {
  const second = { ...hrTask, excludedActors: ['sup-hr'] };
  expect(mayComplete(hr('sup-hr'), second, leaveCase)?.code).toBe('self_approval');
  expect(mayAssign(hr('hr-1'), hr('sup-hr'), second, leaveCase)?.code).toBe('invalid_assignee');
});

test('an assignee holds a candidate role within scope; the assigner supervises the case', () => {
  expect(
    mayAssign(hr('hr-1'), { id: 'sup-2', roles: ['supervisor'], department: 'CDT' }, supTask, leaveCase)?.code,
  ).toBe('invalid_assignee');
  expect(
    mayAssign(hr('hr-1'), { id: 'sup-1', roles: ['supervisor'], department: 'CDT' }, supTask, leaveCase),
  ).toBeUndefined();
  expect(mayAssign(hr('hr-1'), { id: 'emp-1', roles: ['employee'] }, supTask, leaveCase)?.code).toBe('self_approval');
  expect(mayAssign({ id: 'cw', roles: ['case_worker'] }, hr('hr-2'), hrTask, leaveCase)?.code).toBe('not_permitted');
  expect(mayAssign(hr('hr-1', { department: 'DMV' }), hr('hr-2'), hrTask, leaveCase)?.code).toBe('not_permitted');
});

test('conflict of interest: a reviewer of the program under review', () => {
  const cert: CaseForRules = {
    type: 'certification',
    viewers: [roleToken('quality_reviewer')],
    programId: 'p1',
    parties: { ids: [], programId: 'p1' },
  };
  const review: TaskForRules = {
    type: 'application_review',
    candidates: [roleToken('quality_reviewer')],
    scope: { programId: 'p1' },
  };
  expect(mayComplete({ id: 'r', roles: ['quality_reviewer'], programId: 'p1' }, review, cert)?.code).toBe(
    'conflict_of_interest',
  );
  expect(mayComplete({ id: 'r', roles: ['quality_reviewer'], programId: 'p2' }, review, cert)).toBeUndefined();
  expect(
    mayComplete({ id: 's', roles: ['program_staff', 'quality_reviewer'], programId: 'p1' }, review, cert)?.code,
  ).toBe('self_approval');
  expect(
    mayAssign(
      { id: 'lead', roles: ['review_lead'] },
      { id: 'r', roles: ['quality_reviewer'], programId: 'p1' },
      review,
      cert,
    )?.code,
  ).toBe('conflict_of_interest');
});

test('youth data is never for admin, and late youth tasks never escalate to admin', () => {
  const match: CaseForRules = { type: 'match', viewers: [userToken('cw-1'), roleToken('case_supervisor')] };
  expect(canSeeCase({ id: 'a', roles: ['admin'] }, match)).toBe(false);
  expect(canSeeCase({ id: 'a', roles: ['admin'] }, leaveCase)).toBe(true);
  expect(canSeeCase({ id: 's', roles: ['case_supervisor'] }, match)).toBe(true);
  expect(escalationRole('match', 'admin')).toBe('case_supervisor');
  expect(escalationRole('youth_referral', 'admin')).toBe('case_supervisor');
  expect(escalationRole('mentoring_leave', 'admin')).toBe('admin');
  const safety: TaskForRules = { type: 'safety_review', candidates: [roleToken('case_supervisor')], scope: {} };
  expect(mayAssign({ id: 'a', roles: ['admin'] }, { id: 's', roles: ['case_supervisor'] }, safety, match)?.code).toBe(
    'not_permitted',
  );
});

test('a claimed task is only for its holder', () => {
  expect(mayComplete(hr('hr-2'), { ...hrTask, assigneeId: 'hr-1' }, leaveCase)?.code).toBe('task_claimed');
  expect(mayComplete(hr('hr-1'), { ...hrTask, assigneeId: 'hr-1' }, leaveCase)).toBeUndefined();
});

describe('named parties', () => {
  const youth: CaseForRules = {
    type: 'youth_referral',
    viewers: [userToken('cw-1'), roleToken('case_supervisor'), userToken('sw-1')],
    details: { caseWorkerId: 'cw-1', socialWorker: { id: 'sw-1' } },
  };
  const swConsent: TaskForRules = { type: 'consent', candidates: [userToken('sw-1')], scope: {} };

  test('acting as the social worker needs the role at the moment of acting; an admin named as one never reads the youth', () => {
    expect(mayComplete({ id: 'sw-1', roles: ['social_worker'] }, swConsent, youth)).toBeUndefined();
    expect(mayComplete({ id: 'sw-1', roles: ['case_worker'] }, swConsent, youth)?.code).toBe('not_a_candidate');
    expect(canSeeCase({ id: 'sw-1', roles: ['admin'] }, youth)).toBe(false);
    expect(canSeeCase({ id: 'sw-1', roles: ['social_worker'] }, youth)).toBe(true);
  });

  test("an ECE coordinator who is the placement's mentor does not close it as its coordinator", () => {
    const placement: CaseForRules = {
      type: 'ece_placement',
      viewers: [roleToken('college_coordinator', { collegeId: 'c1' }), userToken('m-1'), userToken('s-1')],
      details: { mentor: { id: 'm-1' }, mentee: { id: 's-1' } },
    };
    const close: TaskForRules = {
      type: 'close_placement',
      candidates: [roleToken('college_coordinator', { collegeId: 'c1' })],
      scope: { collegeId: 'c1' },
    };
    expect(
      mayComplete({ id: 'm-1', roles: ['ece_mentor', 'college_coordinator'], collegeId: 'c1' }, close, placement)?.code,
    ).toBe('self_approval');
    expect(
      mayComplete({ id: 'cc-2', roles: ['college_coordinator'], collegeId: 'c1' }, close, placement),
    ).toBeUndefined();
  });

  test('at creation: nobody names themselves in another role, nobody holds two, the directory knows the roles', () => {
    const named = namedPartiesIn('youth_referral', { caseWorkerId: 'cw-1', socialWorker: { id: 'cw-1' } });
    expect(partiesProblem({ id: 'cw-1' }, named, [], 'case_worker')?.code).toBe('invalid_party');
    const fine = namedPartiesIn('youth_referral', { caseWorkerId: 'cw-1', socialWorker: { id: 'sw-1' } });
    expect(partiesProblem({ id: 'cw-1' }, fine, [], 'case_worker')).toBeUndefined();
    expect(partiesProblem({ id: 'sw-1' }, fine, [], 'case_worker')?.code).toBe('invalid_party');
    expect(directoryProblem(fine, new Map([['sw-1', { id: 'sw-1', roles: ['case_worker'] }]]))?.code).toBe(
      'invalid_party',
    );
    expect(directoryProblem(fine, new Map([['sw-1', { id: 'sw-1', roles: ['social_worker'] }]]))).toBeUndefined();
    const placement = namedPartiesIn('ece_placement', { mentor: { id: 'p' }, mentee: { id: 'p' } });
    expect(partiesProblem({ id: 'cc' }, placement)?.code).toBe('invalid_party');
  });
});

test('an e-mail as a person id never reaches a workflow ID; plain ids stay as they are', () => {
  expect(mentoringLeaveWorkflowId(2027, 'emp-1')).toBe('mentoring-leave-2027-emp-1');
  const id = mentoringLeaveWorkflowId(2027, 'pat.lee@agency.ca.gov');
  expect(id).not.toMatch(/pat|agency|@/);
  expect(id).toBe(mentoringLeaveWorkflowId(2027, 'pat.lee@agency.ca.gov'));
  expect(id).not.toBe(mentoringLeaveWorkflowId(2027, 'pat.lee@agency.ca.gox'));
});

test("a case supervisor named as the youth's social worker does not act as its supervisor", () => {
  const youth: CaseForRules = {
    type: 'youth_referral',
    viewers: [],
    details: { caseWorkerId: 'cw-1', socialWorker: { id: 'cs-1' } },
  };
  expect(
    caseWorkerOrSupervisorOf({ id: 'cs-1', roles: ['case_supervisor', 'social_worker'] }, youth, 'cw-1')?.code,
  ).toBe('self_approval');
  expect(caseWorkerOrSupervisorOf({ id: 'cs-2', roles: ['case_supervisor'] }, youth, 'cw-1')).toBeUndefined();
  expect(caseWorkerOrSupervisorOf({ id: 'cw-1', roles: ['case_worker'] }, youth, 'cw-1')).toBeUndefined();
  expect(caseWorkerOrSupervisorOf({ id: 'cw-1', roles: ['admin'] }, youth, 'cw-1')?.code).toBe('not_a_candidate');
});
