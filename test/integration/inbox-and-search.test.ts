/**
 * Finding work and cases at any size: the inbox pages in due order through the
 * per-token index, and case search matches the beginnings of the words of a subject, among
 * the cases the caller may see. HTTP on a real Temporal dev server and PostgreSQL.
 */
import { as, startStack, truncateAll, type Stack } from '../support/stack';
import { certifiedProgram, employee, enrollmentBody, hr, hrElsewhere } from './fixtures';

let stack: Stack;
let caseId: string;

beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
  const programId = await certifiedProgram(stack);
  for (const n of [3, 4, 5]) {
    const created = await as(stack, employee(n)).post(
      '/mentoring-leave/enrollments',
      enrollmentBody(employee(n), programId),
    );
    expect(created.status).toBe(201);
    if (n === 3) caseId = created.body.id;
  }
});
afterAll(async () => stack?.stop());

test('the inbox pages in due order: limit and cursor give the whole list once', async () => {
  const all = (await as(stack, hr).get('/tasks?limit=100')).body.items as { id: string; dueAt: string }[];
  expect(all.length).toBeGreaterThanOrEqual(3);
  expect(all.map((t) => t.dueAt)).toEqual([...all.map((t) => t.dueAt)].sort());
  const paged: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await as(stack, hr).get(
      `/tasks?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
    );
    paged.push(...page.body.items.map((t) => t.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(paged).toEqual(all.map((t) => t.id));
});

test('case search finds a case by the beginnings of the words of its subject, among the cases the caller may see', async () => {
  const found = async (who: typeof hr, q: string) =>
    (await as(stack, who).get(`/cases?q=${encodeURIComponent(q)}`)).body.items.map((c: { id: string }) => c.id);
  // The subject names the employee ("Employee 3"): a word begun, any case, in any order.
  expect(await found(hr, 'employ')).toContain(caseId);
  expect(await found(hr, '3 EMPLOYEE')).toContain(caseId);
  expect(await found(hr, 'mentoring   employee, 3')).toContain(caseId);
  expect(await found(hr, 'ployee')).not.toContain(caseId);
  expect(await found(hr, 'employee 3zz')).toHaveLength(0);
  // Nothing to search for (no letters or digits) finds nothing and is not an error.
  const symbols = await as(stack, hr).get(`/cases?q=${encodeURIComponent("%_'&|!:*")}`);
  expect(symbols.status).toBe(200);
  expect(symbols.body.items).toHaveLength(0);
  expect(await found(hrElsewhere, 'employee 3')).toHaveLength(0);
});
