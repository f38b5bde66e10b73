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
import { roleToken } from '../../platform/workflow/access';
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
} from '../../platform/api/read-views';
import {
  at,
  detailsOf,
  entitled,
  has,
  kase,
  lists,
  PARTY,
  reader,
  RUNS,
  SCOPED,
  SECRETS,
  task,
} from './read-view-cases';

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
