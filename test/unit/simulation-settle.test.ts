/**
 * When the simulation's settle takes a case for idle (its checks then run). A look can
 * catch a run that continued as new before the next run is the current one: that is no
 * resting state, and checking it reported the case as unhealthy and not closed.
 */
import type { Look } from '../simulation/settle';
import { idle } from '../simulation/settle';

const look = (status: string, eventTypes: number[], pendingActivities = 0): Look => ({
  c: { workflowId: 'w', caseId: 'c', kind: 'case' },
  status,
  runId: 'r',
  history: eventTypes.map((eventType) => ({ eventType })),
  pendingActivities,
  nextRetryMs: Infinity,
  activityBusy: false,
});

test('a running case is idle once its last workflow task completed and no activity is pending', () => {
  expect(idle(look('RUNNING', [1, 5, 6, 7]))).toBe(true);
  expect(idle(look('RUNNING', [1, 5, 6, 7, 26, 5]))).toBe(false);
  expect(idle(look('RUNNING', [1, 5, 6, 7, 10], 1))).toBe(false);
});

test('a closed run is idle; a run that continued as new is not (the next one is on its way)', () => {
  expect(idle(look('COMPLETED', [1, 5, 6, 7, 2]))).toBe(true);
  expect(idle(look('TERMINATED', [1, 5, 6, 7, 26, 5, 11]))).toBe(true);
  expect(idle(look('CONTINUED_AS_NEW', [1, 5, 6, 7, 40]))).toBe(false);
});
