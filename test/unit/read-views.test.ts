/**
 * The read views (api/read-views.ts) against generated readers and cases: roles, scopes and
 * ids that collide with the case's parties (the assigned case worker, the youth's social
 * worker, the referrer, the caller, the assigning coordinator, the applicant's e-mail), and
 * cases of every sensitive type in every stage with every sensitive field filled in.
 * Invariants: a reader gets only what its declared view lists; checks, notes, reference
 * comments, birth dates, phones, contact details and youth names reach only the readers
 * the documentation names (docs/security.md); a scoped role without its claim sees nothing. Pure: no services.
 */
import fc from 'fast-check';
import { roleToken, userToken } from '../../platform/workflow/access';
import type { ActingUser } from '../../platform/workflow/records';
import {
  CASE_FIELDS,
  projectCase,
  projectEvent,
  projectTask,
  READ_VIEWS,
  seesTaskAnswers,
  SENSITIVE_CASE_TYPES,
  viewOf,
  type CaseFacts,
  type View,
} from '../../platform/api/read-views';

const RUNS = 5000;
const ROLES = [
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
const SCOPED = ['supervisor', 'hr_officer', 'org_coordinator', 'program_staff', 'college_coordinator'];
const PARTY = {
  caseWorker: 'cw-1',
  socialWorker: 'sw-1',
  referrer: 'ref-1',
  caller: 'caller-1',
  assigner: 'pc-1',
  applicantEmail: 'app@mail.example',
};
const IDS = [...Object.values(PARTY).filter((x) => !x.includes('@')), 'cw-2', 'pc-2', 'x-9'];
const SENSITIVE_TYPES = [
  'mentor_screening',
  'caller_screening',
  'wellness_checkin',
  'youth_referral',
  'match',
  'mentor_referral',
] as const;

/** What must never leak, per type: a path into the case answer. */
const SECRETS: Record<string, string[][]> = {
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

const reader = fc
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

const task = (answers: boolean) => ({
  id: 't1',
  type: 'background_check',
  title: 'Background check',
  ...(answers ? { data: { note: 'REGISTRY HIT' }, comment: 'REGISTRY HIT' } : {}),
});

function detailsOf(type: string, stage: string, assigned: boolean, assignedBy: boolean): Record<string, unknown> {
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

const kase = fc
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

const has = (r: ActingUser, role: string) =>
  r.roles.includes(role) &&
  (!SCOPED.includes(role) || !!(role === 'program_staff' || role === 'org_coordinator' ? r.programId : r.department));
const at = (o: unknown, path: string[]) =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
const lists = (v: View, path: string[]): boolean => {
  if (v.details === '*') return true;
  if ('omit' in v.details) return !v.details.omit.includes(path[0]);
  const spec = v.details.pick[path[0]];
  return spec === true || (!!spec && (path.length === 1 || spec.includes(path[1])));
};

/** Who the documented rules say may read a case's secrets, stated apart from the implementation. */
function entitled(r: ActingUser, c: CaseFacts): boolean {
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

test('generated readers of generated cases get only what their declared view lists', () => {
  let checked = 0;
  let readers = 0;
  fc.assert(
    fc.property(reader, kase, fc.boolean(), (r, c, answered) => {
      checked++;
      const whole = {
        id: 'c1',
        type: c.type,
        status: c.status,
        stage: c.stage,
        subject: 'S',
        createdAt: 'x',
        updatedAt: 'x',
        historyUrl: 'h',
        openTasks: [task(answered)],
        ...(c.details as object),
      };
      const v = viewOf(r, c);
      if (!v) {
        // No view: nothing of the case; a task they hold shows no answers unless they gave them.
        expect(seesTaskAnswers(r, c, undefined, 'someone-else')).toBe(!SENSITIVE_CASE_TYPES.includes(c.type));
        expect(seesTaskAnswers(r, c, undefined, r.id)).toBe(true);
        return;
      }
      readers++;
      expect(READ_VIEWS[c.type as keyof typeof READ_VIEWS]).toContain(v);
      const got = projectCase(v, whole);
      for (const k of Object.keys(got)) {
        if ((CASE_FIELDS as readonly string[]).includes(k))
          expect(v.case.includes(k as never) || (k === 'openTasks' && (got.openTasks as unknown[]).length === 0)).toBe(
            true,
          );
        else expect(lists(v, [k])).toBe(true);
        const spec = v.details !== '*' && 'pick' in v.details ? v.details.pick[k] : undefined;
        if (Array.isArray(spec)) for (const sub of Object.keys(got[k] as object)) expect(spec).toContain(sub);
      }
      for (const path of SECRETS[c.type]) {
        if (at(got, path) !== undefined) {
          expect([c.type, path.join('.'), v.kind, lists(v, path)]).toEqual([c.type, path.join('.'), v.kind, true]);
          expect([c.type, path.join('.'), r, entitled(r, c)]).toEqual([c.type, path.join('.'), r, true]);
        }
      }
      for (const t of got.openTasks as Record<string, unknown>[])
        if (!v.taskAnswers) expect([t.data, t.comment]).toEqual([undefined, undefined]);
      const e = projectEvent(v, { event: 'background_check_recorded', detail: { result: 'flagged' } });
      if (v.timeline !== 'full') expect(e.detail).toEqual({});
      // Nobody reads a screening or a youth through the admin role alone.
      if (
        r.roles.every((x) => x === 'admin' || !has(r, x)) &&
        c.type !== 'mentor_referral' &&
        c.type !== 'youth_referral' &&
        c.type !== 'match'
      )
        throw new Error(`admin read ${c.type}`);
    }),
    { numRuns: RUNS },
  );
  console.log(`read views: ${checked} generated (reader, case) pairs checked, ${readers} with a view`);
  expect(checked).toBe(RUNS);
});

test('a scoped role without its claim, and no party id, sees nothing', () => {
  const bare = fc.record({ roles: fc.subarray(SCOPED, { minLength: 1 }), id: fc.constantFrom('x-9', 'cw-2') });
  let n = 0;
  fc.assert(
    fc.property(bare, kase, (r, c) => {
      n++;
      expect(
        viewOf(r, { ...c, viewers: [...c.viewers, roleToken('program_staff'), roleToken('hr_officer')] }),
      ).toBeUndefined();
    }),
    { numRuns: 2000 },
  );
  console.log(`read views: ${n} claimless scoped readers checked`);
});

test('the documented views: pool profiles, triage without contact, admins nothing', () => {
  const mentor = (stage: string): CaseFacts => ({
    type: 'mentor_screening',
    stage,
    status: 'open',
    viewers: [roleToken('case_worker')],
    ownerId: PARTY.caseWorker,
    parties: { ids: [], emails: [PARTY.applicantEmail] },
    details: detailsOf('mentor_screening', stage, false, false),
  });
  const other = { id: 'cw-2', roles: ['case_worker'] };
  expect(viewOf(other, mentor('screening'))).toBeUndefined();
  expect(
    Object.keys(
      projectCase(viewOf(other, mentor('approved'))!, {
        id: 'c',
        openTasks: [],
        ...(mentor('approved').details as object),
      }),
    ).sort(),
  ).toEqual(['activeMatchId', 'applicant', 'id', 'openTasks']);
  expect(viewOf({ id: 'a', roles: ['admin'] }, mentor('approved'))).toBeUndefined();
  expect(
    viewOf({ id: PARTY.caseWorker, roles: ['case_worker'], email: PARTY.applicantEmail }, mentor('screening')),
  ).toBeUndefined();
  const wellness = (assigned: boolean): CaseFacts => ({
    type: 'wellness_checkin',
    stage: assigned ? 'calling' : 'awaiting_caller',
    status: 'open',
    viewers: [],
    ownerId: PARTY.referrer,
    details: detailsOf('wellness_checkin', '', assigned, true),
  });
  const pc2 = { id: 'pc-2', roles: ['partnership_coordinator'] };
  const triage = projectCase(viewOf(pc2, wellness(false))!, { id: 'w', ...(wellness(false).details as object) });
  expect(triage).toEqual({
    id: 'w',
    youth: { county: 'Fresno', languages: ['es'] },
    source: 'foster_care',
    plannedCalls: 3,
    calls: [],
  });
  expect(viewOf(pc2, wellness(true))).toBeUndefined();
  expect(viewOf({ id: PARTY.assigner, roles: ['partnership_coordinator'] }, wellness(true))?.kind).toBe('record');
  expect(viewOf({ id: 'cs', roles: ['case_supervisor'] }, wellness(true))?.kind).toBe('record');
  expect(projectTask({ id: 't', data: { x: 1 }, comment: 'c' }, false)).toEqual({ id: 't' });
});
