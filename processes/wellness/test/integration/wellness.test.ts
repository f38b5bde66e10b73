/**
 * Wellness check-in calls (docs/processes/wellness-check-ins.md) through HTTP on a real Temporal dev server and
 * PostgreSQL: the callers' shorter screening, a youth referred by a school counselor, the
 * coordinator's assignment refused for a caller who does not speak the youth's language or
 * is not approved, the calls with what they bring up (resources, two unreached in a row,
 * safety), extending to 5 calls, and the close with its summary to the referrer.
 */
import { as, eventually, mailbox, startStack, truncateAll, type Stack } from '../../../../test/support/stack';
import { admin } from '../../../../test/integration/fixtures';
import { caseSup, cw1 } from '../../../../test/integration/foster-fixtures';
import {
  approvedCaller,
  callerApplication,
  counselor,
  pc,
  wellnessReferral,
} from '../../../../test/integration/wellness-fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  await truncateAll(stack.db);
});
afterAll(async () => stack?.stop());

type Task = { id: string; type: string; candidateRoles: string[]; dueAt: string };
const open = async (id: string, type: string) =>
  ((await as(stack, pc).get(`/wellness/youth/${id}`)).body.openTasks as Task[]).filter((t) => t.type === type);

test("callers' shorter track: identity and registry checks, one reference, two training hours, no interview", async () => {
  const noRefs = await as(stack, cw1).post('/wellness/callers', { ...callerApplication(['English']), references: [] });
  expect(noRefs.status).toBe(400);
  const created = await as(stack, cw1).post('/wellness/callers', callerApplication(['English']));
  expect(created.status).toBe(201);
  expect(created.body.type).toBe('caller_screening');
  expect(created.body.checks.map((c: { name: string }) => c.name)).toEqual(['identity', 'registry']);
  expect(created.body.openTasks.map((t: Task) => t.type).sort()).toEqual(['background_check', 'background_check']);
  const { caseId } = await approvedCaller(stack, ['English']);
  expect((await as(stack, caseSup).get(`/wellness/callers/${caseId}`)).body).toMatchObject({
    stage: 'approved',
    trainingHours: 2,
  });
  // The coordinators see the pool of callers they assign from.
  expect((await as(stack, pc).get(`/wellness/callers/${caseId}`)).status).toBe(200);
});

test("assignment needs an approved caller who speaks the youth's language; the youth is for the referrer, the assigning coordinator, the caller and case supervisors", async () => {
  const english = await approvedCaller(stack, ['English']);
  const spanish = await approvedCaller(stack, ['english', 'SPANISH']);
  const pending = (await as(stack, cw1).post('/wellness/callers', callerApplication(['Spanish']))).body.id as string;
  const referred = await as(stack, counselor).post('/wellness/youth', wellnessReferral(['Spanish']));
  expect(referred.status).toBe(201);
  const id = referred.body.id as string;
  const [assign] = referred.body.openTasks as Task[];
  expect(assign).toMatchObject({ type: 'assign_caller', candidateRoles: ['partnership_coordinator'] });

  const mismatch = await as(stack, pc).post(`/tasks/${assign.id}/complete`, {
    outcome: 'assigned',
    data: { callerCaseId: english.caseId },
  });
  expect([mismatch.status, mismatch.body.code]).toEqual([422, 'caller_language_mismatch']);
  const notApproved = await as(stack, pc).post(`/tasks/${assign.id}/complete`, {
    outcome: 'assigned',
    data: { callerCaseId: pending },
  });
  expect([notApproved.status, notApproved.body.code]).toEqual([422, 'caller_not_available']);
  const unknown = await as(stack, pc).post(`/tasks/${assign.id}/complete`, {
    outcome: 'assigned',
    data: { callerCaseId: 'no-such-case' },
  });
  expect([unknown.status, unknown.body.code]).toEqual([422, 'caller_not_available']);
  expect((await as(stack, pc).get(`/wellness/youth/${id}`)).body.stage).toBe('awaiting_caller');

  const assigned = await as(stack, pc).post(`/tasks/${assign.id}/complete`, {
    outcome: 'assigned',
    data: { callerCaseId: spanish.caseId },
  });
  expect(assigned.status).toBe(200);
  expect(assigned.body.case.stage).toBe('calling');
  const youth = await as(stack, spanish.caller).get(`/wellness/youth/${id}`);
  expect(youth.body.youth.name).toBe(referred.body.youth.name);
  expect(youth.body.openTasks.map((t: Task & { mayComplete: boolean }) => [t.type, t.mayComplete])).toEqual([
    ['wellness_call', true],
  ]);
  for (const who of [english.caller, admin, cw1])
    expect((await as(stack, who).get(`/wellness/youth/${id}`)).status).toBe(404);
  expect((await as(stack, caseSup).get(`/wellness/youth/${id}`)).status).toBe(200);
});

test('calls: a need opens a resource task, two unreached a contact check, safety an urgent task; extended to 5, then closed with a summary', async () => {
  const { caseId: callerCase, caller } = await approvedCaller(stack, ['Spanish']);
  const referred = await as(stack, counselor).post('/wellness/youth', wellnessReferral(['Spanish']));
  const id = referred.body.id as string;
  await as(stack, pc).post(`/tasks/${referred.body.openTasks[0].id}/complete`, {
    outcome: 'assigned',
    data: { callerCaseId: callerCase },
  });
  const log = async (data: Record<string, unknown>) => {
    const [call] = (await as(stack, caller).get(`/wellness/youth/${id}`)).body.openTasks.filter(
      (t: Task) => t.type === 'wellness_call',
    );
    const r = await as(stack, caller).post(`/tasks/${call.id}/complete`, { outcome: 'logged', data });
    expect([r.status, r.text.slice(0, 200)]).toEqual([200, expect.any(String)]);
    return r.body.case;
  };
  const [first] = (await as(stack, caller).get(`/wellness/youth/${id}`)).body.openTasks as Task[];
  const bad = await as(stack, caller).post(`/tasks/${first.id}/complete`, {
    outcome: 'logged',
    data: { reached: true, minutes: 20, mood: 3, needs: ['money'] },
  });
  expect([bad.status, bad.body.errors.map((e: { path: string }) => e.path)]).toEqual([400, ['data.needs.0']]);
  const noMood = await as(stack, caller).post(`/tasks/${first.id}/complete`, {
    outcome: 'logged',
    data: { reached: true, minutes: 20 },
  });
  expect([noMood.status, noMood.body.errors.map((e: { path: string }) => e.path)]).toEqual([400, ['data.mood']]);

  let c = await log({ reached: true, minutes: 25, mood: 3, needs: ['food'], notes: 'Asked about the food bank' });
  expect(c.openTasks.map((t: Task) => t.type).sort()).toEqual(['resource_referral', 'wellness_call']);
  const second = c.openTasks.find((t: Task) => t.type === 'wellness_call');
  // The second call is a week after the assignment, to be logged within 2 days of it.
  expect((Date.parse(second.dueAt) - Date.parse(c.caller.assignedAt)) / 86_400_000).toBeCloseTo(9, 0);
  await log({ reached: false, minutes: 0 });
  c = await log({ reached: false, minutes: 0 });
  expect(await open(id, 'confirm_contact')).toHaveLength(1);
  expect(c.stage).toBe('deciding');
  const [decide] = c.openTasks.filter((t: Task) => t.type === 'extend_or_close');
  expect((await as(stack, caller).post(`/tasks/${decide.id}/complete`, { outcome: 'extend' })).body.case).toMatchObject(
    { stage: 'calling', plannedCalls: 5 },
  );

  c = await log({ reached: true, minutes: 15, mood: 1, needs: ['safety'] });
  const [safety] = await open(id, 'safety_review');
  expect(safety.candidateRoles).toEqual(['partnership_coordinator', 'case_supervisor', 'referrer']);
  expect(Date.parse(safety.dueAt) - Date.now()).toBeLessThanOrEqual(86_400_000);
  await eventually(
    async () => (await mailbox(counselor.email)).some((m) => m.subject.includes('URGENT')),
    'the urgent e-mail to the referrer',
  );
  c = await log({ reached: true, minutes: 30, mood: 4 });
  // Five calls: the calls end, but the case waits until what they brought up is seen to.
  expect(c).toMatchObject({ stage: 'closing', status: 'open' });
  expect(
    (
      await as(stack, counselor).post(`/tasks/${safety.id}/complete`, {
        outcome: 'done',
        comment: 'Spoke with the guardian',
      })
    ).status,
  ).toBe(200);
  const [confirm] = await open(id, 'confirm_contact');
  expect(
    (
      await as(stack, counselor).post(`/tasks/${confirm.id}/complete`, {
        outcome: 'confirmed',
        data: { phone: '+1 559 555 0100' },
      })
    ).status,
  ).toBe(200);
  const [resources] = await open(id, 'resource_referral');
  const closed = await as(stack, pc).post(`/tasks/${resources.id}/complete`, { outcome: 'done' });
  expect(closed.body.case).toMatchObject({ stage: 'closed', status: 'closed', outcome: 'completed', openTasks: [] });
  expect(closed.body.case.calls).toHaveLength(5);
  const summary = await eventually(
    async () => (await mailbox(counselor.email)).find((m) => m.subject.includes('ended')),
    'the summary',
  );
  expect(summary.text).toContain('5 calls, 3 reached');
  expect(summary.text).not.toContain(referred.body.youth.name);
});
