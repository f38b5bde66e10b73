/**
 * The profile of one click (`npm run bench -- --profile`) splits its wall time into phases
 * from a workflow's history (scripts/bench/click-phases.ts). A reader trusts that table only
 * if each phase is the gap it names and the phases add up to the time the person waited:
 * checked here on a small literal history shaped like a leave case's start, with a workflow
 * task off the critical path and an activity whose start event is written after it ran.
 */
import { clickEvent, clickPhases, summarize, type ClickEvent } from '../../scripts/bench/click-phases';

const T = 1_796_659_596_000;
const e = (id: number, type: string, ms: number, extra: Partial<ClickEvent> = {}): ClickEvent => ({
  id,
  type,
  at: T + ms,
  ...extra,
});

// A start: the first workflow task schedules the read-model write; the Update arriving during
// it gets a workflow task of its own (off the path); the write's completion schedules the
// workflow task that completes the Update; one more task comes after the answer.
const start: ClickEvent[] = [
  e(1, 'WORKFLOW_EXECUTION_STARTED', 10),
  e(2, 'WORKFLOW_TASK_SCHEDULED', 10),
  e(3, 'WORKFLOW_TASK_STARTED', 14),
  e(4, 'WORKFLOW_TASK_COMPLETED', 40),
  e(5, 'ACTIVITY_TASK_SCHEDULED', 40, { activityType: 'recordTransition' }),
  e(6, 'WORKFLOW_TASK_SCHEDULED', 40),
  e(7, 'WORKFLOW_TASK_STARTED', 42),
  e(8, 'WORKFLOW_TASK_COMPLETED', 50),
  e(9, 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED', 50),
  e(10, 'ACTIVITY_TASK_STARTED', 47, { scheduledEventId: 5 }),
  e(11, 'ACTIVITY_TASK_COMPLETED', 70, { scheduledEventId: 5 }),
  e(12, 'WORKFLOW_TASK_SCHEDULED', 70),
  e(13, 'WORKFLOW_TASK_STARTED', 73),
  e(14, 'WORKFLOW_TASK_COMPLETED', 85),
  e(15, 'WORKFLOW_EXECUTION_UPDATE_COMPLETED', 85),
  e(16, 'WORKFLOW_TASK_SCHEDULED', 90),
];

describe('the phases of one click', () => {
  it('follows the critical path back from the Update and adds up to the wall time', () => {
    // Shuffled: the phases must not depend on the order events are handed over in.
    const profile = clickPhases([...start].reverse(), T, T + 100);
    expect(profile.phases).toEqual([
      { name: 'request to its workflow task scheduled', ms: 10 },
      { name: 'workflow task 1: queue wait', ms: 4 },
      { name: 'workflow task 1: run', ms: 26 },
      { name: 'activity recordTransition: queue wait', ms: 7 },
      { name: 'activity recordTransition: run', ms: 23 },
      { name: 'workflow task 2: queue wait', ms: 3 },
      { name: 'workflow task 2: run', ms: 12 },
      { name: 'Update completed to the answer', ms: 15 },
    ]);
    expect(profile.phases.reduce((s, p) => s + p.ms, 0)).toBe(100);
    // Three workflow tasks and one activity task before the answer; the task after it not counted.
    expect(profile).toMatchObject({ workflowTasks: 3, activityTasks: 1 });
  });

  it('starts the path at the workflow task an arriving Update scheduled', () => {
    // A completion: only the events after the request, the Update's own task first.
    const completion = start.slice(11).map((x, i) => ({ ...x, id: 100 + i }));
    const profile = clickPhases(completion, T + 60, T + 95);
    expect(profile.phases).toEqual([
      { name: 'request to its workflow task scheduled', ms: 10 },
      { name: 'workflow task 1: queue wait', ms: 3 },
      { name: 'workflow task 1: run', ms: 12 },
      { name: 'Update completed to the answer', ms: 10 },
    ]);
    expect(profile).toMatchObject({ workflowTasks: 1, activityTasks: 0 });
  });

  it('refuses a history in which no Update answered the click', () => {
    expect(() => clickPhases(start.slice(0, 4), T, T + 50)).toThrow(/no completed Update/);
  });

  it('reads the event time, type and activity of a history event as Temporal gives it', () => {
    const names: Record<number, string> = {
      10: 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED',
      12: 'EVENT_TYPE_ACTIVITY_TASK_STARTED',
    };
    const typeName = (n: number) => names[n];
    expect(
      clickEvent(
        {
          eventId: 5,
          eventType: 10,
          eventTime: { seconds: 1_796_659_596, nanos: 575_500_000 },
          activityTaskScheduledEventAttributes: { activityType: { name: 'recordTransition' } },
        },
        typeName,
      ),
    ).toEqual({ id: 5, type: 'ACTIVITY_TASK_SCHEDULED', at: T + 575.5, activityType: 'recordTransition' });
    expect(
      clickEvent(
        {
          eventId: '10',
          eventType: 12,
          eventTime: { seconds: '1796659596', nanos: 0 },
          activityTaskStartedEventAttributes: { scheduledEventId: 5 },
        },
        typeName,
      ),
    ).toEqual({ id: 10, type: 'ACTIVITY_TASK_STARTED', at: T, scheduledEventId: 5 });
  });

  it('summarizes each phase over the samples, the total last', () => {
    const profiles = [30, 10, 20].map((ms) => ({
      phases: [
        { name: 'a', ms },
        { name: 'b', ms: 2 * ms },
      ],
      workflowTasks: 1,
      activityTasks: 0,
    }));
    expect(summarize(profiles)).toEqual([
      { name: 'a', p50: 20, mean: 20, samples: 3 },
      { name: 'b', p50: 40, mean: 40, samples: 3 },
      { name: 'total (wall time of the request)', p50: 60, mean: 60, samples: 3 },
    ]);
  });
});
