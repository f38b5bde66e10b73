/**
 * Runs one scenario: starts the model's workflows, then for each planned step picks what
 * happens against the case as it stands — a person acts on an open task (authorised or
 * not, valid or not), the process's own Updates and other workflows' signals, several of
 * those at once, the clock moving (timers fire), a fault in the database or the mail
 * server, an admin's retry of an incident, a worker restart (with an Update in flight or
 * not) — waits until everything is idle and checks the invariants. At the end faults are
 * lifted, incidents retried, every accepted action must have finished, and the scenario's
 * workflows are terminated so the shared server does not carry them on.
 */
import { randomBytes } from 'node:crypto';
import { buildPolicy } from '../../lib/policy';
import { laDate } from '../../platform/workflow/calendar';
import { noFaults } from './fakes';
import { Checker, newCheckState, type Accepted, type Violation } from './invariants';
import type { Action, Ctx, Sent, SimCase, SimModel } from './model';
import { Choice, type Plan } from './plan';
import { bounded, LIMITS, OutOfTime } from './bounds';
import { profile } from './profile';
import { settle } from './settle';
import { acceptedInHistory, duringOutage, howLong, isRefusal, retryIncident, settingsTold, within } from './steps';
import { taskActions } from './task-actions';
import type { World } from './world';

export interface ScenarioResult {
  steps: number;
  checks: number;
  violations: (Violation & { step: number })[];
  log: string[];
  /** The scenario ran out of time (its workflows may still be busy: the server is best replaced). */
  outOfTime?: boolean;
}

/** How far a scenario got: what a scenario that runs out of time reports. */
interface Trail {
  log: string[];
  step: number;
  cases: SimCase[];
}

let counter = 0;
const HOUR = 3_600_000;

/**
 * Runs one scenario within its bound: one that runs out of time (the whole scenario, a
 * clock move, a settle) ends with the `finishes-in-time` violation and the steps it took.
 */
export async function runScenario(
  world: World,
  model: SimModel,
  plan: Plan,
  limitMs = LIMITS.scenarioMs,
): Promise<ScenarioResult> {
  const trail: Trail = { log: [], step: 0, cases: [] };
  try {
    return await bounded(playScenario(world, model, plan, trail), limitMs, 'the scenario');
  } catch (err) {
    if (!(err instanceof OutOfTime)) throw err;
    for (const c of trail.cases) {
      await bounded(
        world.client.workflow.getHandle(c.workflowId).terminate('scenario out of time'),
        10_000,
        'a stop',
      ).catch(() => undefined);
      world.faultsOf.delete(c.workflowId);
    }
    const at = trail.step ? `step ${trail.step}` : 'its start';
    return {
      steps: trail.step,
      checks: 0,
      violations: [{ step: trail.step, invariant: 'finishes-in-time', detail: `${err.message} (at ${at})` }],
      log: trail.log,
      outOfTime: true,
    };
  }
}

async function playScenario(world: World, model: SimModel, plan: Plan, trail: Trail): Promise<ScenarioResult> {
  const faults = noFaults();
  const rng = new Choice(plan.choices);
  const policy = { ...buildPolicy({}, 'http://127.0.0.1:3000'), maxHistoryEvents: plan.maxHistoryEvents };
  const client = world.client;
  const base = {
    world,
    faults,
    client,
    taskQueue: world.taskQueue(plan.cache),
    policy,
    rng,
    tag: `sim${++counter}${randomBytes(3).toString('hex')}`,
    handle: (c?: SimCase) => client.workflow.getHandle((c ?? ctx.main).workflowId),
    nowMs: () => world.now(),
    today: async () => laDate(await world.now()),
    query: <T>(name: string, c?: SimCase): Promise<T> => {
      // While the scenario stands still (settled quiet, nothing sent, the clock locked), a
      // workflow's answer cannot change; and a run's answers are the same wherever its
      // history is as long as it was (the same events, the same state): a refused action
      // or a step that changed nothing asks again only what it did not ask before.
      const workflowId = (c ?? ctx.main).workflowId;
      const at = still?.get(workflowId);
      const key = `${workflowId}|${at}|${name}`;
      const known = at ? answers.get(key) : undefined;
      if (known) return known as Promise<T>;
      const answer = profile.time('query', () =>
        within(client.workflow.getHandle(workflowId).query<T>(name), `query ${name}`),
      );
      if (at) {
        answers.set(key, answer);
        answer.catch(() => answers.delete(key));
      }
      return answer;
    },
  };
  const log = trail.log;
  /** Each case's run and history length while the scenario stands still (undefined: it may move). */
  let still: Map<string, string> | undefined;
  /** Query answers by workflow, run, history length and query. */
  const answers = new Map<string, Promise<unknown>>();
  const thaw = () => (still = undefined);
  // SIMULATE_TRACE=1 prints each step as it happens (to see where a scenario hangs).
  if (process.env.SIMULATE_TRACE)
    log.push = (...xs: string[]) => {
      for (const x of xs) process.stdout.write(`    ${x}\n`);
      return Array.prototype.push.apply(log, xs);
    };
  if (process.env.SIMULATE_TRACE) log.push(`start (tag ${base.tag})`);
  const cases = await profile.time('start', () => model.start(base));
  trail.cases = cases;
  const ctx: Ctx = { ...base, cases, main: cases[0] };
  faults.scope = ctx.main.caseId;
  for (const c of cases) world.faultsOf.set(c.workflowId, faults);
  const mine = () => world.model.attempts.filter((a) => cases.some((c) => c.workflowId === a.workflowId)).length;
  const st = newCheckState();
  const checker = new Checker(ctx, world.model, st);
  const violations: ScenarioResult['violations'] = [];
  let step = 0;
  const checkNow = async (final = false) => {
    thaw();
    const { looks, quiet } = await profile.time('settle', () =>
      bounded(settle(ctx), LIMITS.settleMs, `settling after step ${step}`),
    );
    // Quiet: idle, and nothing moves until the driver acts (see `thaw`).
    if (quiet) still = new Map(looks.map((l) => [l.c.workflowId, `${l.runId}:${l.history.length}`]));
    const found = await profile.time('check', () => checker.check(looks, quiet, final));
    for (const v of found) {
      // Reported once, at the first step it shows.
      if (!violations.some((x) => x.invariant === v.invariant && x.detail === v.detail))
        violations.push({ ...v, step });
    }
    return quiet;
  };

  /**
   * Sends an action and tells, within a moment, whether it was accepted: its result came,
   * or it is still running (waiting on an incident or a retry). A failed result is a
   * refusal unless the history shows the Update accepted (then its handler failed).
   */
  const send = async (a: Action): Promise<'accepted' | 'refused' | 'pending'> => {
    thaw();
    let sent: Sent;
    try {
      sent = await profile.time('send', () => a.send());
    } catch (err) {
      if (isRefusal(err)) return 'refused';
      throw err;
    }
    const entry: Accepted = {
      label: a.label,
      state: 'inflight',
      expectations: a.expect?.(undefined) ?? [],
      signal: a.signal,
    };
    st.accepted.push(entry);
    const outcome = sent.result.then(
      (r) => {
        entry.expectations = a.expect?.(r) ?? [];
        entry.state = 'done';
        if (a.mustRefuse)
          violations.push({ step, invariant: 'refused-when-not-allowed', detail: `${a.label} was accepted` });
        return 'accepted' as const;
      },
      async (err) => {
        if (sent.update && !(await acceptedInHistory(ctx, world, sent.update))) {
          entry.state = 'refused';
          return 'refused' as const;
        }
        entry.state = 'failed';
        violations.push({
          step,
          invariant: 'accepted-action-finished',
          detail: `${a.label} failed after it was accepted: ${String(err?.cause?.message ?? err)}`,
        });
        return 'accepted' as const;
      },
    );
    return profile.time('send wait', () =>
      Promise.race([outcome, new Promise<'pending'>((r) => setTimeout(() => r('pending'), 1_500))]),
    );
  };

  /** The process's own actions and the signals every case takes (the organisation's settings, now and then). */
  const ownAndPlatformActions = async (): Promise<Action[]> => [
    ...((await model.actions?.(ctx)) ?? []),
    ...(rng.chance(25) ? [await settingsTold(ctx)] : []),
  ];

  let quiet = await checkNow();
  for (step = 1; step <= plan.steps; step++) {
    trail.step = step;
    const incident = world.model.incidents.has(ctx.main.caseId);
    const kind = rng.weighted({
      task: 40,
      action: 20,
      burst: 8,
      time: 14,
      fault: 7,
      retry: incident ? 14 : 0,
      restart: plan.cache === 'uncached' ? 5 : 0,
      together: plan.cache === 'uncached' ? 5 : 0,
      never: 6,
    });
    const attemptsBefore = mine();
    if (process.env.SIMULATE_TRACE) process.stdout.write(`      step ${step}: ${kind}\n`);
    profile.add(`step ${kind}`, 0);
    let refusedAlone = false;
    if (kind === 'task' || kind === 'action' || kind === 'never') {
      const options =
        kind === 'task'
          ? await taskActions(ctx, model, 'valid')
          : kind === 'never'
            ? await taskActions(ctx, model, 'never')
            : await ownAndPlatformActions();
      // Nothing of that kind to do: the process's own actions, else the clock moves.
      const choices = options.length ? options : await ownAndPlatformActions();
      if (choices.length) {
        const a = rng.pick(choices);
        const r = await send(a);
        log.push(`${step}. ${a.label} -> ${r}`);
        refusedAlone = r === 'refused' && !a.signal;
      } else {
        const ms = duringOutage(faults, await howLong(ctx, rng));
        thaw();
        await world.sleep(ms);
        log.push(`${step}. (nothing to do) clock +${(ms / HOUR).toFixed(1)} h`);
      }
    } else if (kind === 'burst') {
      const options = [...(await taskActions(ctx, model, 'valid')), ...(await ownAndPlatformActions())];
      const picked = options.length
        ? [rng.pick(options), rng.pick(options), ...(rng.chance(40) ? [rng.pick(options)] : [])]
        : [];
      const results = await Promise.all(picked.map((a) => send(a)));
      log.push(`${step}. at once: ${picked.map((a, i) => `${a.label} -> ${results[i]}`).join(' | ') || '(nothing)'}`);
    } else if (kind === 'time') {
      const ms = duringOutage(faults, await howLong(ctx, rng));
      thaw();
      await world.sleep(ms);
      log.push(`${step}. clock +${(ms / HOUR).toFixed(1)} h`);
    } else if (kind === 'fault') {
      const f = faults;
      const what = rng.weighted({ transient: 4, refuse: model.noRefusals ? 0 : 3, outage: 2, mail: 1 });
      if (what === 'transient') f.transient = 1 + rng.int(3);
      if (what === 'refuse') f.refuse = 1 + rng.int(2);
      if (what === 'outage') f.outage = !f.outage;
      if (what === 'mail') f.mailDown = !f.mailDown;
      log.push(
        `${step}. fault: ${what} (transient ${f.transient}, refuse ${f.refuse}, ` +
          `outage ${f.outage}, mail down ${f.mailDown})`,
      );
    } else if (kind === 'retry') {
      // The admin retries; usually after the cause is fixed, sometimes before.
      if (rng.chance(75)) Object.assign(faults, { refuse: 0, outage: false, transient: 0 });
      const r = await send({ label: 'admin retries the incident', send: retryIncident(ctx) });
      log.push(`${step}. admin retries the incident -> ${r}`);
    } else if (kind === 'together') {
      // Two things sent while no worker polls reach the workflow in one workflow task, in
      // either order (a signal's work and an Update's must replay the same whatever the order).
      // A process's own action or a signal (the organisation's settings among them), and a person's Update.
      const own = [...((await model.actions?.(ctx)) ?? []), await settingsTold(ctx)];
      const tasks = await taskActions(ctx, model, 'valid');
      const pair = [rng.pick(own), ...(tasks.length ? [rng.pick(tasks)] : [rng.pick(own)])];
      const picked = rng.chance(50) ? pair : pair.reverse();
      let sending: Promise<'accepted' | 'refused' | 'pending'>[] = [];
      thaw();
      await world.withWorkerAway(plan.cache, async () => {
        sending = picked.map((a) => send(a));
        await new Promise((r) => setTimeout(r, 500));
      });
      const results = await Promise.all(sending);
      log.push(
        `${step}. in one task: ${picked.map((a, i) => `${a.label} -> ${results[i]}`).join(' | ') || '(nothing)'}`,
      );
    } else if (kind === 'restart') {
      const options = rng.chance(50) ? await taskActions(ctx, model, 'valid') : [];
      const a = options.length ? rng.pick(options) : undefined;
      // An Update sent while the worker goes away is answered by the next one.
      const sending = a ? send(a) : Promise.resolve(undefined);
      thaw();
      await world.restartWorker(plan.cache);
      const r = await sending;
      log.push(`${step}. worker restarted${a ? ` while ${a.label} -> ${r}` : ''}`);
    }
    const wasQuiet = quiet;
    quiet = await checkNow();
    // A refused action changes nothing: no write follows it.
    if (refusedAlone && wasQuiet && quiet && mine() !== attemptsBefore) {
      violations.push({
        step,
        invariant: 'refusal-writes-nothing',
        detail: `${log[log.length - 1]} was followed by a write`,
      });
    }
  }

  // The end: faults lifted, incidents retried until none is left, everything accepted finished.
  Object.assign(faults, { transient: 0, refuse: 0, outage: false, mailDown: false });
  for (let i = 0; i < 6; i++) {
    await checkNow();
    const open = ctx.cases.filter((c) => world.model.incidents.has(c.caseId));
    if (!open.length && !st.accepted.some((a) => a.state === 'inflight')) break;
    for (const c of open) await send({ label: 'admin retries the incident (end)', send: retryIncident(ctx, c) });
  }
  await checkNow(true);
  for (const c of ctx.cases) {
    await profile.time('terminate', () =>
      client.workflow
        .getHandle(c.workflowId)
        .terminate('scenario over')
        .catch(() => undefined),
    );
    world.faultsOf.delete(c.workflowId);
  }
  return { steps: plan.steps, checks: checker.checks, violations, log };
}
