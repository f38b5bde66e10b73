/**
 * The audit log an administrator opens shows the latest changes first, page after page, while
 * an export or an API client that asks nothing reads oldest first: with more changes on record
 * than one page holds (a partnership's log after its first months), the change just made is on
 * the first page of `order=newest`.
 */
import { randomUUID } from 'node:crypto';
import { as, startStack, type Stack } from '../support/stack';
import { admin, DEPT } from './fixtures';

let stack: Stack;
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.db.deleteFrom('people').where('id', 'like', `audit-%-${run}`).execute();
  await stack?.stop();
});

const add = async (n: number) => {
  const id = `audit-${n}-${run}`;
  const r = await as(stack, admin).post('/people', {
    id,
    name: `Audit ${n}`,
    email: `${id}@example.gov`,
    roles: [{ role: 'employee', department: DEPT }],
  });
  expect(r.status).toBe(201);
  return `person:${id}`;
};

test('newest first: the change just made leads the first page, and the pages go back in time without a gap', async () => {
  const since = new Date(Date.now() - 1_000).toISOString();
  const targets: string[] = [];
  for (let n = 0; n < 5; n++) targets.push(await add(n));
  const first = await as(stack, admin).get('/audit?kind=person_created&order=newest&limit=2');
  expect(first.status).toBe(200);
  expect(first.body.items.map((i: { target: string }) => i.target)).toEqual([targets[4], targets[3]]);
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: { target: string; at: string }[]; nextCursor: string | null } } =
      await as(stack, admin).get(
        `/audit?kind=person_created&order=newest&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
    expect(page.status).toBe(200);
    seen.push(...page.body.items.map((i) => i.target));
    cursor = page.body.nextCursor;
  } while (cursor);
  const mine = seen.filter((t) => targets.includes(t));
  expect(mine).toEqual([...targets].reverse());
  // Asking nothing keeps the order API clients and exports have always had: oldest first.
  const oldest = await as(stack, admin).get(`/audit?kind=person_created&limit=200&from=${encodeURIComponent(since)}`);
  const inOrder = oldest.body.items.map((i: { target: string }) => i.target).filter((t: string) => targets.includes(t));
  expect(inOrder).toEqual(targets);
});

test('an order the log does not know is refused with its field named, and changes nothing', async () => {
  const r = await as(stack, admin).get('/audit?order=sideways');
  expect(r.status).toBe(400);
  expect(r.headers.get('content-type')).toMatch(/problem\+json/);
  expect(JSON.stringify(r.body.errors)).toContain('order');
});
