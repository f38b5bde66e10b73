/**
 * Replay that sees values. Temporal's replay check fails a history when the code issues
 * another kind or order of commands, but not when the same commands carry other values: a
 * task's due date pushed three days, an e-mail's text, a timer's duration would all replay
 * green and silently disagree with what running cases wrote and sent. This replays each
 * history with lib/replay/value-interceptors.ts bundled in, and compares what the replayed
 * code issued with what the history recorded (payloads decoded with the same converter).
 *
 * The rule: every value the history recorded must be reproduced, at the same place.
 *   - activities (by activity id) and timers (by timer id) are paired with the recorded
 *     ActivityTaskScheduled input and TimerStarted duration; signals to other workflows
 *     and child starts in order; continue-as-new's input, the workflow's result and each
 *     Update's answer (by update id) with theirs;
 *   - within a value, every key the history recorded must be there with an equal value;
 *     a key the history did not record may appear (a read-model row growing a field);
 *     arrays keep their length (an extra e-mail or task is a change, not a field);
 *   - a command the history recorded that the replay did not issue is a drift; one the
 *     replay issued past what the history recorded is not compared (a history may end
 *     before its last workflow task completed; a command cancelled before it was sent is
 *     never recorded). Adding or removing commands inside a history is Temporal's own check.
 *   - activity options (timeouts, retries, task queue) are not compared: changing them is
 *     safe for running cases, and they are not what a case writes or sends.
 * Drifts meant to reach running cases are accepted by the reviewed list of accepted.ts.
 */
import { defaultPayloadConverter, type DataConverter, type Payload } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { normaliseTransition } from '../../platform/workflow/projections';
import type { ReplayedValue, ReplayValueSinks } from './value-interceptors';
import { renderEmail } from '../../platform/emails/render';
import type { EmailMessage } from '../../platform/workflow/records';
import type { InjectedSinks } from '@temporalio/worker';

/** The module to bundle (bundlerOptions / bundleWorkflowCode's workflowInterceptorModules). */
export const VALUE_INTERCEPTOR_MODULE = require.resolve('./value-interceptors');

type History = temporal.api.history.v1.IHistory;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;

/** One value the replay did not reproduce. */
export interface Drift {
  /** The history (as replayed: its workflow id, e.g. `v2/match`). */
  history: string;
  /** The id of the event that recorded the value. */
  event: number;
  /** e.g. `activity recordTransition`, `timer`, `update completeTask`. */
  command: string;
  /** Where in the value: `args[0].tasks[0].dueAt` ('' for the whole value). */
  path: string;
  recorded: unknown;
  /** `undefined` when the replay has no such key, or issued no such command. */
  replayed: unknown;
}

interface RecordedValue extends ReplayedValue {
  event: number;
}

async function decode(payloads: Payloads, dc: DataConverter): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const p of payloads?.payloads ?? []) {
    let payload = p as Payload;
    for (const codec of [...(dc.payloadCodecs ?? [])].reverse()) [payload] = await codec.decode([payload]);
    out.push(defaultPayloadConverter.fromPayload(payload));
  }
  return out;
}

type Duration = { seconds?: unknown; nanos?: number | null } | null | undefined;
const ms = (d: Duration) => Number(d?.seconds ?? 0) * 1000 + Math.round((d?.nanos ?? 0) / 1e6);

/** The values a history recorded, in the shape the interceptors report them. */
export async function recordedValues(history: History, dc: DataConverter): Promise<RecordedValue[]> {
  const out: RecordedValue[] = [];
  for (const e of history.events ?? []) {
    const event = Number(e.eventId);
    const a = e.activityTaskScheduledEventAttributes;
    if (a) {
      const name = a.activityType?.name ?? '';
      out.push({ event, kind: 'activity', id: a.activityId ?? '', name, value: await decode(a.input, dc) });
    }
    const t = e.timerStartedEventAttributes;
    if (t) out.push({ event, kind: 'timer', id: t.timerId ?? '', name: 'timer', value: ms(t.startToFireTimeout) });
    const s = e.signalExternalWorkflowExecutionInitiatedEventAttributes;
    if (s) {
      const value = { target: s.workflowExecution?.workflowId, args: await decode(s.input, dc) };
      out.push({ event, kind: 'signal', id: '', name: s.signalName ?? '', value });
    }
    const c = e.startChildWorkflowExecutionInitiatedEventAttributes;
    if (c) {
      const value = { workflowId: c.workflowId, args: await decode(c.input, dc) };
      out.push({ event, kind: 'child', id: '', name: c.workflowType?.name ?? '', value });
    }
    const n = e.workflowExecutionContinuedAsNewEventAttributes;
    if (n) {
      const name = n.workflowType?.name ?? '';
      out.push({ event, kind: 'continueAsNew', id: '', name, value: await decode(n.input, dc) });
    }
    const r = e.workflowExecutionCompletedEventAttributes;
    if (r) out.push({ event, kind: 'result', id: '', name: 'result', value: (await decode(r.result, dc))[0] });
    const u = e.workflowExecutionUpdateCompletedEventAttributes;
    if (u?.outcome?.success) {
      const value = (await decode(u.outcome.success, dc))[0];
      out.push({ event, kind: 'update', id: u.meta?.updateId ?? '', name: '', value });
    }
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Equality of JSON values by content alone: the replayed ones are built in the workflow's
 * own context (other prototypes), which util.isDeepStrictEqual would count as a difference.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    const others = Object.keys(b).filter((k) => b[k] !== undefined);
    return keys.length === others.length && keys.every((k) => sameJson(a[k], b[k]));
  }
  return Object.is(a, b);
}

/**
 * Where `replayed` does not reproduce `recorded` (see the rule above). `same` decides two
 * leaves (the replay's own workflow id against the recorded one, see compareValues).
 */
export function uncovered(
  recorded: unknown,
  replayed: unknown,
  path = '',
  same: (r: unknown, p: unknown) => boolean = sameJson,
): { path: string; recorded: unknown; replayed: unknown }[] {
  if (Array.isArray(recorded)) {
    if (!Array.isArray(replayed) || replayed.length !== recorded.length) return [{ path, recorded, replayed }];
    return recorded.flatMap((r, i) => uncovered(r, replayed[i], `${path}[${i}]`, same));
  }
  if (isObject(recorded)) {
    if (!isObject(replayed)) return [{ path, recorded, replayed }];
    return Object.keys(recorded).flatMap((k) => uncovered(recorded[k], replayed[k], path ? `${path}.${k}` : k, same));
  }
  return same(recorded, replayed) ? [] : [{ path, recorded, replayed }];
}

/**
 * The drifts of one history: each recorded value against the replayed command it pairs with.
 * The replay runs a history under `replayId` (the id it recorded, else the file's name),
 * which the code reads back (`workflowInfo().workflowId` in the case snapshot): a replayed
 * value equal to it reproduces the one workflow id the history recorded in its place — the
 * same id everywhere in the history, or it is a drift.
 */
export function compareValues(
  historyId: string,
  recorded: RecordedValue[],
  replayed: ReplayedValue[],
  replayId = historyId,
): Drift[] {
  const drifts: Drift[] = [];
  let ownId: unknown;
  const same = (r: unknown, p: unknown) => {
    if (p !== replayId || typeof r !== 'string') return sameJson(r, p);
    ownId ??= r;
    return r === ownId;
  };
  const byId = (kind: string) => new Map(replayed.filter((v) => v.kind === kind).map((v) => [v.id, v]));
  const inOrder = (kind: string) => replayed.filter((v) => v.kind === kind);
  const keyed = { activity: byId('activity'), timer: byId('timer'), update: byId('update') };
  const ordered = {
    signal: inOrder('signal'),
    child: inOrder('child'),
    continueAsNew: inOrder('continueAsNew'),
    result: inOrder('result'),
  };
  const seen: Record<string, number> = {};
  for (const r of recorded) {
    const command = `${r.kind}${r.name && r.kind !== 'timer' && r.kind !== 'result' ? ` ${r.name}` : ''}`;
    let match: ReplayedValue | undefined;
    if (r.kind in keyed) match = keyed[r.kind as keyof typeof keyed].get(r.id);
    else match = ordered[r.kind as keyof typeof ordered][(seen[r.kind] = (seen[r.kind] ?? -1) + 1)];
    if (!match || (r.kind !== 'update' && match.name !== r.name)) {
      const issued = match ? `${match.kind} ${match.name}` : undefined;
      drifts.push({ history: historyId, event: r.event, command, path: '', recorded: r.value, replayed: issued });
      continue;
    }
    const [recordedValue, replayedValue] =
      r.kind === 'activity' && r.name === 'recordTransition'
        ? [asWrittenRows(r.value), asWrittenRows(match.value)]
        : [r.value, match.value];
    for (const d of uncovered(recordedValue, replayedValue, '', same)) {
      drifts.push({ history: historyId, event: r.event, command, ...d });
    }
  }
  return drifts;
}

/**
 * A recordTransition input as the rows it writes: a process's rows were once fields of the
 * transition (each process's `legacyProjectionFields`) and are now `projections`; both
 * shapes write the same rows, so both are compared in the current one
 * (platform/workflow/projections.ts).
 */
function asWrittenRows(args: unknown): unknown {
  if (!Array.isArray(args) || !isObject(args[0])) return args;
  return [normaliseTransition(args[0]), ...args.slice(1)];
}

export interface ValueReplayResult {
  workflowId: string;
  /** Temporal's own verdict (a determinism violation, a failed workflow task). */
  error?: Error;
  drifts: Drift[];
  /** What the replayed code reported, in order (a reach probe of replay-coverage among them). */
  replayed: ReplayedValue[];
}

/**
 * Replays each history (as Worker.runReplayHistories does) with the value interceptors and
 * compares its values. `options` either bundles (workflowsPath: the interceptor module is
 * added) or is a prebuilt bundle that already has it (VALUE_INTERCEPTOR_MODULE).
 */
export async function* replayWithValues(
  options: ReplayWorkerOptions,
  histories: Iterable<{ workflowId: string; history: History }>,
): AsyncGenerator<ValueReplayResult> {
  const reported = new Map<string, ReplayedValue[]>();
  const sinks: InjectedSinks<ReplayValueSinks> = {
    replayValues: {
      command: {
        fn: (info, v) => {
          const list = reported.get(info.workflowId) ?? [];
          list.push(v);
          reported.set(info.workflowId, list);
        },
        callDuringReplay: true,
      },
    },
  };
  const dc = options.dataConverter ?? {};
  const bundlerOptions = options.workflowBundle ? options.bundlerOptions : { ...options.bundlerOptions };
  const interceptors = options.workflowBundle
    ? options.interceptors
    : {
        ...options.interceptors,
        workflowModules: [...(options.interceptors?.workflowModules ?? []), VALUE_INTERCEPTOR_MODULE],
      };
  const replayOptions = { ...options, bundlerOptions, interceptors, sinks: { ...options.sinks, ...sinks } };
  // Each history replays under the workflow id it ran under: the code reads it (a case's place
  // in a spread window is a hash of it). Two recordings of one id replay in separate rounds.
  const rounds: Prepared[][] = [];
  for (const h of histories) {
    const recorded = await recordedValues(h.history, dc);
    const replayId = recordedWorkflowId(recorded) ?? h.workflowId;
    const p = { name: h.workflowId, history: h.history, recorded, replayId };
    const round = rounds.find((r) => r.every((x) => x.replayId !== p.replayId));
    if (round) round.push(p);
    else rounds.push([p]);
  }
  for (const round of rounds) {
    const byId = new Map(round.map((p) => [p.replayId, p]));
    const list = round.map((p) => ({ workflowId: p.replayId, history: p.history }));
    for await (const r of Worker.runReplayHistories(replayOptions, list)) {
      const p = byId.get(r.workflowId)!;
      const replayed = (reported.get(r.workflowId) ?? []).map(withRenderedEmails);
      reported.delete(r.workflowId);
      const drifts = compareValues(p.name, p.recorded, replayed, p.replayId);
      yield { workflowId: p.name, error: r.error, drifts, replayed };
    }
  }
}

/**
 * A replayed command with each templated e-mail also rendered (English, the same renderer
 * as the outbox): the subject and text a history recorded from before templates must be
 * what the template renders, word for word, or it is a drift.
 */
export function withRenderedEmails(v: ReplayedValue): ReplayedValue {
  return v.kind === 'probe' ? v : { ...v, value: renderIn(v.value) };
}

function renderIn(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(renderIn);
  if (!isObject(value)) return value;
  if (typeof value.template === 'string' && isObject(value.vars) && typeof value.key === 'string') {
    return { ...value, ...renderEmail(value as unknown as EmailMessage) };
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderIn(v)]));
}

type Prepared = { name: string; history: History; recorded: RecordedValue[]; replayId: string };

/** The workflow id a case ran under, as the case snapshot of its first recorded transition holds it. */
export function recordedWorkflowId(recorded: RecordedValue[]): string | undefined {
  for (const v of recorded) {
    if (v.kind !== 'activity' || v.name !== 'recordTransition' || !Array.isArray(v.value)) continue;
    const id = (v.value[0] as { case?: { workflowId?: unknown } } | undefined)?.case?.workflowId;
    if (typeof id === 'string') return id;
  }
  return undefined;
}
