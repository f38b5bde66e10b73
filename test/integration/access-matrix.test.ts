/**
 * Route × role × scope: for every route of the API's route table, every persona (each role
 * in and out of scope, and no token at all) gets the contract's answer. A route added
 * without a row here fails the first test. Afterwards: no out-of-scope record in any
 * list, report or e-mail. Real services; allowed writes really happen, in the order below.
 */
import { as, mailbox } from '../support/stack';
import { leakedTo, secretsOf } from './matrix-secrets';
import { administrationRows } from './access-matrix/administration';
import { casesAndTasksRows } from './access-matrix/cases-and-tasks';
import { fosterRows } from './access-matrix/foster';
import { mentoringLeaveRows } from './access-matrix/mentoring-leave';
import { certificationRows, programRows } from './access-matrix/programs';
import { referralRows } from './access-matrix/referral';
import { eceRows, wellnessRows } from './access-matrix/wellness-and-ece';
import {
  F,
  fill,
  LEAVE_VIEWERS,
  P,
  setUp,
  stack,
  CERT_VIEWERS,
  REFERRAL_VIEWERS,
  YOUTH_VIEWERS,
} from './access-matrix/context';

beforeAll(setUp, 300_000);
afterAll(async () => stack?.stop());

/** Every route's row, in the order they run: allowed writes really happen, and a later row may rely on one. */
const MATRIX = {
  ...casesAndTasksRows(),
  ...mentoringLeaveRows(),
  ...fosterRows(),
  ...programRows(),
  ...wellnessRows(),
  ...eceRows(),
  ...referralRows(),
  ...administrationRows(),
  ...certificationRows(),
};

test('every route of the route table has its row in the matrix', () => {
  const routes = stack.routes.map((r) => `${r.method} ${r.path}`);
  expect(routes.filter((r) => !MATRIX[r])).toEqual([]);
  expect(Object.keys(MATRIX).filter((k) => !routes.includes(k))).toEqual([]);
});

test('every route answers every persona, in and out of scope, as the contract says, with no field they may not read', async () => {
  const mismatches: string[] = [];
  const secrets = await secretsOf(stack, P, F);
  const leaks: string[] = [];
  for (const [route, row] of Object.entries(MATRIX)) {
    for (const who of [...Object.keys(P), 'anon']) {
      const expected = row.expect[who] ?? (who === 'anon' && !row.public ? 401 : row.expect.others);
      const r = await row.request(who);
      const res = await as(stack, who === 'anon' ? undefined : P[who]).raw(
        r.method,
        `/api/v1${fill(r.path)}`,
        r.body ?? (r.method === 'GET' ? undefined : {}),
      );
      if (res.status !== expected)
        mismatches.push(
          `${route} as ${who}: ${res.status} (expected ${expected}) ${res.status >= 400 ? (res.body?.code ?? res.body?.detail ?? '') : ''}`,
        );
      if (res.status >= 400) expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      // A 201 is the persona's own new case, echoing what they entered (the fixtures repeat birth dates and phones).
      if (res.status !== 201)
        leaks.push(...leakedTo(who, res.text, secrets).map((what) => `${route} as ${who}: ${what}`));
    }
  }
  expect(mismatches).toEqual([]);
  expect(leaks).toEqual([]);
}, 300_000);

test('no out-of-scope record in any list, report or e-mail', async () => {
  const listed = async (who: string, path: string) =>
    (await as(stack, P[who]).get(path)).body.items as { id: string; caseId?: string }[];
  for (const who of Object.keys(P)) {
    const cases = (await listed(who, '/cases?limit=200')).map((c) => c.id);
    expect([who, cases.includes(F.leaveId)]).toEqual([who, who in LEAVE_VIEWERS]);
    expect([who, cases.includes(F.youthId)]).toEqual([who, who in YOUTH_VIEWERS]);
    expect([who, cases.includes(F.certId)]).toEqual([who, who in CERT_VIEWERS]);
    expect([who, cases.includes(F.referralId)]).toEqual([who, who in REFERRAL_VIEWERS]);
    expect([who, cases.includes(F.wellnessId)]).toEqual([
      who,
      ['socialWorker', 'partnershipCoordinator', 'caseSupervisor'].includes(who),
    ]);
    for (const t of await listed(who, '/tasks?limit=200')) {
      const c = await as(stack, P[who]).get(`/tasks/${t.id}`);
      expect([who, t.id, c.status]).toEqual([who, t.id, 200]);
    }
  }
  // The usage report of another department's HR does not count this department.
  const other = (await as(stack, P.hrOther).get('/mentoring-leave/reports/usage')).body.items as {
    department: string;
  }[];
  expect(other.every((i) => i.department === 'DMV')).toBe(true);
  // The youth's name and needs are in no e-mail at all.
  const youth = (await as(stack, P.caseWorker).get(`/foster/youth/${F.youthId}`)).body.youth as {
    name: string;
    needs: string;
  };
  const mail = await mailbox();
  expect(
    mail.filter((m) => m.text.includes(youth.name) || m.subject.includes(youth.name) || m.text.includes(youth.needs)),
  ).toEqual([]);
  // A volunteer's name reaches no one by e-mail but the volunteer (their confirmation).
  const volunteer = (await as(stack, P.partnershipCoordinator).get(`/referrals/${F.referralId}`)).body.volunteer as {
    name: string;
    email: string;
  };
  expect(
    mail.filter(
      (m) => (m.text.includes(volunteer.name) || m.subject.includes(volunteer.name)) && !m.to.includes(volunteer.email),
    ),
  ).toEqual([]);
  // Only the coordinators and the referred program read the volunteer's details; an admin sees the case without them.
  expect((await as(stack, P.staff).get(`/referrals/${F.referralId}`)).body.volunteer?.email).toBe(volunteer.email);
  expect((await as(stack, P.admin).get(`/referrals/${F.referralId}`)).body.volunteer).toBeUndefined();
});
