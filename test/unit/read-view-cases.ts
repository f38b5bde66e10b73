/**
 * The generated readers and cases of the read-view property test (read-views.test.ts), and
 * the documented rules stated apart from the implementation that it checks the views against:
 * roles, scopes and ids that collide with a case's parties, and cases of every sensitive type
 * in every stage with every sensitive field filled in.
 */
import fc from 'fast-check';
import { roleToken, userToken } from '../../platform/workflow/access';
import type { ActingUser } from '../../platform/workflow/records';
import type { CaseFacts, View } from '../../platform/api/read-views';

export const RUNS = 5000;
export const ROLES = [
  'employee',
  'supervisor',
  'hr_officer',
  'org_coordinator',
  'case_worker',
  'case_supervisor',
  'social_worker',
  'program_staff',
  'quality_reviewer',
  'review_lead',
  'admin',
  'partnership_coordinator',
  'caller',
  'school_counselor',
  'college_coordinator',
];
export const SCOPED = ['supervisor', 'hr_officer', 'org_coordinator', 'program_staff', 'college_coordinator'];
export const PARTY = {
  caseWorker: 'cw-1',
  socialWorker: 'sw-1',
  referrer: 'ref-1',
  caller: 'caller-1',
  assigner: 'pc-1',
  applicantEmail: 'app@mail.example',
};
export const IDS = [...Object.values(PARTY).filter((x) => !x.includes('@')), 'cw-2', 'pc-2', 'x-9'];
export const SENSITIVE_TYPES = [
  'mentor_screening',
  'caller_screening',
  'wellness_checkin',
  'youth_referral',
  'match',
  'mentor_referral',
] as const;

/** What must never leak, per type: a path into the case answer. */
export const SECRETS: Record<string, string[][]> = {
  mentor_screening: [
    ['checks'],
    ['references'],
    ['interview'],
    ['decision'],
    ['training'],
    ['applicant', 'dateOfBirth'],
    ['applicant', 'phone'],
    ['applicant', 'email'],
  ],
  caller_screening: [
    ['checks'],
    ['references'],
    ['decision'],
    ['applicant', 'dateOfBirth'],
    ['applicant', 'phone'],
    ['applicant', 'email'],
  ],
  wellness_checkin: [
    ['contact'],
    ['youth', 'name'],
    ['youth', 'dateOfBirth'],
    ['guardianConsent'],
    ['referrer'],
    ['caller'],
  ],
  youth_referral: [['youth'], ['socialWorker'], ['caregiver']],
  match: [['checkIns'], ['closure']],
  mentor_referral: [['volunteer']],
};

export const reader = fc
  .record({
    id: fc.constantFrom(...IDS),
    roles: fc.subarray(ROLES, { maxLength: 3 }),
    email: fc.option(fc.constantFrom(PARTY.applicantEmail, 'APP@mail.example', 'else@mail.example'), {
      nil: undefined,
    }),
    programId: fc.option(fc.constantFrom('p1', 'p2'), { nil: undefined }),
    department: fc.option(fc.constant('CDT'), { nil: undefined }),
  })
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as ActingUser);

export const task = (answers: boolean) => ({
  id: 't1',
  type: 'background_check',
  title: 'Background check',
  ...(answers ? { data: { note: 'REGISTRY HIT' }, comment: 'REGISTRY HIT' } : {}),
});

export function detailsOf(
  type: string,
  stage: string,
  assigned: boolean,
  assignedBy: boolean,
): Record<string, unknown> {
  const applicant = {
    name: 'Morgan',
    email: PARTY.applicantEmail,
    phone: '555',
    dateOfBirth: '1990-01-01',
    languages: ['en'],
    interests: ['art'],
    formerFosterYouth: true,
    county: 'Yolo',
    id: PARTY.caller,
  };
  switch (type) {
    case 'mentor_screening':
    case 'caller_screening':
      return {
        applicant,
        caseWorkerId: PARTY.caseWorker,
        checks: [{ name: 'fbi', status: 'flagged', notes: 'REGISTRY HIT' }],
        references: [{ comments: 'SECRET' }],
        interview: { status: 'pass', notes: 'SECRET' },
        training: [],
        trainingHours: 6,
        decision: { reason: 'SECRET' },
        activeMatchId: stage === 'approved' ? 'm1' : undefined,
      };
    case 'wellness_checkin':
      return {
        youth: { name: 'Quinn', dateOfBirth: '2011-01-01', county: 'Fresno', languages: ['es'] },
        source: 'foster_care',
        contact: { phone: '555', preferredTimes: 'pm' },
        guardianConsent: { how: 'form' },
        referrer: { id: PARTY.referrer },
        plannedCalls: 3,
        calls: [],
        ...(assigned
          ? {
              caller: {
                caseId: 'c9',
                userId: PARTY.caller,
                name: 'Cal',
                assignedAt: 'x',
                ...(assignedBy ? { assignedBy: PARTY.assigner } : {}),
              },
            }
          : {}),
      };
    case 'youth_referral':
      return {
        youth: { name: 'Jordan', dateOfBirth: '2012-01-01' },
        socialWorker: { id: PARTY.socialWorker },
        caregiver: { name: 'C' },
        caseWorkerId: PARTY.caseWorker,
      };
    case 'match':
      return { mentorCaseId: 'a', youthCaseId: 'b', checkIns: [{ notes: 'SECRET' }], closure: { notes: 'SECRET' } };
    default:
      return { volunteer: { name: 'Vee', email: 'v@x' }, offers: [{ programId: 'p1' }], county: 'Yolo' };
  }
}

export const kase = fc
  .record({
    type: fc.constantFrom(...SENSITIVE_TYPES),
    stage: fc.constantFrom(
      'screening',
      'decision',
      'approved',
      'declined',
      'awaiting_caller',
      'calling',
      'closed',
      'ready',
      'active',
    ),
    status: fc.constantFrom('open', 'closed'),
    assigned: fc.boolean(),
    assignedBy: fc.boolean(),
    // Viewers as any workflow version may have listed them, or wrongly: the views hold whatever they say.
    viewers: fc.subarray([
      userToken(PARTY.caseWorker),
      userToken(PARTY.socialWorker),
      userToken(PARTY.referrer),
      userToken(PARTY.caller),
      userToken(PARTY.assigner),
      roleToken('case_worker'),
      roleToken('case_supervisor'),
      roleToken('partnership_coordinator'),
      roleToken('program_staff', { programId: 'p1' }),
      roleToken('admin'),
    ]),
  })
  .map(
    ({ type, stage, status, assigned, assignedBy, viewers }): CaseFacts => ({
      type,
      stage,
      status,
      viewers,
      programId: null,
      ownerId: type === 'wellness_checkin' ? PARTY.referrer : PARTY.caseWorker,
      parties: type.endsWith('_screening')
        ? { ids: type === 'caller_screening' ? [PARTY.caller] : [], emails: [PARTY.applicantEmail] }
        : { ids: [] },
      details: detailsOf(type, stage, assigned, assignedBy),
    }),
  );

export const has = (r: ActingUser, role: string) =>
  r.roles.includes(role) &&
  (!SCOPED.includes(role) || !!(role === 'program_staff' || role === 'org_coordinator' ? r.programId : r.department));
export const at = (o: unknown, path: string[]) =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
export const lists = (v: View, path: string[]): boolean => {
  if (v.details === '*') return true;
  if ('omit' in v.details) return !v.details.omit.includes(path[0]);
  const spec = v.details.pick[path[0]];
  return spec === true || (!!spec && (path.length === 1 || spec.includes(path[1])));
};

/** Who the documented rules say may read a case's secrets, stated apart from the implementation. */
export function entitled(r: ActingUser, c: CaseFacts): boolean {
  const d = c.details as { caller?: { userId: string; assignedBy?: string } };
  const applicant =
    r.email?.toLowerCase() === PARTY.applicantEmail || (c.type === 'caller_screening' && r.id === PARTY.caller);
  switch (c.type) {
    case 'mentor_screening':
    case 'caller_screening':
      return !applicant && (has(r, 'case_supervisor') || (has(r, 'case_worker') && r.id === PARTY.caseWorker));
    case 'wellness_checkin':
      return (
        has(r, 'case_supervisor') ||
        (r.id === PARTY.referrer && ['social_worker', 'case_worker', 'school_counselor'].some((x) => has(r, x))) ||
        (!!d.caller && r.id === d.caller.userId && has(r, 'caller')) ||
        (!!d.caller?.assignedBy && r.id === d.caller.assignedBy && has(r, 'partnership_coordinator'))
      );
    case 'mentor_referral':
      return has(r, 'partnership_coordinator') || (has(r, 'program_staff') && r.programId === 'p1');
    default:
      return true; // youth and match: the listed viewers (canSeeCase), never through admin alone
  }
}
