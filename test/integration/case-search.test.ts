/**
 * The Cases page's search (GET /cases with filters): "my cases" of a case worker, filters that
 * narrow within what the caller may see, keyset paging, a 400 for a bad filter, and nothing
 * at all for an HR officer of another department. HTTP on a real Temporal dev server and
 * PostgreSQL.
 */
import { sql } from 'kysely';
import { as, startStack, truncateAll, type Person, type Stack } from '../support/stack';
import { certifiedProgram, employee, enrollmentBody, hr, hrElsewhere } from './fixtures';
import { approvedMentor, caseSup, cw1, cw2, mentorApplication, sw1, youthReferral } from './foster-fixtures';

let stack: Stack;
let leave: string;
let youthOfCw1: { id: string; stage: string };
let applicant: string;
let youthOfCw2: string;
let screeningOfCw2: string;
/** Screened and in the pool: no open task names its case worker, who still works it as its owner of record. */
let approvedOfCw1: string;

beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
  const programId = await certifiedProgram(stack);
  const created = await as(stack, employee(9301)).post(
    '/mentoring-leave/enrollments',
    enrollmentBody(employee(9301), programId),
  );
  expect(created.status).toBe(201);
  leave = created.body.id;
  const a = await as(stack, sw1).post('/foster/youth', youthReferral());
  const b = await as(stack, sw1).post('/foster/youth', youthReferral({ caseWorkerId: cw2.sub }));
  const application = mentorApplication();
  applicant = application.applicant.name;
  const s = await as(stack, cw2).post('/foster/mentors', application);
  expect([a.status, b.status, s.status]).toEqual([201, 201, 201]);
  youthOfCw1 = a.body;
  youthOfCw2 = b.body.id;
  screeningOfCw2 = s.body.id;
  approvedOfCw1 = await approvedMentor(stack);
});
afterAll(async () => stack?.stop());

const ids = async (who: Person, query: string): Promise<string[]> => {
  const r = await as(stack, who).get(`/cases?${query}`);
  expect(r.status).toBe(200);
  return r.body.items.map((c: { id: string }) => c.id);
};

test('a case worker\'s "my cases" lists the foster cases they work, never another worker\'s', async () => {
  const mine = await ids(cw1, 'assigneeId=me');
  expect(mine).toContain(youthOfCw1.id);
  expect(mine).not.toContain(youthOfCw2);
  expect(mine).not.toContain(screeningOfCw2);
  expect(mine).toContain(approvedOfCw1);
  expect(await ids(cw1, `assigneeId=${cw1.sub}`)).toEqual(mine);
  const theirs = await ids(cw2, 'assigneeId=me');
  expect(theirs).toEqual(expect.arrayContaining([youthOfCw2, screeningOfCw2]));
  expect(theirs).not.toContain(youthOfCw1.id);
  // An approved mentor is in the pool every case worker sees, and still only its own case worker's case.
  expect(await ids(cw2, '')).toContain(approvedOfCw1);
  expect(theirs).not.toContain(approvedOfCw1);
  // Only a supervising role lists the cases another person works.
  const other = await as(stack, cw1).get(`/cases?assigneeId=${cw2.sub}`);
  expect(other.status).toBe(403);
  expect(other.headers.get('content-type')).toMatch(/application\/problem\+json/);
});

test('each filter narrows the cases the caller sees, and pages come whole', async () => {
  const all = await ids(caseSup, 'limit=200');
  expect(all).toEqual(expect.arrayContaining([youthOfCw1.id, youthOfCw2, screeningOfCw2]));
  expect(await ids(caseSup, 'type=youth_referral')).toEqual(expect.arrayContaining([youthOfCw1.id, youthOfCw2]));
  expect(await ids(caseSup, 'type=youth_referral')).not.toContain(screeningOfCw2);
  expect((await ids(caseSup, `assigneeId=${cw2.sub}`)).sort()).toEqual([youthOfCw2, screeningOfCw2].sort());
  expect(await ids(caseSup, `assigneeId=${cw2.sub}&type=youth_referral`)).toEqual([youthOfCw2]);
  expect(await ids(caseSup, `type=youth_referral&stage=${youthOfCw1.stage}`)).toContain(youthOfCw1.id);
  expect(await ids(caseSup, 'type=youth_referral&stage=closed')).toEqual([]);
  expect(await ids(caseSup, `q=${encodeURIComponent(applicant.toLowerCase())}`)).toEqual([screeningOfCw2]);
  // Keyset pages of one case each give the whole list once, in the same order.
  const paged: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await as(stack, caseSup).get(
      `/cases?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
    );
    paged.push(...page.body.items.map((c) => c.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(paged).toEqual(all);
});

test('overdue: the cases with an open task past due', async () => {
  expect(await ids(caseSup, 'overdue=true')).toEqual([]);
  // The read model as it stands once a task's due time has passed (the workflow's timer is an hour out).
  await sql`UPDATE tasks SET due_at = now() - interval '1 day' WHERE case_id = ${youthOfCw1.id} AND status = 'open'`.execute(
    stack.db,
  );
  expect(await ids(caseSup, 'overdue=true')).toEqual([youthOfCw1.id]);
  expect(await ids(cw1, 'assigneeId=me&overdue=true')).toEqual([youthOfCw1.id]);
  expect(await ids(cw2, 'assigneeId=me&overdue=true')).toEqual([]);
  const onTime = await ids(caseSup, 'overdue=false');
  expect(onTime).toContain(youthOfCw2);
  expect(onTime).not.toContain(youthOfCw1.id);
});

test('a bad filter is a 400 problem naming it: an unknown process, overdue not a boolean, an id with spaces', async () => {
  for (const [query, path] of [
    ['type=no_such_process', 'type'],
    ['overdue=yes', 'overdue'],
    ['assigneeId=two%20words', 'assigneeId'],
  ]) {
    const r = await as(stack, caseSup).get(`/cases?${query}`);
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(r.body.errors.map((e: { path: string }) => e.path).join(' ')).toContain(path);
  }
});

test('an HR officer of another department finds nothing, whatever the filters', async () => {
  expect(await ids(hr, 'type=mentoring_leave')).toContain(leave);
  expect(await ids(hr, 'assigneeId=me')).toEqual([]);
  for (const query of ['', 'type=mentoring_leave', 'q=employee', 'overdue=false', 'assigneeId=me'])
    expect(await ids(hrElsewhere, query)).toEqual([]);
});
