/**
 * Cases due at the same close of business day do not all escalate in the same second: on
 * the time-skipping server, several leave cases whose eligibility review falls due at one
 * midnight escalate at different instants within the spread window after it, and none
 * before the deadline a person was shown.
 */
import { calls, env, person, startLeaveCase } from './harness';
import { laYear } from '../../platform/workflow/calendar';
import { openTasksQuery } from '../../platform/workflow/messages';

const employee = person('emp-spread', ['employee'], { department: 'CDT' });

async function enrolment() {
  return startLeaveCase(employee, laYear(Number(await env.currentTimeMs())));
}

test('eight reviews due at one close of day escalate at eight instants within the window after it', async () => {
  const handles = [];
  for (let i = 0; i < 8; i++) handles.push(await enrolment());
  const dues = await Promise.all(
    handles.map(async (h) => (await h.query(openTasksQuery)).find((t) => t.type === 'eligibility_review')!.dueAt),
  );
  expect(new Set(dues).size).toBe(1);
  const due = Date.parse(dues[0]);
  await env.sleep(due - Number(await env.currentTimeMs()) - 60_000);
  const escalations = () => calls.transitions.filter((t) => t.events?.some((e) => e.event === 'task_escalated'));
  expect(escalations()).toEqual([]);
  // Past the whole window: each escalated once, at its own instant after the deadline.
  await env.sleep(60_000 + 2 * 3_600_000 + 60_000);
  const at = escalations().map((t) => Date.parse(t.case!.updatedAt));
  expect(at).toHaveLength(8);
  for (const t of at) {
    expect(t).toBeGreaterThanOrEqual(due);
    expect(t).toBeLessThan(due + 2 * 3_600_000);
  }
  // Spread over the window, not bunched at the deadline: at least a quarter of an hour
  // between the first and the last, and no more than two in the same minute.
  expect(Math.max(...at) - Math.min(...at)).toBeGreaterThan(15 * 60_000);
  const perMinute = new Map<number, number>();
  for (const t of at) perMinute.set(Math.floor(t / 60_000), (perMinute.get(Math.floor(t / 60_000)) ?? 0) + 1);
  expect(Math.max(...perMinute.values())).toBeLessThanOrEqual(2);
  for (const h of handles) await h.terminate('done');
});
