/**
 * A case that lives a year must keep a bounded history: past the policy's event limit the
 * workflow continues as new, carrying its state, and the case goes on as before.
 */
import { as, eventually, startStack, type Stack } from '../support/stack';
import { activeEnrollment, certifiedProgram, employee, hr, sup, today, verifiedHours, year } from './fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ policy: { maxHistoryEvents: 100 } });
});
afterAll(async () => stack?.stop());

test('the leave workflow continues as new with its ledger and open tasks intact', async () => {
  const programId = await certifiedProgram(stack);
  const emp = employee(80);
  const caseId = await activeEnrollment(stack, emp, programId);
  for (let i = 0; i < 8; i++) await verifiedHours(stack, emp, caseId, programId, 1);
  const req = await as(stack, emp).post(`/mentoring-leave/enrollments/${caseId}/requests`, {
    date: today,
    hours: 3,
    attestNoTravel: true,
  });
  expect(req.status).toBe(201);

  const handle = stack.client.workflow.getHandle(`mentoring-leave-${year}-${emp.sub}`);
  // Bounded: a run past the limit continues as soon as its handlers finish (under load a run
  // may pass the limit while the last entries are still being handled; it then continues).
  const d = await eventually(async () => {
    const now = await handle.describe();
    return now.runId !== now.raw.workflowExecutionInfo?.firstRunId && now.historyLength < 100 ? now : undefined;
  }, 'a continued-as-new run under the limit');
  expect(d.historyLength).toBeLessThan(100);

  // The carried-over task is still open, and completing it advances the case.
  const c = (await as(stack, emp).get(`/mentoring-leave/enrollments/${caseId}`)).body;
  expect(c.ledger).toMatchObject({ verifiedPersonalHours: 8, pendingLeaveHours: 3 });
  const supTask = c.openTasks.find((t: { type: string }) => t.type === 'supervisor_approval');
  const r = await as(stack, sup).post(`/tasks/${supTask.id}/complete`, { outcome: 'approve' });
  expect(r.status).toBe(200);
  const hrTask = r.body.case.openTasks.find((t: { type: string }) => t.type === 'hr_approval');
  expect(
    (await as(stack, hr).post(`/tasks/${hrTask.id}/complete`, { outcome: 'approve' })).body.case.ledger,
  ).toMatchObject({ approvedLeaveHours: 3, availableLeaveHours: 5 });
});

test('mentor and youth records continue as new while proposals and matches reach them', async () => {
  const { approvedMentor, readyYouth, activeMatch } = await import('./foster-fixtures');
  const mentorId = await approvedMentor(stack);
  const youthId = await readyYouth(stack);
  const match = await activeMatch(stack, mentorId, youthId);
  expect(match.stage).toBe('active');
  const d = await stack.client.workflow.getHandle(`mentor-screening-${mentorId}`).describe();
  expect(d.runId).not.toBe(d.raw.workflowExecutionInfo?.firstRunId);
  const { cw1 } = await import('./foster-fixtures');
  expect((await as(stack, cw1).get(`/foster/mentors/${mentorId}`)).body).toMatchObject({
    stage: 'approved',
    activeMatchId: match.id,
  });
});

describe('a match that runs for years', () => {
  let fast: Stack;
  beforeAll(async () => {
    // The contact schedule shrunk to seconds: enough contacts to continue as new several times.
    const contactSchedule = {
      first: 'PT1S',
      second: 'PT2S',
      every: 'PT1S',
      caregiverFirst: 'PT2S',
      caregiverEvery: 'PT3S',
    };
    fast = await startStack({ policy: { maxHistoryEvents: 100, foster: { contactSchedule } } });
  });
  afterAll(async () => fast?.stop());

  test('keeps a bounded history by continuing as new, and keeps its contact schedule', async () => {
    const { approvedMentor, readyYouth, activeMatch, cw1 } = await import('./foster-fixtures');
    const match = await activeMatch(fast, await approvedMentor(fast), await readyYouth(fast));
    const handle = fast.client.workflow.getHandle(`match-${match.id}`);
    await eventually(
      async () => {
        const d = await handle.describe();
        return d.runId !== d.raw.workflowExecutionInfo?.firstRunId;
      },
      'the match to continue as new',
      60_000,
    );
    const opened = await eventually(
      async () => {
        const rows = await fast.db
          .selectFrom('tasks')
          .select('ref')
          .where('case_id', '=', match.id)
          .where('type', '=', 'match_contact')
          .execute();
        return rows.length >= 12 ? rows : undefined;
      },
      'a dozen contacts',
      60_000,
    );
    // One contact per due date, none lost or repeated across runs.
    expect(new Set(opened.map((t) => t.ref)).size).toBe(opened.length);
    expect((await handle.describe()).historyLength).toBeLessThan(150);
    expect((await as(fast, cw1).get(`/foster/matches/${match.id}`)).body.stage).toBe('active');
  });
});
