/**
 * The who-may-act rules against generated attackers: actors with any mix of roles and
 * scope claims, whose ids and e-mails collide with the case's parties, on generated cases
 * of every process and their tasks (claimed, assigned, escalated, second steps). Thousands
 * of cases a run; each property is an invariant of docs/security.md, "Who may act".
 */
import fc from 'fast-check';
import { ROLES } from '../../platform/api/auth';
import { effectiveRoles, roleToken, userToken } from '../../platform/workflow/access';
import { namedPartiesIn } from '../../platform/workflow/named-parties';
import type { ActingUser } from '../../platform/workflow/records';
import { fosterAssignable } from '../../processes/foster/rules';
import {
  canSeeCase,
  isAssignable,
  mayAssign,
  mayClaim,
  mayComplete,
  partiesOf,
  YOUTH_CASE_TYPES,
  type CaseForRules,
  type TaskForRules,
} from '../../platform/workflow/who-may-act';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 3000);
const IDS = ['u1', 'u2', 'u3', 'u4'];
const SCOPED = new Set([
  'supervisor',
  'hr_officer',
  'org_coordinator',
  'program_staff',
  'college_coordinator',
  'selection_committee',
]);
const mail = (id: string) => `${id}@mail.example`;

const id = fc.constantFrom(...IDS);
const actor: fc.Arbitrary<ActingUser> = fc.record(
  {
    id,
    roles: fc.subarray([...ROLES], { maxLength: 4 }),
    email: fc.option(
      fc.tuple(id, fc.boolean()).map(([x, upper]) => (upper ? mail(x).toUpperCase() : mail(x))),
      { nil: undefined },
    ),
    department: fc.option(fc.constantFrom('D1', 'D2'), { nil: undefined }),
    programId: fc.option(fc.constantFrom('p1', 'p2'), { nil: undefined }),
    collegeId: fc.option(fc.constantFrom('c1', 'c2'), { nil: undefined }),
  },
  { requiredKeys: ['id', 'roles'] },
);

interface Generated {
  c: CaseForRules;
  tasks: TaskForRules[];
}

/** A case of each process as its workflow builds it: viewers, parties, fields and typical tasks. */
const generatedCase: fc.Arbitrary<Generated> = fc
  .record({ a: id, b: id, d: id, kind: fc.nat(7) })
  .map(({ a, b, d, kind }): Generated => {
    switch (kind) {
      case 0:
        return {
          c: {
            type: 'youth_referral',
            viewers: [userToken(a), roleToken('case_supervisor'), userToken(b)],
            caseWorkerId: a,
            socialWorker: { id: b },
          } as CaseForRules,
          tasks: [
            { type: 'consent', candidates: [userToken(b)], assignable: fosterAssignable(a, b), scope: {} },
            { type: 'intake', candidates: [userToken(a)], assignable: fosterAssignable(a, b), scope: {} },
          ],
        };
      case 1:
        return {
          c: {
            type: 'match',
            viewers: [userToken(a), roleToken('case_supervisor'), userToken(b)],
            caseWorkerId: a,
            socialWorkerId: b,
          } as CaseForRules,
          tasks: [{ type: 'consent', candidates: [userToken(b)], assignable: fosterAssignable(a, b), scope: {} }],
        };
      case 2:
        return {
          c: {
            type: 'caller_screening',
            viewers: [userToken(a), roleToken('case_supervisor')],
            caseWorkerId: a,
            applicant: { id: b, email: mail(b) },
            parties: { ids: [], emails: [mail(b)] },
          } as CaseForRules,
          tasks: [
            { type: 'background_check', candidates: [userToken(a)], assignable: fosterAssignable(a), scope: {} },
            { type: 'screening_decision', candidates: [roleToken('case_supervisor')], scope: {} },
          ],
        };
      case 3:
        return {
          c: {
            type: 'wellness_checkin',
            viewers: [userToken(a), roleToken('partnership_coordinator'), userToken(b)],
            referrer: { id: a },
            caller: { userId: b },
          } as CaseForRules,
          tasks: [
            { type: 'wellness_call', candidates: [userToken(b)], scope: {} },
            { type: 'resource_referral', candidates: [roleToken('partnership_coordinator'), userToken(a)], scope: {} },
          ],
        };
      case 4:
        return {
          c: {
            type: 'ece_placement',
            viewers: [roleToken('college_coordinator', { collegeId: 'c1' }), userToken(a), userToken(b)],
            mentor: { id: a },
            mentee: { id: b },
          } as CaseForRules,
          tasks: [
            { type: 'accept_placement', candidates: [userToken(a)], scope: { collegeId: 'c1' } },
            {
              type: 'close_placement',
              candidates: [roleToken('college_coordinator', { collegeId: 'c1' })],
              scope: { collegeId: 'c1' },
            },
          ],
        };
      case 5:
        return {
          c: {
            type: 'mentoring_leave',
            viewers: [userToken(a), userToken(b), roleToken('hr_officer', { department: 'D1' })],
            parties: { ids: [a], emails: [mail(a)] },
            enrollment: { supervisor: { id: b } },
          } as CaseForRules,
          tasks: [
            { type: 'supervisor_approval', candidates: [userToken(b)], scope: { department: 'D1' } },
            {
              type: 'hr_approval',
              candidates: [roleToken('hr_officer', { department: 'D1' })],
              scope: { department: 'D1' },
              excludedActors: [d],
            },
          ],
        };
      case 6:
        return {
          c: {
            type: 'certification',
            viewers: [roleToken('quality_reviewer'), roleToken('program_staff', { programId: 'p1' })],
            programId: 'p1',
            parties: { ids: [], programId: 'p1' },
          },
          tasks: [
            {
              type: 'assessment_review',
              candidates: [roleToken('quality_reviewer')],
              scope: { programId: 'p1' },
              excludedActors: [d],
            },
          ],
        };
      default:
        return {
          c: {
            type: 'mentor_screening',
            viewers: [userToken(a), roleToken('case_worker'), roleToken('case_supervisor')],
            caseWorkerId: a,
            applicant: { email: mail(b) },
            parties: { ids: [], emails: [mail(b)] },
          } as CaseForRules,
          tasks: [{ type: 'background_check', candidates: [userToken(a)], assignable: fosterAssignable(a), scope: {} }],
        };
    }
  });

/** A task of the case, possibly held by someone. */
const caseAndTask = fc.tuple(generatedCase, fc.nat(), fc.option(id, { nil: undefined })).map(([g, i, holder]) => ({
  c: g.c,
  task: { ...g.tasks[i % g.tasks.length], ...(holder ? { assigneeId: holder } : {}) },
}));

const holds = (u: ActingUser, roles: readonly string[]) => roles.some((r) => effectiveRoles(u).includes(r));
const namedAs = (u: ActingUser, c: CaseForRules) =>
  namedPartiesIn(c.type, c as unknown as Record<string, unknown>).filter((p) => p.id === u.id);
const isSubject = (u: ActingUser, c: CaseForRules) => {
  const p = partiesOf(c);
  return (
    p.ids.includes(u.id) ||
    (p.emails ?? []).some((e) => !!u.email && e.toLowerCase() === u.email.toLowerCase()) ||
    (!!p.programId &&
      p.programId === u.programId &&
      (u.roles.includes('program_staff') || u.roles.includes('org_coordinator')))
  );
};

let checked = 0;
afterAll(() => console.log(`who-may-act properties: ${checked} generated actor × case × task combinations checked`));
const prop = (name: string, body: (u: ActingUser, c: CaseForRules, task: TaskForRules) => void) =>
  test(name, () => {
    fc.assert(
      fc.property(actor, caseAndTask, (u, { c, task }) => {
        checked += 1;
        body(u, c, task);
      }),
      { numRuns: RUNS },
    );
  });

prop('nobody completes, claims or is handed a step of their own case', (u, c, task) => {
  if (!isSubject(u, c)) return;
  expect(mayComplete(u, task, c)).toBeDefined();
  expect(mayClaim(u, task, c)).toBeDefined();
  expect(mayAssign({ id: 'boss', roles: ['admin', 'case_supervisor', 'review_lead'] }, u, task, c)).toBeDefined();
});

prop('a named party without the party role acts on nothing and reads nothing of the case', (u, c, task) => {
  const named = namedAs(u, c);
  if (!named.length || named.every((p) => holds(u, p.roles))) return;
  expect(mayComplete(u, task, c)).toBeDefined();
  expect(mayClaim(u, task, c)).toBeDefined();
  expect(isAssignable(u, task, c)).toBe(false);
  if (YOUTH_CASE_TYPES.includes(c.type) || !u.roles.includes('admin')) expect(canSeeCase(u, c)).toBe(false);
});

prop('a named party completes only the steps of their own party, never one of another role', (u, c, task) => {
  if (!namedAs(u, c).length || mayComplete(u, task, c)) return;
  expect([...task.candidates, ...(task.assignable ?? [])]).toContain(userToken(u.id));
});

prop('a second approval step is never given by whoever gave the first', (u, c, task) => {
  if (!(task.excludedActors ?? []).includes(u.id)) return;
  expect(mayComplete(u, task, c)).toBeDefined();
  expect(mayClaim(u, task, c)).toBeDefined();
});

prop(
  'a scoped role without its claim grants nothing: seen and done only through the person themselves',
  (u, c, task) => {
    const unclaimed = u.roles.filter((r) => SCOPED.has(r) && !effectiveRoles(u).includes(r));
    if (!unclaimed.length) return;
    const withoutThem = { ...u, roles: u.roles.filter((r) => !unclaimed.includes(r)) };
    expect(canSeeCase(u, c)).toBe(canSeeCase(withoutThem, c));
    expect(!mayComplete(u, task, c)).toBe(!mayComplete(withoutThem, task, c));
  },
);

prop(
  'a holder completes only while still a candidate or assignable; anyone else never completes a held task',
  (u, c, task) => {
    if (!task.assigneeId) return;
    const r = mayComplete(u, task, c);
    if (task.assigneeId !== u.id) expect(r?.code).toBe('task_claimed');
    else if (!isAssignable(u, { ...task, assignable: [...task.candidates, ...(task.assignable ?? [])] }, c))
      expect(r).toBeDefined();
  },
);

prop('youth records are never read through the admin role', (u, c) => {
  if (!YOUTH_CASE_TYPES.includes(c.type)) return;
  const adminOnly = { ...u, roles: ['admin'] };
  expect(canSeeCase(adminOnly, c)).toBe(c.viewers.includes(userToken(u.id)) && namedAs(adminOnly, c).length === 0);
});

prop(
  'whoever may complete holds a candidate token, is no subject of the case, and holds any party role they are named in',
  (u, c, task) => {
    if (mayComplete(u, task, c)) return;
    expect(isSubject(u, c)).toBe(false);
    for (const p of namedAs(u, c)) expect(holds(u, p.roles)).toBe(true);
    expect(task.assigneeId === undefined || task.assigneeId === u.id).toBe(true);
  },
);
