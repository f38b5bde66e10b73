/**
 * Need to know, field by field (docs/security.md, "What each role reads"): the access matrix says
 * who gets an answer; this suite says what is in it. A mentor screening with a flagged
 * check, a reference's comment and a supervisor's reasoning, and a wellness youth before
 * and after a caller is assigned, read by every kind of reader through every route that
 * carries them: the case, lists and search, task lists, timelines, suggestions, reports,
 * CSV and e-mails. Real services.
 */
import { laDate } from '../../platform/workflow/calendar';
import { as, mailbox, startStack, truncateAll, type Person, type Stack } from '../support/stack';
import { admin } from './fixtures';
import { caseSup, cw1, cw2, mentorApplication, readyYouth, referenceToken } from './foster-fixtures';
import { approvedCaller, callerApplication, counselor, pc, wellnessReferral } from './wellness-fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
});
afterAll(async () => stack?.stop());

type Task = { id: string; type: string; candidateRoles: string[]; data?: unknown; comment?: string };
const pc2: Person = {
  sub: 'pc-other',
  roles: ['partnership_coordinator'],
  name: 'Other Coordinator',
  email: 'other@partnership.example',
};
const POOL_FIELDS = ['name', 'county', 'languages', 'interests', 'availability', 'formerFosterYouth'];
const NOTE = `Registry hit ${Math.random().toString(36).slice(2, 8)}`;
const REF_COMMENT = `Reference says ${Math.random().toString(36).slice(2, 8)}`;
const REASON = `Cleared after review ${Math.random().toString(36).slice(2, 8)}`;

/** A mentor with a flagged check (with a note), a reference comment and an approval with reasoning. */
async function screenedMentor() {
  const app = mentorApplication();
  const created = (await as(stack, cw1).post('/foster/mentors', app)).body;
  const flagged = (created.openTasks as Task[]).find((t) => t.type === 'background_check')!;
  for (const t of created.openTasks as Task[]) {
    if (t.type === 'background_check')
      await as(stack, cw1).post(
        `/tasks/${t.id}/complete`,
        t === flagged ? { outcome: 'flagged', comment: NOTE } : { outcome: 'clear' },
      );
    if (t.type === 'interview') await as(stack, cw1).post(`/tasks/${t.id}/complete`, { outcome: 'pass' });
  }
  for (const r of app.references)
    await as(stack).post(`/foster/references/${await referenceToken(r.email)}`, {
      recommendation: 'with_reservations',
      comments: REF_COMMENT,
    });
  await as(stack, cw1).post(`/foster/mentors/${created.id}/training`, {
    date: laDate(Date.now()),
    hours: 6,
    module: 'Orientation',
  });
  const decision = ((await as(stack, caseSup).get(`/foster/mentors/${created.id}`)).body.openTasks as Task[]).find(
    (t) => t.type === 'screening_decision',
  )!;
  expect(
    (await as(stack, caseSup).post(`/tasks/${decision.id}/complete`, { outcome: 'approve', comment: REASON })).status,
  ).toBe(200);
  return { id: created.id as string, flaggedTask: flagged.id, applicant: app.applicant };
}

const secretsOf = (a: { phone: string; dateOfBirth: string; email: string }) => [
  NOTE,
  REF_COMMENT,
  REASON,
  a.phone,
  a.dateOfBirth,
  a.email,
];
const leaks = (body: unknown, secrets: string[]) =>
  secrets.filter((s) => (typeof body === 'string' ? body : JSON.stringify(body)).includes(s));

test('a screening: the assigned case worker and case supervisors read everything; other case workers the pool profile; admins nothing', async () => {
  const m = await screenedMentor();
  const secrets = secretsOf(m.applicant);
  for (const who of [cw1, caseSup]) {
    const full = (await as(stack, who).get(`/foster/mentors/${m.id}`)).body;
    expect(full.checks.find((c: { notes?: string }) => c.notes === NOTE)).toBeTruthy();
    expect(full.references[0].comments).toBe(REF_COMMENT);
    expect([full.applicant.dateOfBirth, full.applicant.phone]).toEqual([m.applicant.dateOfBirth, m.applicant.phone]);
    expect((await as(stack, who).get(`/tasks/${m.flaggedTask}`)).body.comment).toBe(NOTE);
    expect(leaks((await as(stack, who).get(`/cases/${m.id}/timeline`)).body, [REASON])).toEqual([REASON]);
  }
  // Another case worker: the pool profile, in every answer that carries the mentor.
  const pool = await as(stack, cw2).get(`/foster/mentors/${m.id}`);
  expect(pool.status).toBe(200);
  const LISTING = [
    'activeMatchId',
    'applicant',
    'createdAt',
    'id',
    'openTasks',
    'stage',
    'status',
    'subject',
    'type',
    'updatedAt',
  ];
  expect(Object.keys(pool.body).filter((k) => !LISTING.includes(k))).toEqual([]);
  expect(pool.body.openTasks).toEqual([]);
  expect(Object.keys(pool.body.applicant).every((k) => POOL_FIELDS.includes(k))).toBe(true);
  expect(pool.body.applicant.name).toBe(m.applicant.name);
  for (const path of [
    `/foster/mentors/${m.id}`,
    `/cases/${m.id}`,
    `/tasks/${m.flaggedTask}`,
    '/cases?type=mentor_screening&limit=200',
    `/cases?q=${encodeURIComponent(m.applicant.name)}`,
    '/tasks?status=completed&limit=200',
    '/foster/reports/pipeline',
  ]) {
    const r = await as(stack, cw2).get(path);
    expect([path, leaks(r.body, secrets)]).toEqual([path, []]);
  }
  expect((await as(stack, cw2).get(`/cases/${m.id}/timeline`)).status).toBe(404);
  expect(
    (await as(stack, cw2).get(`/cases?q=${encodeURIComponent(m.applicant.name)}`)).body.items.map(
      (c: { id: string }) => c.id,
    ),
  ).toEqual([m.id]);
  // Suggestions carry the pool profile only.
  const youthId = await readyYouth(stack);
  const suggested = (await as(stack, cw1).get(`/foster/youth/${youthId}/suggestions?limit=200`)).body.items as Record<
    string,
    unknown
  >[];
  expect(suggested.some((s) => s.mentorCaseId === m.id)).toBe(true);
  expect(leaks(suggested, secrets)).toEqual([]);
  // Admins: nothing of a screening, in no route.
  expect((await as(stack, admin).get(`/foster/mentors/${m.id}`)).status).toBe(404);
  expect((await as(stack, admin).get(`/cases/${m.id}`)).status).toBe(404);
  expect((await as(stack, admin).get(`/cases?q=${encodeURIComponent(m.applicant.name)}`)).body.items).toEqual([]);
  for (const path of ['/reports/tasks', '/foster/reports/pipeline'])
    expect([path, leaks((await as(stack, admin).get(path)).body, [...secrets, m.applicant.name])]).toEqual([path, []]);
  const csv = await as(stack, admin).get('/reports/tasks', { accept: 'text/csv' });
  expect(leaks(csv.text, [...secrets, m.applicant.name])).toEqual([]);
  // A screening still in progress is not another case worker's at all.
  const pending = (await as(stack, cw1).post('/foster/mentors', mentorApplication())).body.id as string;
  expect((await as(stack, cw2).get(`/foster/mentors/${pending}`)).status).toBe(404);
  expect(
    ((await as(stack, cw2).get('/cases?type=mentor_screening&limit=200')).body.items as { id: string }[]).map(
      (c) => c.id,
    ),
  ).not.toContain(pending);
  // No e-mail carries a note, a reference comment, the reasoning, a birth date or a phone.
  expect(leaks(await mailbox(), [NOTE, REF_COMMENT, REASON, m.applicant.dateOfBirth, m.applicant.phone])).toEqual([]);
});

test("callers: coordinators read an approved caller's pool profile, nothing of one in screening", async () => {
  const { caseId } = await approvedCaller(stack, ['English']);
  const pending = (await as(stack, cw1).post('/wellness/callers', callerApplication(['English']))).body.id as string;
  const seen = (await as(stack, pc).get(`/wellness/callers/${caseId}`)).body;
  expect(seen.checks).toBeUndefined();
  expect(
    Object.keys(seen.applicant).filter((k) => !['county', 'languages', 'name', 'availability'].includes(k)),
  ).toEqual([]);
  expect(
    (
      (await as(stack, pc).get('/cases?type=caller_screening&stage=approved&status=open&limit=200')).body.items as {
        id: string;
      }[]
    ).map((c) => c.id),
  ).toContain(caseId);
  for (const who of [pc, cw2, admin])
    expect((await as(stack, who).get(`/wellness/callers/${pending}`)).status).toBe(404);
  for (const who of [cw2, admin]) expect((await as(stack, who).get(`/wellness/callers/${caseId}`)).status).toBe(404);
});

test('a wellness youth: coordinators triage without contact details; once assigned, only the assigning coordinator, the caller, the referrer and case supervisors', async () => {
  const { caseId: callerCase, caller } = await approvedCaller(stack, ['Spanish']);
  const referral = wellnessReferral(['Spanish']);
  const id = (await as(stack, counselor).post('/wellness/youth', referral)).body.id as string;
  const secrets = [
    referral.youth.name,
    referral.youth.dateOfBirth,
    referral.contact.phone,
    referral.contact.preferredTimes,
  ];
  for (const who of [pc, pc2]) {
    const triage = (await as(stack, who).get(`/wellness/youth/${id}`)).body;
    expect(triage.youth).toEqual({ county: referral.youth.county, languages: referral.youth.languages });
    expect(triage.source).toBe(referral.source);
    for (const path of [
      `/wellness/youth/${id}`,
      `/cases/${id}/timeline`,
      '/cases?type=wellness_checkin&limit=200',
      '/tasks?limit=200',
    ]) {
      expect([path, leaks((await as(stack, who).get(path)).body, secrets)]).toEqual([path, []]);
    }
  }
  expect((await as(stack, caseSup).get(`/wellness/youth/${id}`)).body.contact.phone).toBe(referral.contact.phone);
  expect((await as(stack, admin).get(`/wellness/youth/${id}`)).status).toBe(404);

  const assign = ((await as(stack, pc).get(`/wellness/youth/${id}`)).body.openTasks as Task[])[0];
  expect(
    (
      await as(stack, pc).post(`/tasks/${assign.id}/complete`, {
        outcome: 'assigned',
        data: { callerCaseId: callerCase },
      })
    ).status,
  ).toBe(200);
  for (const who of [pc, caller, counselor, caseSup])
    expect((await as(stack, who).get(`/wellness/youth/${id}`)).body.youth.name).toBe(referral.youth.name);
  expect((await as(stack, pc2).get(`/wellness/youth/${id}`)).status).toBe(404);
  expect((await as(stack, pc2).get(`/cases/${id}/timeline`)).status).toBe(404);
  expect(
    ((await as(stack, pc2).get('/cases?type=wellness_checkin&limit=200')).body.items as { id: string }[]).map(
      (c) => c.id,
    ),
  ).not.toContain(id);
  // What a call brings up goes to the assigning coordinator and case supervisors, not to every coordinator.
  const [call] = ((await as(stack, caller).get(`/wellness/youth/${id}`)).body.openTasks as Task[]).filter(
    (t) => t.type === 'wellness_call',
  );
  expect(
    (
      await as(stack, caller).post(`/tasks/${call.id}/complete`, {
        outcome: 'logged',
        data: { reached: true, minutes: 20, mood: 3, needs: ['food'], notes: 'Food bank' },
      })
    ).status,
  ).toBe(200);
  const inbox = async (who: Person) =>
    (await as(stack, who).get('/tasks?type=resource_referral&limit=200')).body.items as (Task & { caseId: string })[];
  const mine = (await inbox(pc)).filter((t) => t.caseId === id);
  expect(mine).toHaveLength(1);
  expect(mine[0].candidateRoles).toEqual(['partnership_coordinator', 'case_supervisor']);
  expect((await inbox(pc2)).filter((t) => t.caseId === id)).toEqual([]);
  expect(leaks(await mailbox(), secrets)).toEqual([]);
});

test('every persona, every route that carries a case: only the entitled ever see a secret', async () => {
  const m = await screenedMentor();
  const { caseId: callerCase, caller } = await approvedCaller(stack, ['Spanish']);
  const referral = wellnessReferral(['Spanish']);
  const w = (await as(stack, counselor).post('/wellness/youth', referral)).body;
  await as(stack, pc).post(`/tasks/${w.openTasks[0].id}/complete`, {
    outcome: 'assigned',
    data: { callerCaseId: callerCase },
  });
  const mentorSecrets = secretsOf(m.applicant);
  const youthSecrets = [
    referral.youth.name,
    referral.youth.dateOfBirth,
    referral.contact.phone,
    referral.contact.preferredTimes,
  ];
  const hr: Person = { sub: 'hr-n', roles: ['hr_officer'], department: 'CDT', name: 'H' };
  const sw: Person = { sub: 'sw-n', roles: ['social_worker'], name: 'S' };
  const personas: [string, Person][] = [
    ['cw1', cw1],
    ['cw2', cw2],
    ['caseSup', caseSup],
    ['admin', admin],
    ['pc', pc],
    ['pc2', pc2],
    ['counselor', counselor],
    ['caller', caller],
    ['hr', hr],
    ['sw', sw],
    ['unscoped staff', { sub: 'ps-n', roles: ['program_staff'] }],
  ];
  const entitled = { mentor: ['cw1', 'caseSup'], youth: ['pc', 'counselor', 'caller', 'caseSup'] };
  const paths = [
    '/cases?limit=200',
    `/cases?q=${encodeURIComponent(m.applicant.name)}`,
    '/tasks?limit=200',
    '/tasks?status=completed&limit=200',
    '/tasks?view=escalated&limit=200',
    '/tasks?view=team&limit=200',
    `/cases/${m.id}`,
    `/cases/${m.id}/timeline`,
    `/foster/mentors/${m.id}`,
    `/tasks/${m.flaggedTask}`,
    `/cases/${w.id}`,
    `/cases/${w.id}/timeline`,
    `/wellness/youth/${w.id}`,
    '/reports/tasks',
    '/foster/reports/pipeline',
  ];
  const found: string[] = [];
  for (const [name, who] of personas) {
    for (const path of paths) {
      const r = await as(stack, who).get(path);
      if (!entitled.mentor.includes(name))
        found.push(...leaks(r.text, mentorSecrets).map((s) => `${name} ${path}: ${s}`));
      if (!entitled.youth.includes(name))
        found.push(...leaks(r.text, youthSecrets).map((s) => `${name} ${path}: ${s}`));
    }
    const csv = await as(stack, who).get('/reports/tasks', { accept: 'text/csv' });
    found.push(
      ...leaks(csv.text, [...mentorSecrets, ...youthSecrets, m.applicant.name]).map((s) => `${name} CSV: ${s}`),
    );
  }
  expect(found).toEqual([]);
  // And the entitled do read them (the sweep is not vacuous).
  expect(leaks((await as(stack, cw1).get(`/foster/mentors/${m.id}`)).text, [NOTE])).toEqual([NOTE]);
  expect(leaks((await as(stack, pc).get(`/wellness/youth/${w.id}`)).text, [referral.contact.phone])).toEqual([
    referral.contact.phone,
  ]);
});
