/**
 * Every task has a defined end when its case ends, and what must hold keeps holding: a
 * match closes only once its safety review is done; a reference answering through the
 * link ends the phone follow-up; one enrollment per employee and year survives Temporal
 * forgetting the first case. Dev server with policy durations shrunk to seconds.
 */
import { matchWorkflow, matchWorkflowId } from '../../processes/foster/match';
import { reserveForMatchUpdate } from '../../processes/foster/messages';
import { as, eventually, QUIET_TASKS, startStack, truncateAll, type Stack } from '../support/stack';
import { certifiedProgram, employee, enrollmentBody, hr, year } from './fixtures';
import {
  activeMatch,
  approvedMentor,
  caseSup,
  cw1,
  mentorApplication,
  readyYouth,
  referenceToken,
  sw1,
} from './foster-fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    policy: {
      tasks: QUIET_TASKS,
      foster: {
        firstCheckInAfter: 'PT2S',
        referenceReminderAfter: 'PT1S',
        referenceFollowUpAfter: 'PT3S',
        reservationHold: 'PT2S',
      },
    },
  });
  await truncateAll(stack.db);
});
afterAll(async () => stack?.stop());

type Task = { id: string; type: string; status: string; title: string };
const openOf = (c: { openTasks: Task[] }, type: string) => c.openTasks.filter((t) => t.type === type);

test('a match with an open safety review stays closing until the review is done, then closes with nothing left open', async () => {
  const mentorId = await approvedMentor(stack);
  const match = await activeMatch(stack, mentorId, await readyYouth(stack));
  const contact = await eventually(
    async () => openOf((await as(stack, cw1).get(`/foster/matches/${match.id}`)).body, 'match_contact')[0],
    'the first contact',
  );
  await as(stack, cw1).post(`/tasks/${contact.id}/complete`, {
    outcome: 'done',
    data: { reached: ['mentor', 'youth'], how: 'phone', satisfaction: 2, safetyConcern: true },
  });
  const closing = await as(stack, cw1).post(`/foster/matches/${match.id}/close`, {
    reason: 'safety',
    notes: 'Caregiver asked to end',
  });
  expect(closing.body.stage).toBe('closing');
  const decision = openOf(closing.body, 'rematch_decision')[0];
  await as(stack, cw1).post(`/tasks/${decision.id}/complete`, { outcome: 'done', data: { decision: 'not_now' } });
  const meeting = openOf(closing.body, 'closure_meeting')[0];
  const talked = await as(stack, cw1).post(`/tasks/${meeting.id}/complete`, {
    outcome: 'done',
    data: { held: true, with: ['mentor', 'youth'], notes: 'Spoke with both' },
  });
  expect(talked.body.case.stage).toBe('closing');
  const safety = openOf(talked.body.case, 'safety_review')[0];
  expect(safety).toBeDefined();
  const reviewed = await as(stack, caseSup).post(`/tasks/${safety.id}/complete`, {
    outcome: 'done',
    comment: 'Plan in place',
  });
  expect(reviewed.status).toBe(200);
  expect(reviewed.body.case.stage).toBe('closed');
  const after = (await as(stack, cw1).get(`/foster/matches/${match.id}`)).body;
  expect(after.openTasks).toEqual([]);
  // Both parties are back in the pool.
  await eventually(
    async () => !(await as(stack, cw1).get(`/foster/mentors/${mentorId}`)).body.activeMatchId,
    'the mentor back in the pool',
  );
}, 60_000);

test('a reference answering through the link ends the phone follow-up task', async () => {
  const app = mentorApplication();
  const created = await as(stack, cw1).post('/foster/mentors', app);
  const { followUp, name } = await eventually(
    async () => {
      const c = (await as(stack, cw1).get(`/foster/mentors/${created.body.id}`)).body;
      const task = openOf(c, 'reference_followup')[0];
      // The task names the reference it is about ("Phone follow-up with reference …").
      return (
        task && {
          followUp: task,
          name: (c.references as { name: string }[]).find((r) => task.title.endsWith(r.name))!.name,
        }
      );
    },
    'the follow-up task',
    20_000,
  );
  const ref = app.references.find((r) => r.name === name)!;
  const answered = await as(stack).post(`/foster/references/${await referenceToken(ref.email)}`, {
    recommendation: 'yes',
  });
  expect(answered.status).toBe(200);
  const task = await eventually(async () => {
    const t = (await as(stack, cw1).get(`/tasks/${followUp.id}`)).body as Task;
    return t.status !== 'open' ? t : undefined;
  }, 'the follow-up ended');
  expect(task.status).toBe('cancelled');
}, 60_000);

test('one enrollment per employee and year holds after Temporal has forgotten the first case', async () => {
  const programId = await certifiedProgram(stack);
  const emp = employee(601);
  const first = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
  expect(first.status).toBe(201);
  await as(stack, hr).post(`/tasks/${first.body.openTasks[0].id}/complete`, { outcome: 'deny', comment: 'Unit 6' });
  const workflowId = `mentoring-leave-${year}-${emp.sub}`;
  // What retention does to a closed case: its execution is deleted, and the ID is free again.
  await stack.client.workflowService.deleteWorkflowExecution({
    namespace: 'default',
    workflowExecution: { workflowId },
  });
  await eventually(
    async () =>
      stack.client.workflow
        .getHandle(workflowId)
        .describe()
        .then(
          () => false,
          () => true,
        ),
    'the execution deleted',
    // The server deletes in the background: measured 5 s on a quiet machine and 20-31 s on a
    // loaded one, with either setting of its transfer-queue reads.
    90_000,
  );
  const second = await as(stack, emp).post('/mentoring-leave/enrollments', enrollmentBody(emp, programId));
  expect(second.status).toBe(409);
  expect(second.body.code).toBe('enrollment_exists');
}, 150_000);

test('a reservation is a lock: it never lapses while its match lives; a match that starts after its party was let go is cancelled with the reason', async () => {
  const mentorId = await approvedMentor(stack);
  const [youth1, youth2] = [await readyYouth(stack), await readyYouth(stack)];
  const wf = async (id: string) =>
    (await stack.db.selectFrom('cases').select('workflow_id').where('id', '=', id).executeTakeFirstOrThrow())
      .workflow_id;
  // A proposal whose request died after reserving: its match case never starts.
  const lateId = '00000000-0000-4000-8000-00000000beef';
  await stack.client.workflow
    .getHandle(await wf(mentorId))
    .executeUpdate(reserveForMatchUpdate, { args: [{ matchId: lateId }] });
  await stack.client.workflow
    .getHandle(await wf(youth1))
    .executeUpdate(reserveForMatchUpdate, { args: [{ matchId: lateId }] });
  expect(
    (await as(stack, cw1).post('/foster/matches', { mentorCaseId: mentorId, youthCaseId: youth2, rationale: 'x' })).body
      .code,
  ).toBe('mentor_not_available');
  // Past the hold, with no such case, the mentor is let go.
  const tl = await eventually(
    async () => {
      const items = (await as(stack, cw1).get(`/cases/${mentorId}/timeline`)).body.items as { event: string }[];
      return items.some((e) => e.event === 'reservation_released') ? items : undefined;
    },
    'the reservation released',
    20_000,
  );
  expect(tl.map((e) => e.event)).toContain('reservation_released');

  const taken = await as(stack, cw1).post('/foster/matches', {
    mentorCaseId: mentorId,
    youthCaseId: youth2,
    rationale: 'Both love chess',
  });
  expect(taken.status).toBe(201);
  // Held by a living match, the lock does not lapse however long it takes.
  await new Promise((r) => setTimeout(r, 3000));
  expect(
    (await as(stack, cw1).post('/foster/matches', { mentorCaseId: mentorId, youthCaseId: youth1, rationale: 'y' })).body
      .code,
  ).toBe('mentor_not_available');

  // The late match finally starts: the mentor is taken, so it cancels itself with the reason.
  const late = await stack.client.workflow.start(matchWorkflow, {
    taskQueue: stack.taskQueue,
    workflowId: matchWorkflowId(lateId),
    args: [
      {
        caseId: lateId,
        mentorCaseId: mentorId,
        youthCaseId: youth1,
        mentorWorkflowId: await wf(mentorId),
        youthWorkflowId: await wf(youth1),
        caseWorkerId: cw1.sub,
        socialWorker: { id: sw1.sub, email: sw1.email! },
        caregiverName: 'C',
        rationale: 'late',
        policy: stack.policy,
        proposedBy: { id: cw1.sub },
      },
    ],
  });
  await late.result();
  const cancelled = await eventually(async () => {
    const c = (await as(stack, cw1).get(`/foster/matches/${lateId}`)).body;
    return c.stage === 'cancelled' ? c : undefined;
  }, 'the late match cancelled');
  expect(cancelled.openTasks).toEqual([]);
  const events = (await as(stack, cw1).get(`/cases/${lateId}/timeline`)).body.items as {
    event: string;
    detail: { reason?: string };
  }[];
  expect(events.find((e) => e.event === 'proposal_cancelled')?.detail.reason).toMatch(/already in another match/);
  // The mentor stays with the match that took them; the late match's youth is free again.
  expect((await as(stack, cw1).get(`/foster/mentors/${mentorId}`)).body.activeMatchId).toBe(taken.body.id);
  await eventually(
    async () => !(await as(stack, cw1).get(`/foster/youth/${youth1}`)).body.activeMatchId,
    'the youth free again',
  );
  expect((await as(stack, cw1).get(`/foster/matches/${taken.body.id}`)).body.stage).toBe('proposed');
}, 90_000);
