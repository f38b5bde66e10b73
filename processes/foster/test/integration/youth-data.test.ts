/**
 * A youth's personal data stays with the youth's readers: the assigned case worker, case
 * supervisors and the youth's social worker. No one else finds the youth or the match through
 * any read, and no e-mail, workflow id, search attribute or task title carries the youth's name.
 * On the dev server and PostgreSQL, through HTTP.
 */
import { as, mailbox, startStack, type Stack } from '../../../../test/support/stack';
import { admin, employee, hr } from '../../../../test/integration/fixtures';
import {
  activeMatch,
  approvedMentor,
  caseSup,
  cw1,
  cw2,
  readyYouth,
  sw1,
  sw2,
} from '../../../../test/integration/foster-fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.stop());

const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((x) => x.id);

describe('protecting youth data', () => {
  test("only the assigned case worker, case supervisors and the youth's social worker see youth and match cases", async () => {
    const mentorId = await approvedMentor(stack);
    const youthId = await readyYouth(stack);
    const match = await activeMatch(stack, mentorId, youthId);
    const y = await as(stack, cw1).get(`/foster/youth/${youthId}`);
    const name = y.body.youth.name as string;
    expect(y.body.youth).toMatchObject({ name, needs: expect.stringContaining('school attendance') });
    expect((await as(stack, caseSup).get(`/foster/youth/${youthId}`)).status).toBe(200);
    expect((await as(stack, sw1).get(`/foster/youth/${youthId}`)).status).toBe(200);
    expect((await as(stack, sw1).get(`/foster/matches/${match.id}`)).status).toBe(200);
    // Admins run the system but are not among the youth's readers either.
    for (const outsider of [cw2, sw2, hr, admin, employee(99), { sub: 'qr', roles: ['quality_reviewer'] }]) {
      expect((await as(stack, outsider).get(`/foster/youth/${youthId}`)).status).toBe(404);
      expect((await as(stack, outsider).get(`/foster/matches/${match.id}`)).status).toBe(404);
      expect((await as(stack, outsider).get(`/cases/${youthId}/timeline`)).status).toBe(404);
      const list = await as(stack, outsider).get(`/cases?q=${encodeURIComponent(name)}`);
      expect(ids(list)).not.toContain(youthId);
      expect(JSON.stringify((await as(stack, outsider).get('/cases?type=youth_referral')).body)).not.toContain(name);
      expect(JSON.stringify((await as(stack, outsider).get('/tasks')).body)).not.toContain(name);
    }

    // No e-mail to anyone carries the youth's name or needs; nor do workflow IDs or search attributes.
    const all = await mailbox();
    expect(all.filter((m) => m.text.includes(name) || m.subject.includes(name))).toHaveLength(0);
    const d = await stack.client.workflow.getHandle(`youth-referral-${youthId}`).describe();
    expect(JSON.stringify({ id: d.workflowId, sa: d.typedSearchAttributes, memo: d.memo })).not.toContain(
      name.split(' ')[1],
    );
    const tasks = await stack.db
      .selectFrom('tasks')
      .select('title')
      .where('case_id', 'in', [youthId, match.id])
      .execute();
    expect(tasks.every((t) => !t.title.includes(name))).toBe(true);
  });
});
