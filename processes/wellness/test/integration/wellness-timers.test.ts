/**
 * Wellness check-ins' clocks with their real policy durations, on the time-skipping server:
 * a call not logged within 2 days of its date alerts the coordinator who assigned the
 * caller (escalation and e-mail); the next call is a week after the first, with a reminder to the caller on its
 * date; a safety concern is due the same day and escalates past it.
 */
import { laDate } from '../../../../platform/workflow/calendar';
import { as, eventually, mailbox, type Stack } from '../../../../test/support/stack';
import { useTimeSkipping, type TimeSkipping } from '../../../../test/support/time-skipping';
import { approvedCaller, counselor, pc, wellnessReferral } from '../../../../test/integration/wellness-fixtures';
import { actedBy } from '../../../../test/support/deadlines';

let ts: TimeSkipping;
let stack: Stack;
useTimeSkipping((t) => {
  ts = t;
  stack = t.stack;
});

type Task = { id: string; type: string; dueAt: string; escalated: boolean };
const DAY = 86_400_000;

test('a call not logged within 2 days alerts the assigning coordinator; the next is a week on, reminded on its date; safety is due the same day', async () => {
  const { caseId: callerCase, caller } = await approvedCaller(stack, ['Spanish']);
  const referred = await as(stack, counselor).post('/wellness/youth', wellnessReferral(['Spanish']));
  const id = referred.body.id as string;
  const assignedAt = await ts.now();
  await as(stack, pc).post(`/tasks/${referred.body.openTasks[0].id}/complete`, {
    outcome: 'assigned',
    data: { callerCaseId: callerCase },
  });
  const calls = async () =>
    ((await as(stack, caller).get(`/wellness/youth/${id}`)).body.openTasks as Task[]).filter(
      (t) => t.type === 'wellness_call',
    );
  const [first] = await calls();
  expect((Date.parse(first.dueAt) - assignedAt) / DAY).toBeCloseTo(2, 1);

  await ts.skipTo(assignedAt + 1.5 * DAY);
  expect((await as(stack, pc).get(`/tasks/${first.id}`)).body.escalated).toBe(false);
  await ts.skipTo(actedBy(Date.parse(first.dueAt)));
  expect((await as(stack, pc).get(`/tasks/${first.id}`)).body.escalated).toBe(true);
  // Assigned: the coordinator who assigned the caller is alerted (not every coordinator), and case supervisors.
  await eventually(
    async () => (await mailbox(pc.email)).some((m) => m.subject.includes('Overdue') && m.text.includes(first.id)),
    'the assigning coordinator is alerted',
  );
  expect(
    (await mailbox('partnership@mentorflow.local')).some(
      (m) => m.text.includes(first.id) && m.subject.includes('Overdue'),
    ),
  ).toBe(false);

  await as(stack, caller).post(`/tasks/${first.id}/complete`, {
    outcome: 'logged',
    data: { reached: true, minutes: 10, mood: 3 },
  });
  const [second] = await calls();
  // A week after the assignment, logged within 2 days (an hour either way across daylight saving).
  expect((Date.parse(second.dueAt) - assignedAt) / DAY).toBeCloseTo(9, 1);
  await ts.skipTo(assignedAt + 7 * DAY);
  await eventually(
    async () =>
      (await mailbox(caller.email)).some(
        (m) => m.subject.includes('Reminder') && m.subject.includes('Wellness call 2'),
      ),
    'the reminder on the call date',
  );

  const logged = await as(stack, caller).post(`/tasks/${second.id}/complete`, {
    outcome: 'logged',
    data: { reached: true, minutes: 12, mood: 1, needs: ['safety'] },
  });
  const safety = (logged.body.case.openTasks as Task[]).find((t) => t.type === 'safety_review')!;
  const now = await ts.now();
  expect(laDate(Date.parse(safety.dueAt) - 1)).toBe(laDate(now));
  await ts.skipTo(actedBy(Date.parse(safety.dueAt)));
  expect((await as(stack, pc).get(`/tasks/${safety.id}`)).body.escalated).toBe(true);
});
