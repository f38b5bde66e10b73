/**
 * The judge of `npm run replay-coverage`, run as a child process that the script restarts
 * when a mutant's replay does not finish (a removed `await` in a loop can make a workflow
 * loop for ever, growing without bound): it replays every history against the unmutated
 * code (the control, whose drifts — the accepted ones — are the baseline), then, for each
 * mutation index it is sent, bundles that mutant, replays the histories with the value
 * comparison (the mutated file's own workflows first, stopping at the first that fails)
 * and, if none fails, replays once more with a probe at the mutated place to tell whether
 * any history reaches it. It answers `{ index, built, found?, reached? }`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { ROOT } from '../../lib/config';
import { mutatedWorkflows, WORKFLOWS, WORKFLOWS_ENTRY, type Edit } from '../../lib/replay/mutated-workflows';
import { replayWithValues, VALUE_INTERCEPTOR_MODULE, type Drift } from '../../lib/replay/values';
import { findMutations, type Mutation } from './mutations';

const HISTORIES = path.join(ROOT, 'test', 'histories');
type Loaded = { workflowId: string; type: string; history: temporal.api.history.v1.IHistory };

export interface Verdict {
  index: number;
  /** False when the mutant does not bundle (it is then not counted). */
  built: boolean;
  /** How a history caught it (absent: it escaped). */
  found?: string;
  /** For an escaped mutation: whether a history reaches its place (undefined: the probe failed). */
  reached?: boolean;
}

export function loadHistories(): Loaded[] {
  const out: Loaded[] = [];
  for (const g of readdirSync(HISTORIES)
    .filter((d) => /^v\d+$/.test(d))
    .sort()) {
    for (const f of readdirSync(path.join(HISTORIES, g))
      .filter((x) => x.endsWith('.json'))
      .sort()) {
      const json = JSON.parse(readFileSync(path.join(HISTORIES, g, f), 'utf8'));
      const history = temporal.api.history.v1.History.fromObject(json);
      const type = history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '';
      out.push({ workflowId: `${g}/${f.replace(/\.json$/, '')}`, type, history });
    }
  }
  return out;
}

const driftKey = (d: Drift) => JSON.stringify([d.history, d.event, d.path, d.recorded, d.replayed]);

/** Bundles a workflows entry point with the value interceptors (no tracing, no preloading). */
const bundle = (workflowsPath: string) =>
  bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: [VALUE_INTERCEPTOR_MODULE],
    logger: new DefaultLogger('ERROR'),
  });

async function withCopy<T>(name: string, edits: Edit[], use: (entry: string) => Promise<T>): Promise<T> {
  const copy = mutatedWorkflows(name, edits);
  try {
    return await use(copy.entry);
  } finally {
    copy.remove();
  }
}

async function start() {
  // Quiet: every caught mutation is a determinism error the core would otherwise log.
  const filter = makeTelemetryFilterString({ core: 'ERROR', other: 'ERROR' });
  Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter } } });
  const histories = loadHistories();
  const { mutations } = findMutations();
  // The control: unmutated code must replay every history, or every mutation would look caught.
  const baseline = new Set<string>();
  const unmutated = await bundle(path.join(WORKFLOWS, WORKFLOWS_ENTRY));
  for await (const r of replayWithValues({ workflowBundle: unmutated }, histories)) {
    if (r.error) throw new Error(`${r.workflowId} does not replay against the unmutated workflows: ${r.error.message}`);
    for (const d of r.drifts) baseline.add(driftKey(d));
  }
  // Which file defines each workflow type: a mutation's own workflow's histories are replayed first.
  const files = [...new Set(mutations.map((m) => m.file))];
  const sources = files.map((f) => [f, readFileSync(path.join(WORKFLOWS, f), 'utf8')] as const);
  const typeFile = new Map<string, string>();
  for (const h of histories) {
    const defining = sources.find(([, text]) => text.includes(`function ${h.type}(`));
    if (defining) typeFile.set(h.type, defining[0]);
  }

  const reaches = (m: Mutation, index: number) =>
    withCopy(`replay-coverage/p${index}`, m.probe, async (entry) => {
      for await (const r of replayWithValues({ workflowBundle: await bundle(entry) }, histories)) {
        if (r.replayed.some((v) => v.kind === 'probe')) return true;
      }
      return false;
    }).catch(() => undefined);

  return async (index: number): Promise<Verdict> => {
    const m = mutations[index];
    let workflowBundle;
    try {
      workflowBundle = await withCopy(`replay-coverage/m${index}`, m.edits, bundle);
    } catch {
      return { index, built: false };
    }
    const own = (h: Loaded) => Number(typeFile.get(h.type) === m.file);
    for await (const r of replayWithValues(
      { workflowBundle },
      [...histories].sort((a, b) => own(b) - own(a)),
    )) {
      const drift = r.drifts.find((d) => !baseline.has(driftKey(d)));
      // One history that fails is enough.
      if (r.error) return { index, built: true, found: `${r.workflowId}: ${r.error.name}` };
      if (drift) {
        return { index, built: true, found: `${r.workflowId} event ${drift.event} ${drift.path || drift.command}` };
      }
    }
    return { index, built: true, reached: await reaches(m, index) };
  };
}

/**
 * The check of the rule that leaves out code no workflow reaches (reachable.ts): a probe at
 * every place it left out, in as few copies as their overlaps allow, replayed against every
 * history. Returns the places a history reached (none, if the rule is right for them).
 */
export async function reachedLeftOut(): Promise<{ checked: number; reached: Mutation[] }> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const histories = loadHistories();
  const { unreachable } = findMutations();
  const reached = new Set<Mutation>();
  let rest = [...unreachable];
  for (let round = 0; rest.length; round++) {
    // Probes whose edits overlap another's wait for the next copy.
    const taken: Mutation[] = [];
    const overlaps = (m: Mutation) =>
      taken.some((t) => t.file === m.file && t.probe[0].from < m.probe[0].to && m.probe[0].from < t.probe[0].to);
    for (const m of rest)
      if (!overlaps(m) && !taken.some((t) => t.file === m.file && t.probe[0].from === m.probe[0].from)) taken.push(m);
    // Each probe reports its index; a file's import of the sinks is added once.
    const headed = new Set<string>();
    const edits = taken.map((m, i) => {
      const e = m.probe[0];
      const header = headed.has(e.file) ? undefined : (headed.add(e.file), e.header);
      return { ...e, header, text: e.text.replace('value: 0', `value: ${i}`) };
    });
    await withCopy(`replay-coverage/left-out-${round}`, edits, async (entry) => {
      for await (const r of replayWithValues({ workflowBundle: await bundle(entry) }, histories)) {
        for (const v of r.replayed) if (v.kind === 'probe') reached.add(taken[Number(v.value)]);
      }
    });
    rest = rest.filter((m) => !taken.includes(m));
  }
  return { checked: unreachable.length, reached: [...reached] };
}

/** As a child: judges each index the parent sends, answering each with its verdict. */
export function serve(): void {
  const judging = start();
  process.on('message', (msg: { index: number }) => {
    judging
      .then((judge) => judge(msg.index))
      .then(
        (v) => process.send!(v),
        (err: Error) => {
          console.error(err);
          process.exit(1);
        },
      );
  });
  judging.then(
    () => process.send!({ ready: true }),
    (err: Error) => {
      console.error(err);
      process.exit(1);
    },
  );
}
