/**
 * A changed calendar moves the open deadlines counted in business days, and nothing else:
 * not a due time the process set itself, not a deadline already passed, not an escalated task.
 */
import { addDuration, BusinessCalendar, CALIFORNIA_STATE_HOLIDAYS } from '../../platform/workflow/calendar';
import { moveOpenDeadlines } from '../../platform/workflow/deadline-moves';
import { DEFAULT_POLICY, taskPolicy } from '../../platform/workflow/policy';
import type { TaskRecord } from '../../platform/workflow/records';

const before = new BusinessCalendar(CALIFORNIA_STATE_HOLIDAYS);
const after = new BusinessCalendar(CALIFORNIA_STATE_HOLIDAYS, { added: { 2027: ['2027-03-03'] } });
const opened = Date.parse('2027-03-01T17:00:00Z'); // Monday morning in Los Angeles
const due = taskPolicy(DEFAULT_POLICY, 'eligibility_review').due;

function task(over: Partial<TaskRecord> = {}): TaskRecord {
  const dueMs = addDuration(opened, due, before);
  return {
    id: 't1',
    type: 'eligibility_review',
    status: 'open',
    createdAt: new Date(opened).toISOString(),
    dueAt: new Date(dueMs).toISOString(),
    remindAt: new Date(dueMs - 86_400_000).toISOString(),
    reminded: false,
    escalated: false,
    ...over,
  } as TaskRecord;
}

test('a holiday added before the deadline moves it one business day, and its reminder with it', () => {
  const t = task();
  const moved = moveOpenDeadlines([t], DEFAULT_POLICY, before, after, opened);
  expect(moved).toEqual([t]);
  expect(due).toEqual({ businessDays: 10 });
  // The 10th business day was Monday, March 15; with Wednesday March 3 off it is Tuesday, March 16
  // (due at its close, midnight in Los Angeles), reminded 2 business days before: Monday's start.
  expect(t.dueAt).toBe('2027-03-17T07:00:00.000Z');
  expect(t.remindAt).toBe('2027-03-15T07:00:00.000Z');
});

test('a due time the process set, a passed deadline, an escalated or closed task stay where they are', () => {
  const own = task({ dueAt: '2027-03-20T19:00:00.000Z' });
  const escalated = task({ escalated: true });
  const closed = task({ status: 'completed' });
  const passed = task();
  const later = Date.parse(passed.dueAt) + 1;
  expect(moveOpenDeadlines([own, escalated, closed], DEFAULT_POLICY, before, after, opened)).toEqual([]);
  expect(moveOpenDeadlines([passed], DEFAULT_POLICY, before, after, later)).toEqual([]);
  expect(own.dueAt).toBe('2027-03-20T19:00:00.000Z');
});
