/**
 * Replay only (never in a worker that runs cases): bundled into the workflow code that the
 * replay suite and `npm run replay-coverage` build, it reports what each command the
 * replayed code issues carries — an activity's input, a timer's duration, a signal's and a
 * continue-as-new's input, the workflow's result and each Update's answer — through the
 * `replayValues` sink (called during replay). Temporal's own replay check compares only the
 * kind and order of commands; lib/replay/values.ts compares these values with the history.
 * Each value is copied through the default payload converter when it is issued, so it is
 * what the command would have carried then (later mutations of the same object do not show).
 */
import { defaultPayloadConverter } from '@temporalio/common';
import { proxySinks, type Sinks, type WorkflowInterceptorsFactory } from '@temporalio/workflow';

/** What a replayed command carried: its kind, the id Temporal's history keys it by, a name, its value. */
export interface ReplayedValue {
  /** `probe`: replay-coverage's mark that a history reached a mutated place (no command). */
  kind: 'activity' | 'timer' | 'signal' | 'child' | 'continueAsNew' | 'result' | 'update' | 'probe';
  /** Activity and timer: their id (the command's sequence number); update: its id; else ''. */
  id: string;
  /** The activity type, signal name, workflow type or Update name. */
  name: string;
  value: unknown;
}

export interface ReplayValueSinks extends Sinks {
  replayValues: { command(v: ReplayedValue): void };
}

const { replayValues } = proxySinks<ReplayValueSinks>();

/** The value as its payload would carry it (undefined keys dropped, dates as strings). */
const asSent = (values: unknown[]): unknown[] =>
  values.map((v) =>
    v === undefined ? undefined : defaultPayloadConverter.fromPayload(defaultPayloadConverter.toPayload(v)),
  );

const report = (kind: ReplayedValue['kind'], id: string, name: string, value: unknown): void =>
  replayValues.command({ kind, id, name, value });

export const interceptors: WorkflowInterceptorsFactory = () => ({
  outbound: [
    {
      scheduleActivity(input, next) {
        report('activity', input.options.activityId ?? String(input.seq), input.activityType, asSent(input.args));
        return next(input);
      },
      startTimer(input, next) {
        report('timer', String(input.seq), 'timer', input.durationMs);
        return next(input);
      },
      signalWorkflow(input, next) {
        const t = input.target;
        const target = t.type === 'external' ? t.workflowExecution.workflowId : t.childWorkflowId;
        report('signal', '', input.signalName, { target, args: asSent(input.args) });
        return next(input);
      },
      startChildWorkflowExecution(input, next) {
        const { workflowId, args } = input.options;
        report('child', '', input.workflowType, { workflowId, args: asSent(args ?? []) });
        return next(input);
      },
      continueAsNew(input, next) {
        report('continueAsNew', '', input.options.workflowType ?? '', asSent(input.args));
        return next(input);
      },
    },
  ],
  // The same promise is returned, not one chained on it: an extra await would complete an
  // Update a tick later than the code does, and Temporal would see another command order.
  inbound: [
    {
      execute(input, next) {
        const result = next(input);
        void result.then(
          (r) => report('result', '', 'result', asSent([r])[0]),
          () => undefined,
        );
        return result;
      },
      handleUpdate(input, next) {
        const result = next(input);
        void result.then(
          (r) => report('update', input.updateId, input.name, asSent([r])[0]),
          () => undefined,
        );
        return result;
      },
    },
  ],
});
